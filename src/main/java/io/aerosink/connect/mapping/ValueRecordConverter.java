package io.aerosink.connect.mapping;

import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

import com.aerospike.client.Operation;
import com.aerospike.client.Value;

import io.aerosink.connect.config.KeySource;
import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.WriteFence;

/**
 * {@code value.format=auto}: a {@link Struct} (from Avro, JSON with schemas, Protobuf...) or a schemaless
 * {@link Map} becomes one record: the key field is the user key, every other field not starting with '_' a bin.
 */
public final class ValueRecordConverter implements RecordConverter {

    private final KeyDigester keys;
    private final String keyField;
    private final KeySource keySource;
    private final String ttlField;
    /** The fence field for write.fence=field, else null. */
    private final String fenceField;
    private final int ttlSeconds;
    private final boolean deleteOnTombstone;
    /** Converters see the same value schema over and over (converters cache them): its plan is kept. */
    private StructPlan lastPlan;

    public ValueRecordConverter(MappingConfig config) {
        this.keys = new KeyDigester(config.namespace(), config.setName());
        this.keyField = config.keyField();
        this.keySource = config.keySource();
        this.ttlField = config.ttlField();
        this.fenceField = config.writeFence() == WriteFence.FIELD ? config.fenceField() : null;
        this.ttlSeconds = config.ttlSeconds();
        this.deleteOnTombstone = config.deleteOnTombstone();
    }

    @Override
    public void convert(SinkRecord record, ConversionSink sink) {
        Object value = record.value();
        if (value == null) {
            if (deleteOnTombstone) {
                sink.write(KeyWrite.delete(keys.key(RecordKeys.userKey(record, keyField))));
            }
            return;
        }
        Fields fields;
        if (value instanceof Struct struct) {
            StructPlan plan = plan(struct.schema());
            fields = new Fields(plan.fields.length);
            for (StructPlan.FieldPlan field : plan.fields) {
                fields.add(field, struct.get(field.field));
            }
        } else if (value instanceof Map<?, ?> map) {
            fields = new Fields(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String name)) {
                    throw new MappingException("value has a field named by a " + entry.getKey().getClass().getSimpleName()
                            + " (" + entry.getKey() + "); field names must be strings");
                }
                fields.add(name, entry.getValue());
            }
        } else {
            throw new MappingException("value is a " + value.getClass().getSimpleName() + ", neither a Struct nor a Map; "
                    + "for packed binary rows set value.format=fixed or npy");
        }
        Value userKey = keySource == KeySource.VALUE
                ? UserKeys.toValue(fields.key, keyField)
                : RecordKeys.userKey(record, keyField);
        if (fields.count == 0) {
            throw new MappingException("value has no bins to write: every field is null or starts with '_'");
        }
        sink.write(KeyWrite.put(keys.key(userKey), fields.puts(), ttl(fields.ttl), fence(fields.fence)));
    }

    private StructPlan plan(Schema schema) {
        StructPlan plan = lastPlan;
        if (plan == null || plan.schema != schema) {
            plan = new StructPlan(schema, keyField, ttlField, fenceField);
            lastPlan = plan;
        }
        return plan;
    }

    private int ttl(Object ttl) {
        if (ttl == null) {
            return ttlSeconds;
        }
        if (ttl instanceof Number n && !(ttl instanceof Double) && !(ttl instanceof Float)
                && n.longValue() >= -2 && n.longValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new MappingException("TTL field '" + ttlField + "' holds " + ttl
                + "; it must be an integer number of seconds, or 0, -1 (never expire) or -2 (keep)");
    }

    private long fence(Object fence) {
        if (fenceField == null) {
            return 0;
        }
        if (fence instanceof Number n && !(fence instanceof Double) && !(fence instanceof Float)
                && !(fence instanceof java.math.BigDecimal) && !(fence instanceof java.math.BigInteger)) {
            return n.longValue();
        }
        if (fence instanceof java.util.Date date) {
            return date.getTime();
        }
        throw new MappingException("fence field '" + fenceField + "' (write.fence.field) "
                + (fence == null ? "is missing or null" : "holds " + fence + "; it must be an integer")
                + ", so the record cannot be ordered against the stored one");
    }

    /**
     * One pass over the value's fields, collecting a put per bin, the key and the TTL. The puts go straight into an
     * array as long as the value has fields, which the write keeps as it is unless some were null or metadata.
     */
    private final class Fields {
        private final Operation[] puts;
        int count;
        Object key;
        Object ttl;
        Object fence;

        Fields(int fieldCount) {
            puts = new Operation[fieldCount];
        }

        Operation[] puts() {
            return count == puts.length ? puts : Arrays.copyOf(puts, count);
        }

        void add(StructPlan.FieldPlan field, Object value) {
            if (field.key) {
                key = value;
            }
            if (field.ttl) {
                ttl = value;
            }
            if (field.fence) {
                fence = value;
            }
            if (value == null || field.binName == null) {
                return;
            }
            if (field.nameError != null) {
                throw new MappingException(field.nameError);
            }
            puts[count++] = new Operation(Operation.Type.WRITE, field.binName,
                    BinValues.binValue(field.field.schema(), value, field.binName));
        }

        void add(String name, Object value) {
            if (name.equals(keyField)) {
                key = value;
            }
            if (name.equals(ttlField)) {
                ttl = value;
            }
            if (name.equals(fenceField)) {
                fence = value;
            }
            if (value == null || !BinNames.isBin(name)) {
                return;
            }
            puts[count++] = new Operation(Operation.Type.WRITE, BinNames.checked(name),
                    Value.get(BinValues.fromSchemaless(value, name)));
        }
    }
}
