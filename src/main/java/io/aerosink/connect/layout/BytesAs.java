package io.aerosink.connect.layout;

/** How a fixed-size bytes field ({@code S<n>}) becomes a bin value. */
public enum BytesAs {
    /** A UTF-8 string with the trailing NUL bytes that NumPy pads with removed (NumPy does the same). */
    STRING,
    /** A blob of all {@code n} bytes as they are in the row, padding included. */
    BLOB
}
