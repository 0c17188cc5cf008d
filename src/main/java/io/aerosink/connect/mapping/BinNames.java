package io.aerosink.connect.mapping;

import java.nio.charset.StandardCharsets;

import io.aerosink.connect.config.ConfigValidator;

/** The underscore convention and Aerospike's bin name limit. */
final class BinNames {

    private BinNames() {
    }

    /** Fields starting with '_' are metadata, never bins. */
    static boolean isBin(String field) {
        return !field.isEmpty() && field.charAt(0) != '_';
    }

    static String checked(String field) {
        // Five UTF-16 units are at most 15 UTF-8 bytes, so short names skip the encoding.
        if (field.length() > 5 && field.getBytes(StandardCharsets.UTF_8).length > ConfigValidator.MAX_BIN_NAME_BYTES) {
            throw new MappingException("field '" + field + "' is " + field.getBytes(StandardCharsets.UTF_8).length
                    + " bytes long; Aerospike bin names are at most " + ConfigValidator.MAX_BIN_NAME_BYTES
                    + " bytes (rename it, or prefix it with '_' to leave it out)");
        }
        return field;
    }
}
