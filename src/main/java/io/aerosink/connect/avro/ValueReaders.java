package io.aerosink.connect.avro;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import com.aerospike.client.Value;

/**
 * Compiles a writer schema into {@link ValueReader}s, with the mapping README documents: int and long (and the
 * date, time and timestamp logical types on them) as integers, float and double as doubles, bytes and fixed as
 * blobs, enums as their symbol, records and maps as maps, arrays as lists, a union as its branch's value, and
 * decimal as its exact plain text.
 */
public final class ValueReaders {

    /** Items of a block whose items take no bytes (nulls, empty records) cannot be bounded by the bytes left. */
    static final long MAX_EMPTY_ITEMS = 1_000_000;

    private final Map<Schema, RecordReader> records = new IdentityHashMap<>();

    private ValueReaders() {
    }

    /** The reader of values of {@code schema}. */
    public static ValueReader of(Schema schema) {
        return new ValueReaders().compile(schema);
    }

    private ValueReader compile(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return new DecimalReader(schema.getType() == Schema.Type.FIXED ? schema.getFixedSize() : -1,
                    decimal.getScale());
        }
        return switch (schema.getType()) {
            case NULL -> NullReader.INSTANCE;
            case BOOLEAN -> BooleanReader.INSTANCE;
            case INT, LONG -> LongReader.INSTANCE;
            case FLOAT -> FloatReader.INSTANCE;
            case DOUBLE -> DoubleReader.INSTANCE;
            case STRING -> StringReader.INSTANCE;
            case BYTES -> BytesReader.INSTANCE;
            case FIXED -> new FixedReader(schema.getFixedSize());
            case ENUM -> new EnumReader(schema.getFullName(), schema.getEnumSymbols());
            case ARRAY -> new ArrayReader(compile(schema.getElementType()));
            case MAP -> new MapReader(compile(schema.getValueType()));
            case UNION -> union(schema);
            case RECORD -> record(schema);
        };
    }

    private ValueReader union(Schema schema) {
        List<Schema> types = schema.getTypes();
        ValueReader[] branches = new ValueReader[types.size()];
        for (int i = 0; i < branches.length; i++) {
            branches[i] = compile(types.get(i));
        }
        return new UnionReader(branches);
    }

    private ValueReader record(Schema schema) {
        RecordReader known = records.get(schema);
        if (known != null) {
            return known;
        }
        RecordReader reader = new RecordReader(schema.getFields().size());
        records.put(schema, reader);
        for (Schema.Field field : schema.getFields()) {
            reader.add(field.name(), compile(field.schema()));
        }
        return reader;
    }

    private static final class NullReader extends ValueReader {
        static final NullReader INSTANCE = new NullReader();

        @Override
        public Object read(AvroInput in) {
            return null;
        }

        @Override
        int minBytes() {
            return 0;
        }
    }

    private static final class BooleanReader extends ValueReader {
        static final BooleanReader INSTANCE = new BooleanReader();

        @Override
        public Object read(AvroInput in) {
            return in.readBoolean();
        }

        @Override
        public Value bin(AvroInput in) {
            return Value.get(in.readBoolean());
        }

        @Override
        int minBytes() {
            return 1;
        }
    }

    private static final class LongReader extends ValueReader {
        static final LongReader INSTANCE = new LongReader();

        @Override
        public Object read(AvroInput in) {
            return in.readLong();
        }

        @Override
        public Value bin(AvroInput in) {
            return Value.get(in.readLong());
        }

        @Override
        public void skip(AvroInput in) {
            in.readLong();
        }

        @Override
        int minBytes() {
            return 1;
        }
    }

    private static final class FloatReader extends ValueReader {
        static final FloatReader INSTANCE = new FloatReader();

        @Override
        public Object read(AvroInput in) {
            return (double) in.readFloat();
        }

        @Override
        public Value bin(AvroInput in) {
            return Value.get((double) in.readFloat());
        }

        @Override
        public void skip(AvroInput in) {
            in.skip(4);
        }

        @Override
        int minBytes() {
            return 4;
        }
    }

    private static final class DoubleReader extends ValueReader {
        static final DoubleReader INSTANCE = new DoubleReader();

        @Override
        public Object read(AvroInput in) {
            return in.readDouble();
        }

        @Override
        public Value bin(AvroInput in) {
            return Value.get(in.readDouble());
        }

        @Override
        public void skip(AvroInput in) {
            in.skip(8);
        }

        @Override
        int minBytes() {
            return 8;
        }
    }

    private static final class StringReader extends ValueReader {
        static final StringReader INSTANCE = new StringReader();

        @Override
        public Object read(AvroInput in) {
            return in.readString();
        }

        @Override
        public Value bin(AvroInput in) {
            return Value.get(in.readString());
        }

        @Override
        public void skip(AvroInput in) {
            in.skipBytes();
        }

        @Override
        int minBytes() {
            return 1;
        }
    }

    private static final class BytesReader extends ValueReader {
        static final BytesReader INSTANCE = new BytesReader();

        @Override
        public Object read(AvroInput in) {
            return in.readBytes();
        }

        @Override
        public void skip(AvroInput in) {
            in.skipBytes();
        }

        @Override
        int minBytes() {
            return 1;
        }
    }

    private static final class FixedReader extends ValueReader {
        private final int size;

        FixedReader(int size) {
            this.size = size;
        }

        @Override
        public Object read(AvroInput in) {
            return in.readFixed(size);
        }

        @Override
        public void skip(AvroInput in) {
            in.skip(size);
        }

        @Override
        int minBytes() {
            return size;
        }
    }

    private static final class EnumReader extends ValueReader {
        private final String name;
        private final String[] symbols;

        EnumReader(String name, List<String> symbols) {
            this.name = name;
            this.symbols = symbols.toArray(new String[0]);
        }

        @Override
        public Object read(AvroInput in) {
            int index = in.readInt();
            if (index < 0 || index >= symbols.length) {
                throw in.corrupt("enum " + name + " has no symbol " + index + " (it has " + symbols.length + ")", 1);
            }
            return symbols[index];
        }

        @Override
        int minBytes() {
            return 1;
        }
    }

    private static final class DecimalReader extends ValueReader {
        /** The fixed size, or -1 for decimals on bytes. */
        private final int size;
        private final int scale;

        DecimalReader(int size, int scale) {
            this.size = size;
            this.scale = scale;
        }

        @Override
        public Object read(AvroInput in) {
            byte[] unscaled = size < 0 ? in.readBytes() : in.readFixed(size);
            if (unscaled.length == 0) {
                throw in.corrupt("a decimal has no bytes", 0);
            }
            return new BigDecimal(new BigInteger(unscaled), scale).toPlainString();
        }

        @Override
        int minBytes() {
            return Math.max(size, 1);
        }
    }

    private static final class UnionReader extends ValueReader {
        private final ValueReader[] branches;

        UnionReader(ValueReader[] branches) {
            this.branches = branches;
        }

        private ValueReader branch(AvroInput in) {
            int index = in.readInt();
            if (index < 0 || index >= branches.length) {
                throw in.corrupt("a union has no branch " + index + " (it has " + branches.length + ")", 1);
            }
            return branches[index];
        }

        @Override
        public Object read(AvroInput in) {
            return branch(in).read(in);
        }

        @Override
        public Value bin(AvroInput in) {
            return branch(in).bin(in);
        }

        @Override
        public void skip(AvroInput in) {
            branch(in).skip(in);
        }

        @Override
        int minBytes() {
            return 1;
        }
    }

    private abstract static class BlockReader extends ValueReader {
        final ValueReader items;

        BlockReader(ValueReader items) {
            this.items = items;
        }

        /** The next block's item count, refused when the bytes left cannot hold that many items. */
        int blockCount(AvroInput in, int extraBytes) {
            long count = in.readBlockCount();
            int itemBytes = items.minBytes() + extraBytes;
            long bound = itemBytes == 0 ? MAX_EMPTY_ITEMS : in.remaining() / itemBytes;
            if (count > bound) {
                throw in.corrupt("a block claims " + count + " items; at most " + bound + " fit in what is left", 0);
            }
            return (int) count;
        }

        @Override
        int minBytes() {
            return 1;
        }
    }

    private static final class ArrayReader extends BlockReader {
        ArrayReader(ValueReader elements) {
            super(elements);
        }

        @Override
        public Object read(AvroInput in) {
            List<Object> list = new ArrayList<>();
            for (int count = blockCount(in, 0); count != 0; count = blockCount(in, 0)) {
                for (int i = 0; i < count; i++) {
                    list.add(items.read(in));
                }
            }
            return list;
        }

        @Override
        public void skip(AvroInput in) {
            for (int count = blockCount(in, 0); count != 0; count = blockCount(in, 0)) {
                for (int i = 0; i < count; i++) {
                    items.skip(in);
                }
            }
        }
    }

    private static final class MapReader extends BlockReader {
        MapReader(ValueReader values) {
            super(values);
        }

        @Override
        public Object read(AvroInput in) {
            Map<Object, Object> map = new HashMap<>();
            for (int count = blockCount(in, 1); count != 0; count = blockCount(in, 1)) {
                for (int i = 0; i < count; i++) {
                    String key = in.readString();
                    map.put(key, items.read(in));
                }
            }
            return map;
        }

        @Override
        public void skip(AvroInput in) {
            for (int count = blockCount(in, 1); count != 0; count = blockCount(in, 1)) {
                for (int i = 0; i < count; i++) {
                    in.skipBytes();
                    items.skip(in);
                }
            }
        }
    }

    /** A nested record: a map of its fields by name, null fields left out. */
    private static final class RecordReader extends ValueReader {
        private final List<String> names;
        private final List<ValueReader> fields;
        /** Computed on first use, once every field is compiled; -1 until then. */
        private int minBytes = -1;

        RecordReader(int size) {
            this.names = new ArrayList<>(size);
            this.fields = new ArrayList<>(size);
        }

        void add(String name, ValueReader reader) {
            names.add(name);
            fields.add(reader);
        }

        @Override
        public Object read(AvroInput in) {
            Map<Object, Object> map = new HashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                Object value = fields.get(i).read(in);
                if (value != null) {
                    map.put(names.get(i), value);
                }
            }
            return map;
        }

        @Override
        public void skip(AvroInput in) {
            for (ValueReader field : fields) {
                field.skip(in);
            }
        }

        @Override
        int minBytes() {
            if (minBytes < 0) {
                // A record nested in itself counts as empty on the way down: the bound stays a lower bound.
                minBytes = 0;
                int sum = 0;
                for (ValueReader field : fields) {
                    sum += field.minBytes();
                }
                minBytes = sum;
            }
            return minBytes;
        }
    }
}
