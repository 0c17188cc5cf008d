package io.aerosink.connect.mapping;

import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * What each field of one Struct schema is to the mapping (the key, the TTL, the fence, a bin, or metadata), worked out once
 * per schema rather than per record: bin names are checked against Aerospike's limit here, not for every value.
 */
final class StructPlan {

    /** One field: its roles, and its bin name (null when it is not a bin). */
    static final class FieldPlan {
        final Field field;
        final boolean key;
        final boolean ttl;
        final boolean fence;
        final String binName;
        /** Why this field cannot be a bin, reported when a record holds a value for it; null when it can. */
        final String nameError;

        private FieldPlan(Field field, String keyField, String ttlField, String fenceField) {
            this.field = field;
            String name = field.name();
            this.key = name.equals(keyField);
            this.ttl = name.equals(ttlField);
            this.fence = name.equals(fenceField);
            this.binName = BinNames.isBin(name) ? name : null;
            this.nameError = binName == null ? null : BinNames.problem(name);
        }
    }

    final Schema schema;
    final FieldPlan[] fields;

    StructPlan(Schema schema, String keyField, String ttlField, String fenceField) {
        this.schema = schema;
        List<Field> schemaFields = schema.fields();
        this.fields = new FieldPlan[schemaFields.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new FieldPlan(schemaFields.get(i), keyField, ttlField, fenceField);
        }
    }
}
