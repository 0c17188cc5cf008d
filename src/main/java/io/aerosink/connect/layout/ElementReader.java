package io.aerosink.connect.layout;

import com.aerospike.client.Value;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one scalar element of a given kind, size and byte order: as a {@link Value} for a scalar field, as a
 * boxed object for an element of a subarray list.
 *
 * <p>Each kind is its own small class reading through a {@code static final} VarHandle, so the JIT sees a
 * constant view and compiles every read to a plain load (and byte swap for big-endian).
 */
abstract class ElementReader implements FieldReader {

    private static final VarHandle SHORT_LE = view(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = view(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = view(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = view(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = view(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = view(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle FLOAT_LE = view(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_BE = view(float[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle DOUBLE_LE = view(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE_BE = view(double[].class, ByteOrder.BIG_ENDIAN);

    private static VarHandle view(Class<?> arrayType, ByteOrder order) {
        return MethodHandles.byteArrayViewVarHandle(arrayType, order);
    }

    /** The element as a list item: Long, Double, Boolean, String or byte[]. */
    abstract Object element(byte[] buf, int at);

    /**
     * A reader for {@code field}'s element type. {@code S<n>} is read as a string unless {@code bytesAs} is BLOB;
     * {@code V<n>} is always a blob.
     */
    static ElementReader of(LayoutField field, BytesAs bytesAs) {
        boolean be = field.byteOrder() == ByteOrder.BIG_ENDIAN;
        int size = field.elementSize();
        return switch (field.kind()) {
            case BOOL -> new Bool();
            case INT -> size == 1 ? new Int1() : size == 2 ? new Int2(be) : size == 4 ? new Int4(be) : new Int8(be);
            case UINT -> size == 1 ? new UInt1() : size == 2 ? new UInt2(be) : size == 4 ? new UInt4(be)
                    : new UInt8(be, field.name());
            case FLOAT -> size == 2 ? new Float2(be) : size == 4 ? new Float4(be) : new Float8(be);
            case BYTES -> bytesAs == BytesAs.STRING ? new Text(size) : new Blob(size);
            case VOID -> new Blob(size);
        };
    }

    /** Integers of every width become Aerospike's only integer type, a signed 64-bit long. */
    private abstract static class IntegerReader extends ElementReader {
        abstract long get(byte[] buf, int at);

        @Override
        public final Value read(byte[] buf, int at) {
            return Value.get(get(buf, at));
        }

        @Override
        final Object element(byte[] buf, int at) {
            return get(buf, at);
        }
    }

    /** Floats of every width become Aerospike's only float type, a double; the widening is exact. */
    private abstract static class FloatReader extends ElementReader {
        abstract double get(byte[] buf, int at);

        @Override
        public final Value read(byte[] buf, int at) {
            return Value.get(get(buf, at));
        }

        @Override
        final Object element(byte[] buf, int at) {
            return get(buf, at);
        }
    }

    private static final class Bool extends ElementReader {
        @Override
        public Value read(byte[] buf, int at) {
            return Value.get(buf[at] != 0);
        }

        @Override
        Object element(byte[] buf, int at) {
            return buf[at] != 0;
        }
    }

    private static final class Int1 extends IntegerReader {
        @Override
        long get(byte[] buf, int at) {
            return buf[at];
        }
    }

    private static final class UInt1 extends IntegerReader {
        @Override
        long get(byte[] buf, int at) {
            return buf[at] & 0xffL;
        }
    }

    private static final class Int2 extends IntegerReader {
        private final boolean be;

        Int2(boolean be) {
            this.be = be;
        }

        @Override
        long get(byte[] buf, int at) {
            return be ? (short) SHORT_BE.get(buf, at) : (short) SHORT_LE.get(buf, at);
        }
    }

    private static final class UInt2 extends IntegerReader {
        private final boolean be;

        UInt2(boolean be) {
            this.be = be;
        }

        @Override
        long get(byte[] buf, int at) {
            return (be ? (short) SHORT_BE.get(buf, at) : (short) SHORT_LE.get(buf, at)) & 0xffffL;
        }
    }

    private static final class Int4 extends IntegerReader {
        private final boolean be;

        Int4(boolean be) {
            this.be = be;
        }

        @Override
        long get(byte[] buf, int at) {
            return be ? (int) INT_BE.get(buf, at) : (int) INT_LE.get(buf, at);
        }
    }

    private static final class UInt4 extends IntegerReader {
        private final boolean be;

        UInt4(boolean be) {
            this.be = be;
        }

        @Override
        long get(byte[] buf, int at) {
            return (be ? (int) INT_BE.get(buf, at) : (int) INT_LE.get(buf, at)) & 0xffff_ffffL;
        }
    }

    private static final class Int8 extends IntegerReader {
        private final boolean be;

        Int8(boolean be) {
            this.be = be;
        }

        @Override
        long get(byte[] buf, int at) {
            return be ? (long) LONG_BE.get(buf, at) : (long) LONG_LE.get(buf, at);
        }
    }

    /** Aerospike integers are signed, so a u8 above Long.MAX_VALUE is refused rather than wrapped negative. */
    private static final class UInt8 extends IntegerReader {
        private final boolean be;
        private final String fieldName;

        UInt8(boolean be, String fieldName) {
            this.be = be;
            this.fieldName = fieldName;
        }

        @Override
        long get(byte[] buf, int at) {
            long v = be ? (long) LONG_BE.get(buf, at) : (long) LONG_LE.get(buf, at);
            if (v < 0) {
                throw new RowDecodeException(fieldName, "u8 value " + Long.toUnsignedString(v)
                        + " is above " + Long.MAX_VALUE + ", the largest integer Aerospike stores");
            }
            return v;
        }
    }

    private static final class Float2 extends FloatReader {
        private final boolean be;

        Float2(boolean be) {
            this.be = be;
        }

        @Override
        double get(byte[] buf, int at) {
            return HalfFloat.toDouble(be ? (short) SHORT_BE.get(buf, at) : (short) SHORT_LE.get(buf, at));
        }
    }

    private static final class Float4 extends FloatReader {
        private final boolean be;

        Float4(boolean be) {
            this.be = be;
        }

        @Override
        double get(byte[] buf, int at) {
            return be ? (float) FLOAT_BE.get(buf, at) : (float) FLOAT_LE.get(buf, at);
        }
    }

    private static final class Float8 extends FloatReader {
        private final boolean be;

        Float8(boolean be) {
            this.be = be;
        }

        @Override
        double get(byte[] buf, int at) {
            return be ? (double) DOUBLE_BE.get(buf, at) : (double) DOUBLE_LE.get(buf, at);
        }
    }

    /** {@code S<n>} as UTF-8 text without NumPy's NUL padding; invalid UTF-8 becomes U+FFFD, as Java decodes. */
    static final class Text extends ElementReader {
        private final int size;

        Text(int size) {
            this.size = size;
        }

        @Override
        public Value read(byte[] buf, int at) {
            return Value.get(get(buf, at));
        }

        @Override
        Object element(byte[] buf, int at) {
            return get(buf, at);
        }

        private String get(byte[] buf, int at) {
            int end = at + size;
            while (end > at && buf[end - 1] == 0) {
                end--;
            }
            return new String(buf, at, end - at, StandardCharsets.UTF_8);
        }
    }

    /** Raw bytes, copied because the payload buffer belongs to the caller and may be reused. */
    static final class Blob extends ElementReader {
        private final int size;

        Blob(int size) {
            this.size = size;
        }

        @Override
        public Value read(byte[] buf, int at) {
            return Value.get(Arrays.copyOfRange(buf, at, at + size));
        }

        @Override
        Object element(byte[] buf, int at) {
            return Arrays.copyOfRange(buf, at, at + size);
        }
    }
}
