package io.aerosink.connect.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Avro records as an Avro converter hands them to a sink: the conventions of Confluent's AvroData (optional
 * for [null, T] unions, a Union struct with one field per branch otherwise, enums as strings, logical types),
 * written here because no Confluent artifact is available to the build.
 */
final class AvroStructs {

    static final String UNION = "io.confluent.connect.avro.Union";

    private AvroStructs() {
    }

    static Schema schema(org.apache.avro.Schema avro) {
        return schema(avro, false);
    }

    private static Schema schema(org.apache.avro.Schema avro, boolean optional) {
        SchemaBuilder builder = builder(avro);
        if (optional) {
            builder.optional();
        }
        return builder.build();
    }

    private static SchemaBuilder builder(org.apache.avro.Schema avro) {
        LogicalType logical = avro.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return Decimal.builder(decimal.getScale());
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return Timestamp.builder();
        }
        if (logical instanceof LogicalTypes.Date) {
            return Date.builder();
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            return Time.builder();
        }
        switch (avro.getType()) {
            case INT:
                return SchemaBuilder.int32();
            case LONG:
                return SchemaBuilder.int64();
            case FLOAT:
                return SchemaBuilder.float32();
            case DOUBLE:
                return SchemaBuilder.float64();
            case BOOLEAN:
                return SchemaBuilder.bool();
            case STRING:
            case ENUM:
                return SchemaBuilder.string();
            case BYTES:
            case FIXED:
                return SchemaBuilder.bytes();
            case ARRAY:
                return SchemaBuilder.array(schema(avro.getElementType()));
            case MAP:
                return SchemaBuilder.map(Schema.STRING_SCHEMA, schema(avro.getValueType()));
            case RECORD: {
                SchemaBuilder struct = SchemaBuilder.struct().name(avro.getFullName());
                for (org.apache.avro.Schema.Field field : avro.getFields()) {
                    struct.field(field.name(), fieldSchema(field.schema()));
                }
                return struct;
            }
            case UNION: {
                SchemaBuilder union = SchemaBuilder.struct().name(UNION);
                for (org.apache.avro.Schema branch : avro.getTypes()) {
                    if (branch.getType() != org.apache.avro.Schema.Type.NULL) {
                        union.field(branchName(branch), schema(branch, true));
                    }
                }
                return union;
            }
            default:
                throw new IllegalArgumentException("no Connect schema for " + avro);
        }
    }

    private static Schema fieldSchema(org.apache.avro.Schema avro) {
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            List<org.apache.avro.Schema> branches = avro.getTypes();
            boolean nullable = branches.stream().anyMatch(b -> b.getType() == org.apache.avro.Schema.Type.NULL);
            if (nullable && branches.size() == 2) {
                org.apache.avro.Schema other = branches.get(branches.get(0).getType() == org.apache.avro.Schema.Type.NULL ? 1 : 0);
                return schema(other, true);
            }
            return schema(avro, nullable);
        }
        return schema(avro);
    }

    /** A union branch's field: a named type's short name, else its type's name (also for a logical type's base). */
    private static String branchName(org.apache.avro.Schema branch) {
        return switch (branch.getType()) {
            case RECORD, ENUM, FIXED -> branch.getName();
            default -> branch.getType().getName();
        };
    }

    static Struct struct(GenericRecord record) {
        return (Struct) value(schema(record.getSchema()), record.getSchema(), record);
    }

    private static Object value(Schema schema, org.apache.avro.Schema avro, Object value) {
        if (value == null) {
            return null;
        }
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            int branch = GenericData.get().resolveUnion(avro, value);
            org.apache.avro.Schema chosen = avro.getTypes().get(branch);
            if (!UNION.equals(schema.name())) {
                return value(schema, chosen, value);
            }
            Struct union = new Struct(schema);
            String field = branchName(chosen);
            union.put(field, value(schema.field(field).schema(), chosen, value));
            return union;
        }
        LogicalType logical = avro.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            byte[] bytes = value instanceof ByteBuffer b ? BinValues.bytes(b) : ((GenericFixed) value).bytes();
            return new BigDecimal(new BigInteger(bytes), decimal.getScale());
        }
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimeMillis) {
            return new java.util.Date(((Number) value).longValue());
        }
        if (logical instanceof LogicalTypes.Date) {
            return new java.util.Date(((Number) value).longValue() * 86_400_000L);
        }
        switch (avro.getType()) {
            case STRING:
                return value.toString();
            case ENUM:
                return ((GenericEnumSymbol<?>) value).toString();
            case FIXED:
                return ((GenericFixed) value).bytes();
            case BYTES:
                return BinValues.bytes((ByteBuffer) value);
            case ARRAY: {
                List<Object> out = new ArrayList<>();
                for (Object element : (List<?>) value) {
                    out.add(value(schema.valueSchema(), avro.getElementType(), element));
                }
                return out;
            }
            case MAP: {
                Map<String, Object> out = new HashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> out.put(k.toString(), value(schema.valueSchema(), avro.getValueType(), v)));
                return out;
            }
            case RECORD: {
                GenericRecord record = (GenericRecord) value;
                Struct struct = new Struct(schema);
                for (org.apache.avro.Schema.Field field : avro.getFields()) {
                    struct.put(field.name(), value(schema.field(field.name()).schema(), field.schema(), record.get(field.name())));
                }
                return struct;
            }
            default:
                return value;
        }
    }
}
