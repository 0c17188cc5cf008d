package io.aerosink.connect.write;

import java.util.Arrays;

/** A non-negative long in msgpack, packed as the Aerospike client packs it (the shortest unsigned form). */
final class MsgPackLong {

    private MsgPackLong() {
    }

    private static final byte[] NOTHING = {};

    /** {@code prefix} followed by {@code value} (not negative), in a new array. */
    static byte[] append(byte[] prefix, long value) {
        return between(prefix, value, NOTHING);
    }

    /** {@code prefix}, {@code value} (not negative) and {@code suffix}, in one new array. */
    static byte[] between(byte[] prefix, long value, byte[] suffix) {
        int width = value < 128 ? 0 : value < 256 ? 1 : value < 65_536 ? 2 : value < 4_294_967_296L ? 4 : 8;
        byte[] out = Arrays.copyOf(prefix, prefix.length + 1 + width + suffix.length);
        int at = prefix.length;
        switch (width) {
            case 0 -> out[at] = (byte) value;
            case 1 -> out[at] = (byte) 0xcc;
            case 2 -> out[at] = (byte) 0xcd;
            case 4 -> out[at] = (byte) 0xce;
            default -> out[at] = (byte) 0xcf;
        }
        for (int i = 0; i < width; i++) {
            out[at + 1 + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        System.arraycopy(suffix, 0, out, at + 1 + width, suffix.length);
        return out;
    }
}
