package io.aerosink.connect.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigValue;

/** What {@link ConfigValidator} reports, as a user reads it: each key that has errors, with its messages. */
final class ConfigErrors {

    private ConfigErrors() {
    }

    static Map<String, List<String>> of(Map<String, String> props) {
        return ConfigValidator.validate(props).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }
}
