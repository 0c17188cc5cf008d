package io.aerosink.connect.config;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A bin the connector writes of its own: a valid Aerospike bin name that starts with '_', so no field clashes. */
final class BinNameValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        String bin = value == null ? "" : value.toString().trim();
        if (!bin.startsWith("_")) {
            throw new ConfigException(name, value, "must start with '_': fields that do not are written as bins, "
                    + "and one could overwrite it");
        }
        if (bin.getBytes(StandardCharsets.UTF_8).length > ConfigValidator.MAX_BIN_NAME_BYTES) {
            throw new ConfigException(name, value, "Aerospike bin names are at most "
                    + ConfigValidator.MAX_BIN_NAME_BYTES + " bytes");
        }
    }

    @Override
    public String toString() {
        return "a bin name starting with '_', at most " + ConfigValidator.MAX_BIN_NAME_BYTES + " bytes";
    }
}
