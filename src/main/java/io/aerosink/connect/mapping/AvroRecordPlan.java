package io.aerosink.connect.mapping;

import java.util.List;

import org.apache.avro.Schema;

import com.aerospike.client.Operation;
import com.aerospike.client.Value;

import io.aerosink.connect.avro.AvroDecodeException;
import io.aerosink.connect.avro.AvroInput;
import io.aerosink.connect.avro.ValueReader;
import io.aerosink.connect.avro.ValueReaders;

/**
 * What each top-level field of one Avro writer schema is to the mapping (the key, the TTL, the fence, a bin, or
 * metadata) and its compiled reader, worked out once per schema: the Avro counterpart of {@link StructPlan}.
 */
final class AvroRecordPlan {

    private static final class FieldPlan {
        final String name;
        final ValueReader reader;
        final boolean key;
        final boolean ttl;
        final boolean fence;
        /** The bin name, or null when the field is not a bin. */
        final String binName;
        final String nameError;

        FieldPlan(Schema.Field field, RecordRoles roles) {
            this.name = field.name();
            this.reader = ValueReaders.of(field.schema());
            this.key = name.equals(roles.keyField);
            this.ttl = name.equals(roles.ttlField);
            this.fence = name.equals(roles.fenceField);
            this.binName = BinNames.isBin(name) ? name : null;
            this.nameError = binName == null ? null : BinNames.problem(name);
        }

        boolean hasRole() {
            return key || ttl || fence;
        }
    }

    /** What one record's fields hold: its bins and its role fields' values. Reused: one task thread. */
    static final class Decoded {
        Operation[] puts;
        int count;
        Object key;
        Object ttl;
        Object fence;

        Operation[] puts() {
            return count == puts.length ? puts : java.util.Arrays.copyOf(puts, count);
        }
    }

    private final FieldPlan[] fields;
    /** Fields that can be bins: the puts of a record with none of them null fill an array of this size exactly. */
    private final int binFields;
    private final String schemaName;
    /** Where the schema came from ("schema id 7", "value.avro.schema"), for errors. */
    private final String source;

    AvroRecordPlan(Schema schema, RecordRoles roles, String source) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new MappingException("the writer schema is " + schema.getType().getName()
                    + ", not a record: each Avro value must be a record whose fields become bins");
        }
        this.schemaName = schema.getFullName();
        this.source = source;
        List<Schema.Field> schemaFields = schema.getFields();
        this.fields = new FieldPlan[schemaFields.size()];
        int bins = 0;
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new FieldPlan(schemaFields.get(i), roles);
            bins += fields[i].binName != null ? 1 : 0;
        }
        this.binFields = bins;
    }

    /** Reads one record body into {@code out}. */
    void decode(AvroInput in, Decoded out) {
        out.puts = new Operation[binFields];
        out.count = 0;
        out.key = null;
        out.ttl = null;
        out.fence = null;
        for (FieldPlan field : fields) {
            try {
                read(field, in, out);
            } catch (AvroDecodeException e) {
                throw new MappingException("field '" + field.name + "' of " + schemaName + " (" + source + "): "
                        + e.getMessage());
            }
        }
        if (in.remaining() > 0) {
            throw new MappingException(in.remaining() + " bytes are left after the last field of " + schemaName
                    + " (" + source + "): the payload is not a record of that schema");
        }
    }

    private static void read(FieldPlan field, AvroInput in, Decoded out) {
        if (!field.hasRole()) {
            if (field.binName == null) {
                field.reader.skip(in);
                return;
            }
            Value value = field.reader.bin(in);
            if (value != null) {
                add(field, value, out);
            }
            return;
        }
        Object value = field.reader.read(in);
        if (field.key) {
            out.key = value;
        }
        if (field.ttl) {
            out.ttl = value;
        }
        if (field.fence) {
            out.fence = value;
        }
        if (value != null && field.binName != null) {
            add(field, Value.get(value), out);
        }
    }

    private static void add(FieldPlan field, Value value, Decoded out) {
        if (field.nameError != null) {
            throw new MappingException(field.nameError);
        }
        out.puts[out.count++] = new Operation(Operation.Type.WRITE, field.binName, value);
    }
}
