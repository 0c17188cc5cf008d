package io.aerosink.connect.testserver;

/** Wire constants of the Aerospike protocol, named as in the client so the code reads like the notes. */
final class Protocol {
    static final int PROTO_VERSION = 2;
    static final int TYPE_INFO = 1;
    static final int TYPE_ADMIN = 2;
    static final int TYPE_MSG = 3;
    static final int TYPE_MSG_COMPRESSED = 4;
    static final int MSG_HEADER_SIZE = 22;

    static final int INFO1_GET_ALL = 0x02;
    static final int INFO1_BATCH = 0x08;
    static final int INFO1_NOBINDATA = 0x20;

    static final int INFO2_WRITE = 0x01;
    static final int INFO2_DELETE = 0x02;
    static final int INFO2_GENERATION = 0x04;
    static final int INFO2_GENERATION_GT = 0x08;
    static final int INFO2_CREATE_ONLY = 0x20;
    static final int INFO2_RESPOND_ALL_OPS = 0x80;

    static final int INFO3_LAST = 0x01;
    static final int INFO3_UPDATE_ONLY = 0x08;
    static final int INFO3_CREATE_OR_REPLACE = 0x10;
    static final int INFO3_REPLACE_ONLY = 0x20;

    static final int FIELD_NAMESPACE = 0;
    static final int FIELD_SET = 1;
    static final int FIELD_KEY = 2;
    static final int FIELD_DIGEST = 4;
    static final int FIELD_UDF_PACKAGE = 30;
    static final int FIELD_UDF_FUNCTION = 31;
    static final int FIELD_UDF_ARGS = 32;
    static final int FIELD_BATCH_INDEX = 41;
    static final int FIELD_FILTER_EXP = 43;

    static final int OP_READ = 1;
    static final int OP_WRITE = 2;
    static final int OP_CDT_MODIFY = 4;
    static final int OP_ADD = 5;
    static final int OP_APPEND = 9;
    static final int OP_PREPEND = 10;
    static final int OP_TOUCH = 11;
    static final int OP_DELETE = 14;

    static final int PARTICLE_NULL = 0;
    static final int PARTICLE_INTEGER = 1;
    static final int PARTICLE_DOUBLE = 2;
    static final int PARTICLE_STRING = 3;
    static final int PARTICLE_BLOB = 4;
    static final int PARTICLE_MAP = 19;

    static final int RC_OK = 0;
    static final int RC_KEY_NOT_FOUND = 2;
    static final int RC_GENERATION = 3;
    static final int RC_PARAMETER = 4;
    static final int RC_KEY_EXISTS = 5;
    static final int RC_BIN_TYPE = 12;
    static final int RC_RECORD_TOO_BIG = 13;
    static final int RC_NAMESPACE_NOT_FOUND = 20;
    static final int RC_BIN_NAME_TOO_LONG = 21;
    static final int RC_FILTERED_OUT = 27;

    /** Bin names of this many UTF-8 bytes or more are rejected, as by the real server. */
    static final int MAX_BIN_NAME_BYTES = 16;

    private Protocol() {
    }

    static String fieldName(int type) {
        return switch (type) {
            case FIELD_NAMESPACE -> "NAMESPACE";
            case FIELD_SET -> "SET";
            case FIELD_KEY -> "KEY";
            case FIELD_DIGEST -> "DIGEST";
            case FIELD_UDF_PACKAGE -> "UDF_PACKAGE";
            case FIELD_UDF_FUNCTION -> "UDF_FUNCTION";
            case FIELD_UDF_ARGS -> "UDF_ARGS";
            case FIELD_BATCH_INDEX -> "BATCH_INDEX";
            case FIELD_FILTER_EXP -> "FILTER_EXP";
            default -> "FIELD_" + type;
        };
    }

    static String opName(int op) {
        return switch (op) {
            case OP_READ -> "READ";
            case OP_WRITE -> "WRITE";
            case OP_CDT_MODIFY -> "CDT_MODIFY";
            case OP_ADD -> "ADD";
            case OP_APPEND -> "APPEND";
            case OP_PREPEND -> "PREPEND";
            case OP_TOUCH -> "TOUCH";
            case OP_DELETE -> "DELETE";
            default -> "OP_" + op;
        };
    }

    static int getInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    static int getShort(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static long getLong(byte[] b, int off) {
        return ((long) getInt(b, off) << 32) | (getInt(b, off + 4) & 0xFFFFFFFFL);
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    /** The 8-byte proto header: version, type, 48-bit body length. */
    static byte[] frame(int type, byte[] body, int bodyLength) {
        byte[] out = new byte[8 + bodyLength];
        putLong(out, 0, ((long) PROTO_VERSION << 56) | ((long) type << 48) | bodyLength);
        System.arraycopy(body, 0, out, 8, bodyLength);
        return out;
    }
}
