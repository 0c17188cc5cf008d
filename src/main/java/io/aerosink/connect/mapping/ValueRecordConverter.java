package io.aerosink.connect.mapping;

import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

import com.aerospike.client.Operation;
import com.aerospike.client.Value;

import io.aerosink.connect.config.MappingConfig;

/**
 * {@code value.format=auto}: a {@link Struct} (from Avro, JSON with schemas, Protobuf...) or a schemaless
 * {@link Map} becomes one record: the key field is the user key, every other field not starting with '_' a bin.
 */
public final class ValueRecordConverter implements RecordConverter {

    private final KeyDigester keys;
    private final RecordRoles roles;
    private final boolean deleteOnTombstone;
    /** Converters see the same value schema over and over (converters cache them): its plan is kept. */
    private StructPlan lastPlan;

    public ValueRecordConverter(MappingConfig config) {
        this.keys = new KeyDigester(config.namespace(), config.setName());
        this.roles = new RecordRoles(config);
        this.deleteOnTombstone = config.deleteOnTombstone();
    }

    @Override
    public void convert(SinkRecord record, ConversionSink sink) {
        Object value = record.value();
        if (value == null) {
            if (deleteOnTombstone) {
                sink.write(KeyWrite.delete(keys.key(RecordKeys.userKey(record, roles.keyField))));
            }
            return;
        }
        Fields fields = fields(value);
        Value userKey = roles.userKey(record, fields.key);
        if (fields.count == 0) {
            throw new MappingException("value has no bins to write: every field is null or starts with '_'");
        }
        sink.write(KeyWrite.put(keys.key(userKey), fields.puts(), roles.ttl(fields.ttl), roles.fence(fields.fence)));
    }

    /**
     * Digests the record's key ahead, with the other keys of its put (see {@link KeyDigester#prefetch}). A record
     * whose key cannot be read is left to {@link #convert}, which reports it.
     */
    @Override
    public void prepare(SinkRecord record) {
        Object value = record.value();
        Object keyField;
        if (value instanceof Map<?, ?> map) {
            keyField = map.get(roles.keyField);
        } else if (value instanceof Struct struct && struct.schema().field(roles.keyField) != null) {
            keyField = struct.get(roles.keyField);
        } else {
            return;
        }
        try {
            keys.prefetch(roles.userKey(record, keyField));
        } catch (RuntimeException e) {
            // convert() fails the record with this error.
        }
    }

    /** The value's bins and role fields, before the key is made: the mapping's share of {@link #convert}. */
    Fields fields(Object value) {
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
        return fields;
    }

    private StructPlan plan(Schema schema) {
        StructPlan plan = lastPlan;
        if (plan == null || plan.schema != schema) {
            plan = new StructPlan(schema, roles.keyField, roles.ttlField, roles.fenceField);
            lastPlan = plan;
        }
        return plan;
    }

    /**
     * One pass over the value's fields, collecting a put per bin, the key and the TTL. The puts go straight into an
     * array as long as the value has fields, which the write keeps as it is unless some were null or metadata.
     */
    final class Fields {
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
            if (name.equals(roles.keyField)) {
                key = value;
            }
            if (name.equals(roles.ttlField)) {
                ttl = value;
            }
            if (name.equals(roles.fenceField)) {
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
