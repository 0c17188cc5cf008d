package io.aerosink.connect.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts the lower-case names of an enum's constants, case-insensitively, and recommends them in UIs. */
final class EnumValidator implements ConfigDef.Validator, ConfigDef.Recommender {

    private final List<String> names;

    private EnumValidator(List<String> names) {
        this.names = names;
    }

    static EnumValidator of(Class<? extends Enum<?>> type) {
        return new EnumValidator(Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableList()));
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || !names.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
            throw new ConfigException(name, value, "must be one of " + names);
        }
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return List.copyOf(names);
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }

    @Override
    public String toString() {
        return String.join(", ", names);
    }
}
