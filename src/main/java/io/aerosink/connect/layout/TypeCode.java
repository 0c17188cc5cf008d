package io.aerosink.connect.layout;

import java.nio.ByteOrder;

/** A parsed NumPy type string such as {@code <i4}, {@code |S16} or {@code >f8}: kind, element size, byte order. */
record TypeCode(Kind kind, int size, ByteOrder order) {

    private static final String EXPECTED =
            "expected a NumPy type such as '<i4', '>f8', 'u1', 'b1', 'S16' or 'V3'"
                    + " (byte order '<', '>', '|' or '=', then kind, then size in bytes)";

    /**
     * Parses {@code code}; an absent byte order and {@code '='} (native) are both taken as little-endian,
     * the order of every platform NumPy ships for in practice.
     */
    static TypeCode parse(String code, String fieldName, int position) {
        String s = code.strip();
        if (s.isEmpty()) {
            throw new LayoutException(fieldName, position, "missing type; " + EXPECTED);
        }
        int i = 0;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        char first = s.charAt(0);
        if (first == '>') {
            order = ByteOrder.BIG_ENDIAN;
            i++;
        } else if (first == '<' || first == '|' || first == '=') {
            i++;
        }
        if (i == s.length()) {
            throw new LayoutException(fieldName, position, "bad type '" + s + "'; " + EXPECTED);
        }
        char letter = s.charAt(i++);
        if (letter == '?' && i == s.length()) {
            return new TypeCode(Kind.BOOL, 1, ByteOrder.LITTLE_ENDIAN);
        }
        Kind kind = kindOf(letter, s, fieldName, position);
        if (i == s.length()) {
            throw new LayoutException(fieldName, position, "type '" + s + "' has no size; " + EXPECTED);
        }
        int size = parseSize(s, i, fieldName, position);
        checkSize(kind, size, s, fieldName, position);
        // One canonical order where it cannot matter, so that '|u1' and '<u1' compare equal.
        return new TypeCode(kind, size, kind.isNumeric() && size > 1 ? order : ByteOrder.LITTLE_ENDIAN);
    }

    private static Kind kindOf(char letter, String s, String fieldName, int position) {
        return switch (letter) {
            case 'b' -> Kind.BOOL;
            case 'i' -> Kind.INT;
            case 'u' -> Kind.UINT;
            case 'f' -> Kind.FLOAT;
            case 'S', 'a' -> Kind.BYTES;
            case 'V' -> Kind.VOID;
            case 'U' -> throw new LayoutException(fieldName, position,
                    "kind 'U' (unicode) is not supported; use S<n> bytes, e.g. numpy dtype 'S16'");
            case 'O' -> throw new LayoutException(fieldName, position,
                    "kind 'O' (Python object) is not supported: objects have no fixed bytes;"
                            + " use S<n> bytes or a number kind");
            case 'M', 'm' -> throw new LayoutException(fieldName, position, "kind '" + letter + "' ("
                    + (letter == 'M' ? "datetime64" : "timedelta64")
                    + ") is not supported; view it as integers, e.g. numpy dtype '<i8'");
            case 'c' -> throw new LayoutException(fieldName, position,
                    "kind 'c' (complex) is not supported; store the real and imaginary parts as two f4 or f8 fields");
            default -> throw new LayoutException(fieldName, position, "bad type '" + s + "'; " + EXPECTED);
        };
    }

    private static int parseSize(String s, int from, String fieldName, int position) {
        long size = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new LayoutException(fieldName, position, "bad type '" + s + "'; " + EXPECTED);
            }
            size = size * 10 + (c - '0');
            if (size > Integer.MAX_VALUE) {
                throw new LayoutException(fieldName, position, "size in type '" + s + "' is too large");
            }
        }
        return (int) size;
    }

    private static void checkSize(Kind kind, int size, String s, String fieldName, int position) {
        boolean ok = switch (kind) {
            case BOOL -> size == 1;
            case INT, UINT -> size == 1 || size == 2 || size == 4 || size == 8;
            case FLOAT -> size == 2 || size == 4 || size == 8;
            case BYTES, VOID -> size > 0;
        };
        if (!ok) {
            String sizes = switch (kind) {
                case BOOL -> "a bool is 'b1'";
                case INT, UINT -> "integers are 1, 2, 4 or 8 bytes";
                case FLOAT -> "floats are 2, 4 or 8 bytes";
                case BYTES, VOID -> "bytes fields need a size of at least 1";
            };
            throw new LayoutException(fieldName, position, "bad size in type '" + s + "'; " + sizes);
        }
    }

    /** Whether the byte order changes the value: multi-byte numbers only. */
    boolean orderMatters() {
        return kind.isNumeric() && size > 1;
    }

    /** NumPy's spelling, with the order shown only where it matters: {@code <f4}, {@code u1}, {@code S16}. */
    @Override
    public String toString() {
        String prefix = orderMatters() ? (order == ByteOrder.BIG_ENDIAN ? ">" : "<") : "";
        return prefix + kind.code() + size;
    }
}
