package io.aerosink.connect.avro;

import java.nio.charset.StandardCharsets;

/**
 * Avro's binary encoding read from one message's bytes: zig-zag varints, little-endian floats, length-prefixed
 * bytes and strings. Every length is checked against what is left, so a corrupt payload fails with the position
 * where it went wrong instead of allocating what a bad length asks for.
 */
public final class AvroInput {

    private final byte[] bytes;
    private final int limit;
    private int position;

    public AvroInput(byte[] bytes, int offset, int limit) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = limit;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return limit - position;
    }

    public boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            throw corrupt("a boolean byte is " + b + ", not 0 or 1", 1);
        }
        return b == 1;
    }

    public int readInt() {
        long value = readLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw corrupt("an int varint holds " + value + ", out of the int range", 0);
        }
        return (int) value;
    }

    public long readLong() {
        int b = readByte();
        long raw = b & 0x7F;
        int shift = 7;
        while ((b & 0x80) != 0) {
            if (shift > 63) {
                throw corrupt("a varint runs over 10 bytes", 0);
            }
            b = readByte();
            raw |= (long) (b & 0x7F) << shift;
            shift += 7;
        }
        return (raw >>> 1) ^ -(raw & 1);
    }

    public float readFloat() {
        return Float.intBitsToFloat(readFixedInt());
    }

    public double readDouble() {
        long low = readFixedInt() & 0xFFFF_FFFFL;
        long high = readFixedInt() & 0xFFFF_FFFFL;
        return Double.longBitsToDouble(high << 32 | low);
    }

    public String readString() {
        int length = readLength("string");
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    byte[] readBytes() {
        return readFixed(readLength("bytes"));
    }

    byte[] readFixed(int size) {
        need(size);
        byte[] value = new byte[size];
        System.arraycopy(bytes, position, value, 0, size);
        position += size;
        return value;
    }

    void skipBytes() {
        int length = readLength("bytes");
        position += length;
    }

    void skip(int size) {
        need(size);
        position += size;
    }

    /** An array or map block's item count; a negative count is followed by the block's size in bytes. */
    long readBlockCount() {
        long count = readLong();
        if (count < 0) {
            readLong();
            count = -count;
        }
        return count;
    }

    AvroDecodeException corrupt(String problem, int back) {
        return new AvroDecodeException(problem + " at byte " + (position - back));
    }

    private int readLength(String what) {
        long length = readLong();
        if (length < 0 || length > remaining()) {
            throw corrupt("a " + what + " length of " + length + " exceeds the " + remaining() + " bytes left", 0);
        }
        return (int) length;
    }

    private int readFixedInt() {
        need(4);
        int p = position;
        position += 4;
        return (bytes[p] & 0xFF) | (bytes[p + 1] & 0xFF) << 8 | (bytes[p + 2] & 0xFF) << 16 | (bytes[p + 3] & 0xFF) << 24;
    }

    private int readByte() {
        if (position >= limit) {
            throw corrupt("the payload ends early", 0);
        }
        return bytes[position++] & 0xFF;
    }

    private void need(int size) {
        if (size > limit - position) {
            throw corrupt("the payload ends early: " + size + " bytes needed, " + (limit - position) + " left", 0);
        }
    }
}
