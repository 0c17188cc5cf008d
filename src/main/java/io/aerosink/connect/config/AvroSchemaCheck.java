package io.aerosink.connect.config;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/** Checks a {@code value.avro.schema} the way the task will read it, so mistakes show up in validation. */
final class AvroSchemaCheck {

    private AvroSchemaCheck() {
    }

    /** The problem with {@code schema}, or null when it is an Avro record schema. */
    static String problem(String schema) {
        Schema parsed;
        try {
            parsed = new Schema.Parser().parse(schema);
        } catch (AvroRuntimeException e) {
            return MappingConfig.VALUE_AVRO_SCHEMA + " is not an Avro schema: " + e.getMessage();
        }
        if (parsed.getType() != Schema.Type.RECORD) {
            return MappingConfig.VALUE_AVRO_SCHEMA + " is a " + parsed.getType().getName()
                    + " schema; it must be a record, whose fields become bins";
        }
        return null;
    }
}
