package io.aerosink.connect.layout;

/** The NumPy kinds a layout field may have, named by NumPy's kind letter. */
public enum Kind {
    /** {@code b1}: one byte, any non-zero value is true. */
    BOOL('b'),
    /** {@code i1 i2 i4 i8}: two's-complement signed integer. */
    INT('i'),
    /** {@code u1 u2 u4 u8}: unsigned integer. */
    UINT('u'),
    /** {@code f2 f4 f8}: IEEE 754 half, single or double precision. */
    FLOAT('f'),
    /** {@code S<n>}: fixed-size bytes, NUL-padded. */
    BYTES('S'),
    /** {@code V<n>}: raw bytes; NumPy also uses it for padding. */
    VOID('V');

    private final char code;

    Kind(char code) {
        this.code = code;
    }

    /** NumPy's kind letter. */
    public char code() {
        return code;
    }

    /** Whether the element size is part of the kind's definition (numbers) rather than free (bytes). */
    boolean isNumeric() {
        return this == BOOL || this == INT || this == UINT || this == FLOAT;
    }
}
