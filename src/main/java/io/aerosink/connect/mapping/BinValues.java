package io.aerosink.connect.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import com.aerospike.client.Value;

/**
 * Connect values as the Java values Aerospike stores: integers as long, floats as double, arrays as lists,
 * maps and structs as maps. Logical types: Timestamp as epoch millis, Date as epoch days, Time as millis of
 * the day, Decimal as its exact decimal string. An Avro union of several types is stored as its chosen branch's
 * value, not as the wrapper struct that Avro converters hand over.
 */
final class BinValues {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    /**
     * The schema name that Confluent's AvroData, and Apicurio's copy of it, give the Struct of an Avro union of more
     * than one non-null type: one optional field per branch, named by the branch's type ({@code int}, {@code string},
     * {@code bytes}) or its short name for records, enums and fixed, of which only the chosen branch's is set.
     */
    static final String AVRO_UNION = "io.confluent.connect.avro.Union";

    private BinValues() {
    }

    /** Converts a value described by {@code schema}; {@code path} names it in errors. */
    /**
     * A field's bin value. Numbers and strings without a logical type go straight to their {@link Value}, without
     * reboxing or the client's dispatch on the value's class: the common case, taken for every field of every record.
     */
    static Value binValue(Schema schema, Object value, String path) {
        if (schema.name() == null) {
            switch (schema.type()) {
                case INT8, INT16, INT32, INT64 -> {
                    return Value.get(((Number) value).longValue());
                }
                case FLOAT32, FLOAT64 -> {
                    return Value.get(((Number) value).doubleValue());
                }
                case STRING -> {
                    return Value.get((String) value);
                }
                default -> {
                }
            }
        }
        return Value.get(fromConnect(schema, value, path));
    }

    static Object fromConnect(Schema schema, Object value, String path) {
        if (value == null) {
            return null;
        }
        if (schema == null) {
            return fromSchemaless(value, path);
        }
        String logical = schema.name();
        if (logical != null) {
            switch (logical) {
                case Timestamp.LOGICAL_NAME:
                    return ((java.util.Date) value).getTime();
                case Date.LOGICAL_NAME:
                    return Math.floorDiv(((java.util.Date) value).getTime(), MILLIS_PER_DAY);
                case Time.LOGICAL_NAME:
                    return ((java.util.Date) value).getTime();
                case Decimal.LOGICAL_NAME:
                    return ((BigDecimal) value).toPlainString();
                case AVRO_UNION:
                    if (value instanceof Struct union) {
                        return unionBranch(union, path);
                    }
                    break;
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case INT8:
            case INT16:
            case INT32:
            case INT64:
                return ((Number) value).longValue();
            case FLOAT32:
            case FLOAT64:
                return ((Number) value).doubleValue();
            case BOOLEAN:
            case STRING:
                return value;
            case BYTES:
                return value instanceof ByteBuffer buffer ? bytes(buffer) : value;
            case ARRAY:
                return list(schema.valueSchema(), (List<?>) value, path);
            case MAP:
                return map(schema.keySchema(), schema.valueSchema(), (Map<?, ?>) value, path);
            case STRUCT:
                return struct((Struct) value, path);
            default:
                throw new MappingException("field '" + path + "' has unsupported type " + schema.type());
        }
    }

    /** Converts a value without a schema, as JsonConverter produces with schemas.enable=false. */
    static Object fromSchemaless(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof BigInteger integer) {
            return integer.bitLength() < 64 ? (Object) integer.longValue() : integer.toString();
        }
        if (value instanceof ByteBuffer buffer) {
            return bytes(buffer);
        }
        if (value instanceof java.util.Date date) {
            return date.getTime();
        }
        if (value instanceof List<?> list) {
            return list(null, list, path);
        }
        if (value instanceof Map<?, ?> map) {
            return map(null, null, map, path);
        }
        if (value instanceof Struct struct) {
            return struct(struct, path);
        }
        throw new MappingException("field '" + path + "' holds a " + value.getClass().getName()
                + ", which has no Aerospike equivalent");
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static List<Object> list(Schema elementSchema, List<?> values, String path) {
        List<Object> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(fromConnect(elementSchema, values.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static Map<Object, Object> map(Schema keySchema, Schema valueSchema, Map<?, ?> values, String path) {
        Map<Object, Object> out = new HashMap<>(values.size() * 2);
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            Object key = fromConnect(keySchema, entry.getKey(), path + ".<key>");
            if (key == null) {
                throw new MappingException("field '" + path + "' has a null map key");
            }
            out.put(key, fromConnect(valueSchema, entry.getValue(), path + "." + entry.getKey()));
        }
        return out;
    }

    private static Map<Object, Object> struct(Struct struct, String path) {
        Map<Object, Object> out = new HashMap<>();
        for (Field field : struct.schema().fields()) {
            Object value = struct.get(field);
            if (value != null) {
                Object converted = fromConnect(field.schema(), value, path + "." + field.name());
                if (converted != null) {
                    out.put(field.name(), converted);
                }
            }
        }
        return out;
    }

    /** The value of the one set branch of an {@link #AVRO_UNION} struct; null if none is set. */
    private static Object unionBranch(Struct union, String path) {
        for (Field branch : union.schema().fields()) {
            Object value = union.get(branch);
            if (value != null) {
                return fromConnect(branch.schema(), value, path);
            }
        }
        return null;
    }
}
