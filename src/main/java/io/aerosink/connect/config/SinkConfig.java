package io.aerosink.connect.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;

/** The whole connector configuration: one {@link ConfigDef} per scope, parsed once into typed values. */
public final class SinkConfig {

    /** Connect's own setting; {@code all} dead-letters failed keys, {@code none} stops the task. */
    public static final String ERRORS_TOLERANCE = "errors.tolerance";

    /** Each scope's ConfigDef, in the order the docs list them. */
    public static final List<ConfigDef> SCOPES = List.of(ConnectionConfig.DEF, TlsConfig.DEF, MappingConfig.DEF,
            WriteConfig.DEF, RegistryConfig.DEF);

    public static final ConfigDef CONFIG_DEF = merge(SCOPES);

    private final Map<String, String> props;
    private final ConnectionConfig connection;
    private final WriteConfig write;
    private final RegistryConfig registry;
    private final boolean tolerateErrors;

    public SinkConfig(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.connection = new ConnectionConfig(props);
        this.write = new WriteConfig(props);
        this.registry = new RegistryConfig(props);
        this.tolerateErrors = "all".equals(props.getOrDefault(ERRORS_TOLERANCE, "none").trim().toLowerCase(Locale.ROOT));
        new MappingConfig(TopicOverrides.forTopic(props, ""), "");
    }

    private static ConfigDef merge(List<ConfigDef> defs) {
        ConfigDef merged = new ConfigDef();
        for (ConfigDef def : defs) {
            def.configKeys().values().forEach(merged::define);
        }
        return merged;
    }

    public ConnectionConfig connection() {
        return connection;
    }

    public WriteConfig write() {
        return write;
    }

    public RegistryConfig registry() {
        return registry;
    }

    /** True when {@code errors.tolerance=all}: failed keys are dead-lettered instead of failing the task. */
    public boolean tolerateErrors() {
        return tolerateErrors;
    }

    /** The mapping in force for {@code topic}, overrides applied. Parsing is not cheap: callers cache it. */
    public MappingConfig mapping(String topic) {
        return new MappingConfig(TopicOverrides.forTopic(props, topic), topic);
    }

    public Map<String, String> originals() {
        return props;
    }
}
