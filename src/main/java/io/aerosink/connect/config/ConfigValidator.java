package io.aerosink.connect.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;

import io.aerosink.connect.avro.SchemaRegistry;
import io.aerosink.connect.tls.StoreException;
import io.aerosink.connect.tls.TlsContexts;

/**
 * Validation as the worker's validate endpoint shows it, every error of a config in one answer: each value on its
 * own first, keys that look like ours but are none of them, then the rules that span several keys (reported on every
 * key involved), then the per-topic overrides. A rule that needs an invalid value is skipped, the others still run.
 */
public final class ConfigValidator {

    public static final int MAX_BIN_NAME_BYTES = 15;

    private ConfigValidator() {
    }

    public static Config validate(Map<String, String> props) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (ConfigValue value : SinkConfig.CONFIG_DEF.validate(props)) {
            values.put(value.name(), value);
        }
        checkMisspeltKeys(values, props);
        checkKeyField(values, MappingConfig.KEY_FIELD, props.get(MappingConfig.KEY_FIELD));
        checkPair(values, props, ConnectionConfig.USER, ConnectionConfig.PASSWORD);
        checkSecurity(values, props);
        checkAtMost(values, props, WriteConfig.RETRY_BACKOFF_MS, WriteConfig.RETRY_BACKOFF_MAX_MS);
        checkAtMost(values, props, WriteConfig.BATCH_SIZE, WriteConfig.MAX_BUFFERED_RECORDS);
        boolean registryNeeded = checkMapping(values, props, "", "");
        registryNeeded |= checkOverrides(values, props);
        if (registryNeeded && values.values().stream().allMatch(v -> v.errorMessages().isEmpty())) {
            checkRegistry(values, props);
        }
        return new Config(List.copyOf(values.values()));
    }

    /** Whether the registry answers, asked only once everything else is valid, as a connection check should be. */
    private static void checkRegistry(Map<String, ConfigValue> values, Map<String, String> props) {
        String problem;
        try {
            problem = new SchemaRegistry(new RegistryConfig(props)).problem();
        } catch (ConnectException e) {
            error(values, RegistryConfig.TRUSTSTORE_LOCATION, e.getMessage());
            return;
        }
        if (problem != null) {
            error(values, RegistryConfig.URL, problem);
        }
    }

    /** A key that looks like ours but that no scope defines is an error on that key, naming the closest real key. */
    private static void checkMisspeltKeys(Map<String, ConfigValue> values, Map<String, String> props) {
        Set<String> known = SinkConfig.CONFIG_DEF.names();
        props.forEach((key, value) -> {
            if (!known.contains(key) && KeySpelling.looksOurs(key)) {
                values.put(key, new ConfigValue(key, value, new ArrayList<>(), new ArrayList<>()));
                error(values, key, "'" + key + "' is not a setting of this connector; did you mean '"
                        + KeySpelling.closest(key, known).key() + "'?");
            }
        });
    }

    private static void checkKeyField(Map<String, ConfigValue> values, String name, String keyField) {
        if (keyField != null && !keyField.trim().startsWith("_")
                && keyField.trim().getBytes(StandardCharsets.UTF_8).length > MAX_BIN_NAME_BYTES) {
            error(values, name, name + " '" + keyField.trim() + "' is written as a bin (it does not start with '_') "
                    + "and Aerospike bin names are at most " + MAX_BIN_NAME_BYTES + " bytes; use a shorter name "
                    + "or one starting with '_'");
        }
    }

    /**
     * The TLS and authentication rules, then, when every TLS and connection value is valid and TLS is on, whether
     * the stores open: each store's problem on the key to fix (the file, its type or its password).
     */
    private static void checkSecurity(Map<String, ConfigValue> values, Map<String, String> props) {
        Map<String, Object> parsed = parseEach(ConnectionConfig.DEF, props);
        parsed.putAll(parseEach(TlsConfig.DEF, props));
        for (SecurityCheck.Problem problem : SecurityCheck.problems(parsed, props)) {
            problem.keys().forEach(key -> error(values, key, problem.message()));
        }
        boolean valid = Stream.concat(ConnectionConfig.DEF.names().stream(), TlsConfig.DEF.names().stream())
                .allMatch(key -> isValid(values, key));
        if (valid && Boolean.TRUE.equals(parsed.get(TlsConfig.ENABLED))) {
            for (StoreException problem : TlsContexts.problems(new TlsConfig(props))) {
                error(values, problem.key(), problem.getMessage());
            }
        }
    }

    private static void checkPair(Map<String, ConfigValue> values, Map<String, String> props, String user, String password) {
        boolean hasUser = !props.getOrDefault(user, "").isBlank();
        boolean hasPassword = !props.getOrDefault(password, "").isEmpty();
        if (hasUser != hasPassword) {
            String message = user + " and " + password + " must be set together";
            error(values, user, message);
            error(values, password, message);
        }
    }

    private static void checkAtMost(Map<String, ConfigValue> values, Map<String, String> props, String smaller, String larger) {
        if (!isValid(values, smaller) || !isValid(values, larger)) {
            return;
        }
        Object low = values.get(smaller).value();
        Object high = values.get(larger).value();
        if (low instanceof Integer l && high instanceof Integer h && l > h) {
            String message = smaller + " (" + l + ") must not exceed " + larger + " (" + h + ")";
            error(values, smaller, message);
            error(values, larger, message);
        }
    }

    /**
     * Rules between mapping keys, for the connector settings ({@code topic} "") or one topic's overrides; answers
     * whether these settings read Avro through the schema registry. Each rule runs on the values it needs, so one
     * invalid value hides only the rules that need it.
     */
    private static boolean checkMapping(Map<String, ConfigValue> values, Map<String, String> props, String topic,
                                        String prefix) {
        Map<String, Object> parsed = parseEach(MappingConfig.DEF, TopicOverrides.forTopic(props, topic));
        String keyField = text(parsed, MappingConfig.KEY_FIELD);
        String ttlField = text(parsed, MappingConfig.TTL_FIELD);
        String fence = text(parsed, MappingConfig.WRITE_FENCE);
        String fenceField = text(parsed, MappingConfig.WRITE_FENCE_FIELD);
        if (keyField != null && keyField.equals(ttlField)) {
            conflict(values, props, prefix, "key.field and ttl.field name the same field '" + keyField + "'",
                    MappingConfig.KEY_FIELD, MappingConfig.TTL_FIELD);
        }
        if ("field".equalsIgnoreCase(fence) && isEmpty(fenceField)) {
            conflict(values, props, prefix, "write.fence=field needs write.fence.field, the value field whose value "
                    + "must grow", MappingConfig.WRITE_FENCE, MappingConfig.WRITE_FENCE_FIELD);
        }
        checkRows(values, props, prefix, parsed);
        String format = text(parsed, MappingConfig.VALUE_FORMAT);
        return "avro".equalsIgnoreCase(format) && checkAvro(values, props, prefix, parsed);
    }

    /** The rules of the row formats ({@code fixed}, {@code npy}) and of the layout, for one mapping. */
    private static void checkRows(Map<String, ConfigValue> values, Map<String, String> props, String prefix,
                                  Map<String, Object> parsed) {
        String format = text(parsed, MappingConfig.VALUE_FORMAT);
        String layout = text(parsed, MappingConfig.VALUE_LAYOUT);
        String keyField = text(parsed, MappingConfig.KEY_FIELD);
        boolean rows = "fixed".equalsIgnoreCase(format) || "npy".equalsIgnoreCase(format);
        if (rows && "record".equalsIgnoreCase(text(parsed, MappingConfig.KEY_SOURCE))) {
            conflict(values, props, prefix, "value.format=" + format + " reads the key from each row; "
                    + "key.source=record cannot be used with it", MappingConfig.VALUE_FORMAT, MappingConfig.KEY_SOURCE);
        }
        if (rows && isSet(text(parsed, MappingConfig.TTL_FIELD))) {
            conflict(values, props, prefix, "ttl.field is not supported with value.format=" + format
                    + "; use ttl.seconds", MappingConfig.VALUE_FORMAT, MappingConfig.TTL_FIELD);
        }
        if (rows && "field".equalsIgnoreCase(text(parsed, MappingConfig.WRITE_FENCE))) {
            conflict(values, props, prefix, "write.fence=field reads a value field and is not supported with "
                    + "value.format=" + format + "; use write.fence=offset", MappingConfig.WRITE_FENCE,
                    MappingConfig.VALUE_FORMAT);
        }
        if ("fixed".equalsIgnoreCase(format) && isEmpty(layout)) {
            conflict(values, props, prefix, "value.format=fixed needs value.layout, e.g. '_key:<i4, temperature:<f8'",
                    MappingConfig.VALUE_FORMAT, MappingConfig.VALUE_LAYOUT);
        }
        if (isSet(layout) && keyField != null) {
            String problem = LayoutCheck.problem(layout, keyField);
            if (problem != null) {
                error(values, prefix + MappingConfig.VALUE_LAYOUT, problem);
            }
        }
    }

    /** The Avro settings of one mapping; answers whether its writer schemas come from the registry. */
    private static boolean checkAvro(Map<String, ConfigValue> values, Map<String, String> props, String prefix,
                                     Map<String, Object> parsed) {
        String encoding = text(parsed, MappingConfig.VALUE_AVRO_ENCODING);
        String schema = text(parsed, MappingConfig.VALUE_AVRO_SCHEMA);
        boolean registry = "confluent".equalsIgnoreCase(encoding);
        List<String> urls = registryUrls(values);
        if (registry && urls != null && urls.isEmpty()) {
            String message = "value.format=avro with value.avro.encoding=confluent reads each writer schema from the "
                    + "schema registry; set " + RegistryConfig.URL + " (e.g. http://registry:8081)";
            error(values, RegistryConfig.URL, message);
            error(values, prefix + MappingConfig.VALUE_FORMAT, message);
        }
        String schemaKey = prefix + MappingConfig.VALUE_AVRO_SCHEMA;
        if (encoding != null && !registry && isEmpty(schema)) {
            conflict(values, props, prefix, "value.avro.encoding=" + encoding + " carries no schema id: set "
                    + MappingConfig.VALUE_AVRO_SCHEMA + " to the writer schema", MappingConfig.VALUE_AVRO_ENCODING,
                    MappingConfig.VALUE_AVRO_SCHEMA);
        }
        if (isSet(schema)) {
            String problem = AvroSchemaCheck.problem(schema);
            if (problem != null) {
                error(values, props.containsKey(schemaKey) ? schemaKey : MappingConfig.VALUE_AVRO_SCHEMA, problem);
            }
        }
        return registry;
    }

    /** The registry URLs set, as {@link RegistryConfig#urls()} reads them, or null when the value did not parse. */
    private static List<String> registryUrls(Map<String, ConfigValue> values) {
        ConfigValue url = values.get(RegistryConfig.URL);
        if (url == null || !(url.value() instanceof List<?> urls)) {
            return null;
        }
        return urls.stream().map(u -> u.toString().trim()).filter(u -> !u.isEmpty()).toList();
    }

    /**
     * The keys of {@code def} whose values are valid, parsed, defaults applied; a key whose value does not parse or
     * validate, or a required one that is missing, is left out (its own error is reported where it is validated).
     */
    private static Map<String, Object> parseEach(ConfigDef def, Map<String, String> props) {
        Map<String, Object> parsed = new HashMap<>();
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            Object value = key.defaultValue;
            try {
                if (props.containsKey(key.name)) {
                    value = ConfigDef.parseType(key.name, props.get(key.name), key.type);
                }
                if (value == ConfigDef.NO_DEFAULT_VALUE) {
                    continue;
                }
                if (key.validator != null) {
                    key.validator.ensureValid(key.name, value);
                }
                parsed.put(key.name, value);
            } catch (ConfigException e) {
                // left out: the rules that need this value are skipped
            }
        }
        return parsed;
    }

    /** The trimmed string value of {@code key}, or null when it is not valid. */
    private static String text(Map<String, Object> parsed, String key) {
        Object value = parsed.get(key);
        return value == null ? null : value.toString().trim();
    }

    private static boolean isSet(String text) {
        return text != null && !text.isEmpty();
    }

    private static boolean isEmpty(String text) {
        return text != null && text.isEmpty();
    }

    private static boolean checkOverrides(Map<String, ConfigValue> values, Map<String, String> props) {
        Set<String> topics = new HashSet<>();
        String listed = props.getOrDefault("topics", "");
        Set<String> subscribed = new HashSet<>(Arrays.asList(listed.split("\\s*,\\s*")));
        for (TopicOverrides.Entry entry : TopicOverrides.entries(props)) {
            ConfigValue value = new ConfigValue(entry.configKey(), entry.value(), new ArrayList<>(), new ArrayList<>());
            values.put(entry.configKey(), value);
            if (entry.setting() == null) {
                String suggestion = TopicOverrides.suggestion(entry.configKey(), subscribed);
                value.addErrorMessage("'" + entry.configKey() + "' overrides nothing"
                        + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
                        + " Per-topic keys are topic.<topic>.<key> with <key> one of "
                        + TopicOverrides.overridableKeys());
                continue;
            }
            if (!listed.isBlank() && !subscribed.contains(entry.topic())) {
                value.addErrorMessage("topic '" + entry.topic() + "' is not in topics (" + listed + ")");
            }
            ConfigDef.ConfigKey key = MappingConfig.DEF.configKeys().get(entry.setting());
            try {
                Object parsed = ConfigDef.parseType(entry.setting(), entry.value(), key.type);
                if (key.validator != null) {
                    key.validator.ensureValid(entry.setting(), parsed);
                }
            } catch (ConfigException e) {
                value.addErrorMessage(e.getMessage());
            }
            if (MappingConfig.KEY_FIELD.equals(entry.setting())) {
                checkKeyField(values, entry.configKey(), entry.value());
            }
            topics.add(entry.topic());
        }
        boolean registryNeeded = false;
        for (String topic : topics) {
            registryNeeded |= checkMapping(values, props, topic, TopicOverrides.PREFIX + topic + ".");
        }
        return registryNeeded;
    }

    private static void conflict(Map<String, ConfigValue> values, Map<String, String> props, String prefix,
                                 String message, String... keys) {
        for (String key : keys) {
            String overridden = prefix + key;
            error(values, !prefix.isEmpty() && props.containsKey(overridden) ? overridden : key,
                    prefix.isEmpty() ? message : message + " (for " + prefix.substring(0, prefix.length() - 1) + ")");
        }
    }

    private static boolean isValid(Map<String, ConfigValue> values, String name) {
        ConfigValue value = values.get(name);
        return value != null && value.errorMessages().isEmpty();
    }

    private static void error(Map<String, ConfigValue> values, String name, String message) {
        ConfigValue value = values.computeIfAbsent(name, n -> new ConfigValue(n, null, new ArrayList<>(), new ArrayList<>()));
        if (!value.errorMessages().contains(message)) {
            value.addErrorMessage(message);
        }
    }
}
