package io.aerosink.connect.testserver;

import static io.aerosink.connect.testserver.Protocol.MSG_HEADER_SIZE;
import static io.aerosink.connect.testserver.Protocol.getInt;
import static io.aerosink.connect.testserver.Protocol.getShort;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decodes AS_MSG bodies (22-byte header, fields, ops) and encodes reply messages. */
final class MessageCodec {

    record Field(int type, byte[] data) {
    }

    /** A decoded AS_MSG body; expiration is the request TTL (or read-touch percent on reads). */
    record AsMessage(int info1, int info2, int info3, int generation, int expiration, List<Field> fields, List<Op> ops) {

        Field field(int type) {
            for (Field f : fields) {
                if (f.type() == type) {
                    return f;
                }
            }
            return null;
        }
    }

    private MessageCodec() {
    }

    static AsMessage parse(byte[] body) {
        int headerSize = body[0] & 0xFF;
        int nFields = getShort(body, 18);
        int nOps = getShort(body, 20);
        List<Field> fields = new ArrayList<>(nFields);
        int off = readFields(body, headerSize, nFields, fields);
        List<Op> ops = new ArrayList<>(nOps);
        readOps(body, off, nOps, ops);
        return new AsMessage(body[1] & 0xFF, body[2] & 0xFF, body[3] & 0xFF,
                getInt(body, 6), getInt(body, 10), fields, ops);
    }

    /**
     * Reads {@code count} fields from {@code off}; returns the offset just after them. A field may claim more bytes
     * than are left and keeps only those: the client sizes BATCH_INDEX as if it were the first field, so a batch
     * FILTER_EXP (BatchPolicy.filterExp) before it makes it overrun, and the server only checks where fields start.
     */
    static int readFields(byte[] b, int off, int count, List<Field> out) {
        for (int i = 0; i < count; i++) {
            int size = getInt(b, off);
            int type = b[off + 4] & 0xFF;
            int length = Math.min(size - 1, b.length - off - 5);
            byte[] data = new byte[length];
            System.arraycopy(b, off + 5, data, 0, length);
            out.add(new Field(type, data));
            off = Math.min(off + 4 + size, b.length);
        }
        return off;
    }

    /** Reads {@code count} ops from {@code off}; returns the offset just after them. */
    static int readOps(byte[] b, int off, int count, List<Op> out) {
        for (int i = 0; i < count; i++) {
            int size = getInt(b, off);
            int code = b[off + 4] & 0xFF;
            int particleType = b[off + 5] & 0xFF;
            int nameLength = b[off + 7] & 0xFF;
            String name = new String(b, off + 8, nameLength, StandardCharsets.UTF_8);
            int valueLength = size - 4 - nameLength;
            byte[] value = new byte[valueLength];
            System.arraycopy(b, off + 8 + nameLength, value, 0, valueLength);
            out.add(new Op(code, particleType, name, value));
            off += 4 + size;
        }
        return off;
    }

    /** A reply row; batchIndex goes where requests carry the transaction TTL, 0 outside batches. */
    static byte[] encodeReply(RecordResult r, int batchIndex) {
        // Sized exactly and written in place: batches answer thousands of rows, each with an op per bin.
        List<Op> ops = r.ops();
        int size = MSG_HEADER_SIZE;
        for (Op op : ops) {
            size += 8 + utf8Length(op.name()) + op.value().length;
        }
        byte[] out = new byte[size];
        writeHeader(out, 0, r.resultCode(), r.generation(), r.voidTime(), batchIndex, ops.size());
        int p = MSG_HEADER_SIZE;
        for (Op op : ops) {
            int nameLength = utf8Length(op.name());
            Protocol.putInt(out, p, 4 + nameLength + op.value().length);
            out[p + 4] = (byte) op.code();
            out[p + 5] = (byte) op.particleType();
            out[p + 7] = (byte) nameLength;
            p = putUtf8(op.name(), out, p + 8);
            System.arraycopy(op.value(), 0, out, p, op.value().length);
            p += op.value().length;
        }
        return out;
    }

    private static int utf8Length(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return s.length();
    }

    /** Writes {@code s} as UTF-8 at {@code off}; returns the offset after it. Bin names are nearly always ASCII. */
    private static int putUtf8(String s, byte[] out, int off) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(bytes, 0, out, off, bytes.length);
                return off + bytes.length;
            }
            out[off + i] = (byte) c;
        }
        return off + s.length();
    }

    /** The batch end marker; a non-zero code fails the whole node command on the client. */
    static byte[] encodeLast(int resultCode) {
        return header(Protocol.INFO3_LAST, resultCode, 0, 0, 0, 0);
    }

    private static byte[] header(int info3, int resultCode, int generation, int voidTime, int index, int nOps) {
        byte[] h = new byte[MSG_HEADER_SIZE];
        h[3] = (byte) info3;
        writeHeader(h, 0, resultCode, generation, voidTime, index, nOps);
        return h;
    }

    /** A reply header without info3 flags at {@code off}. */
    private static void writeHeader(byte[] h, int off, int resultCode, int generation, int voidTime, int index, int nOps) {
        h[off] = MSG_HEADER_SIZE;
        h[off + 5] = (byte) resultCode;
        Protocol.putInt(h, off + 6, generation);
        Protocol.putInt(h, off + 10, voidTime);
        Protocol.putInt(h, off + 14, index);
        Protocol.putShort(h, off + 20, nOps);
    }
}
