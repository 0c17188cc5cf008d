package io.aerosink.connect.testserver;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the msgpack the client writes in filter expressions, CDT op arguments and map bins, one element at a time.
 * Malformed or truncated input throws {@link IllegalArgumentException}, which callers answer with PARAMETER_ERROR:
 * a bad request must fail its own record, not the connection thread.
 */
final class MsgPack {
    private final byte[] b;
    private int p;

    MsgPack(byte[] bytes) {
        this.b = bytes;
    }

    boolean hasMore() {
        return p < b.length;
    }

    boolean nextIsArray() {
        int t = peek();
        return (t & 0xF0) == 0x90 || t == 0xDC || t == 0xDD;
    }

    boolean nextIsInt() {
        int t = peek();
        return t <= 0x7F || t >= 0xE0 || t >= 0xCC && t <= 0xD3;
    }

    boolean nextIsString() {
        int t = peek();
        return (t & 0xE0) == 0xA0 || t >= 0xD9 && t <= 0xDB;
    }

    boolean nextIsExt() {
        int t = peek();
        return t >= 0xC7 && t <= 0xC9 || t >= 0xD4 && t <= 0xD8;
    }

    int readArrayHeader() {
        int t = next();
        if ((t & 0xF0) == 0x90) {
            return t & 0x0F;
        }
        return switch (t) {
            case 0xDC -> (int) unsigned(2);
            case 0xDD -> count(unsigned(4));
            default -> throw malformed("array expected");
        };
    }

    int readMapHeader() {
        int t = next();
        if ((t & 0xF0) == 0x80) {
            return t & 0x0F;
        }
        return switch (t) {
            case 0xDE -> (int) unsigned(2);
            case 0xDF -> count(unsigned(4));
            default -> throw malformed("map expected");
        };
    }

    long readLong() {
        int t = next();
        if (t <= 0x7F) {
            return t;
        }
        if (t >= 0xE0) {
            return (byte) t;
        }
        return switch (t) {
            case 0xCC -> unsigned(1);
            case 0xCD -> unsigned(2);
            case 0xCE -> unsigned(4);
            // uint64 above Long.MAX_VALUE wraps, as the server's int64 does.
            case 0xCF -> unsigned(8);
            case 0xD0 -> (byte) unsigned(1);
            case 0xD1 -> (short) unsigned(2);
            case 0xD2 -> (int) unsigned(4);
            case 0xD3 -> unsigned(8);
            default -> throw malformed("integer expected");
        };
    }

    /** A string's payload bytes (for client values these start with a particle-type byte). */
    byte[] readStringBytes() {
        int t = next();
        int length;
        if ((t & 0xE0) == 0xA0) {
            length = t & 0x1F;
        } else {
            length = switch (t) {
                case 0xD9 -> (int) unsigned(1);
                case 0xDA -> (int) unsigned(2);
                case 0xDB -> count(unsigned(4));
                default -> throw malformed("string expected");
            };
        }
        need(length);
        byte[] out = Arrays.copyOfRange(b, p, p + length);
        p += length;
        return out;
    }

    /** A string without particle-type byte, as bin names are sent. */
    String readName() {
        return new String(readStringBytes(), StandardCharsets.UTF_8);
    }

    /** The next element, nested ones included, exactly as encoded. */
    byte[] readRaw() {
        int start = p;
        skip();
        return Arrays.copyOfRange(b, start, p);
    }

    private void skip() {
        int t = next();
        if (t <= 0x7F || t >= 0xE0 || t == 0xC0 || t == 0xC2 || t == 0xC3) {
            return;
        }
        if ((t & 0xF0) == 0x80) {
            skipElements(2L * (t & 0x0F));
        } else if ((t & 0xF0) == 0x90) {
            skipElements(t & 0x0F);
        } else if ((t & 0xE0) == 0xA0) {
            skipBytes(t & 0x1F);
        } else {
            switch (t) {
                case 0xC4, 0xD9 -> skipBytes(unsigned(1));
                case 0xC5, 0xDA -> skipBytes(unsigned(2));
                case 0xC6, 0xDB -> skipBytes(unsigned(4));
                case 0xC7 -> skipBytes(unsigned(1) + 1);
                case 0xC8 -> skipBytes(unsigned(2) + 1);
                case 0xC9 -> skipBytes(unsigned(4) + 1);
                case 0xCC, 0xD0 -> skipBytes(1);
                case 0xCD, 0xD1 -> skipBytes(2);
                case 0xCA, 0xCE, 0xD2 -> skipBytes(4);
                case 0xCB, 0xCF, 0xD3 -> skipBytes(8);
                case 0xD4 -> skipBytes(2);
                case 0xD5 -> skipBytes(3);
                case 0xD6 -> skipBytes(5);
                case 0xD7 -> skipBytes(9);
                case 0xD8 -> skipBytes(17);
                case 0xDC -> skipElements(unsigned(2));
                case 0xDD -> skipElements(unsigned(4));
                case 0xDE -> skipElements(2 * unsigned(2));
                case 0xDF -> skipElements(2 * unsigned(4));
                default -> throw malformed("unknown msgpack type 0x" + Integer.toHexString(t));
            }
        }
    }

    private void skipElements(long count) {
        for (long i = 0; i < count; i++) {
            skip();
        }
    }

    private void skipBytes(long count) {
        need(count);
        p += (int) count;
    }

    private int peek() {
        need(1);
        return b[p] & 0xFF;
    }

    private int next() {
        int t = peek();
        p++;
        return t;
    }

    private long unsigned(int bytes) {
        need(bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = v << 8 | (b[p++] & 0xFF);
        }
        return v;
    }

    private int count(long n) {
        if (n > Integer.MAX_VALUE) {
            throw malformed("length " + n + " too large");
        }
        return (int) n;
    }

    private void need(long bytes) {
        if (bytes > b.length - p) {
            throw malformed("truncated at offset " + p);
        }
    }

    private static IllegalArgumentException malformed(String why) {
        return new IllegalArgumentException("malformed msgpack: " + why);
    }
}
