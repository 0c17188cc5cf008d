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

    /** How a plain bin field is read: a primitive straight from the input, anything else by its reader. */
    private static final int BY_READER = 0;
    private static final int LONG = 1;
    private static final int DOUBLE = 2;
    private static final int FLOAT = 3;
    private static final int STRING = 4;
    private static final int BOOLEAN = 5;

    private static final class FieldPlan {
        final String name;
        final ValueReader reader;
        /** For a bin with no other role: how it is read (one switch instead of a call per reader class). */
        final int kind;
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
            this.kind = binName == null || hasRole() || field.schema().getLogicalType() != null
                    ? BY_READER
                    : switch (field.schema().getType()) {
                        case INT, LONG -> LONG;
                        case DOUBLE -> DOUBLE;
                        case FLOAT -> FLOAT;
                        case STRING -> STRING;
                        case BOOLEAN -> BOOLEAN;
                        default -> BY_READER;
                    };
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
        switch (field.kind) {
            case LONG -> add(field, Value.get(in.readLong()), out);
            case DOUBLE -> add(field, Value.get(in.readDouble()), out);
            case FLOAT -> add(field, Value.get((double) in.readFloat()), out);
            case STRING -> add(field, Value.get(in.readString()), out);
            case BOOLEAN -> add(field, Value.get(in.readBoolean()), out);
            default -> readByReader(field, in, out);
        }
    }

    private static void readByReader(FieldPlan field, AvroInput in, Decoded out) {
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
