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
        String problem = problem(field);
        if (problem != null) {
            throw new MappingException(problem);
        }
        return field;
    }

    /** Why {@code field} cannot name a bin, or null when it can. */
    static String problem(String field) {
        // Five UTF-16 units are at most 15 UTF-8 bytes, so short names skip the encoding.
        if (field.length() <= 5) {
            return null;
        }
        int bytes = field.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= ConfigValidator.MAX_BIN_NAME_BYTES) {
            return null;
        }
        return "field '" + field + "' is " + bytes + " bytes long; Aerospike bin names are at most "
                + ConfigValidator.MAX_BIN_NAME_BYTES + " bytes (rename it, or prefix it with '_' to leave it out)";
    }
}
