package io.aerosink.connect.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/** README's configuration reference, generated from the {@link ConfigDef}s so it cannot drift from the code. */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static String markdownTable() {
        StringBuilder out = new StringBuilder();
        for (ConfigDef def : SinkConfig.SCOPES) {
            String group = null;
            List<ConfigDef.ConfigKey> keys = new ArrayList<>(def.configKeys().values());
            List<String> groups = def.groups();
            keys.sort(Comparator.<ConfigDef.ConfigKey>comparingInt(k -> groups.indexOf(k.group))
                    .thenComparingInt(k -> k.orderInGroup));
            for (ConfigDef.ConfigKey key : keys) {
                if (!key.group.equals(group)) {
                    group = key.group;
                    out.append(out.length() == 0 ? "" : "\n").append("**").append(group).append("**\n\n")
                            .append("| key | type | default | valid values | description |\n")
                            .append("|---|---|---|---|---|\n");
                }
                out.append("| `").append(key.name).append("` | ")
                        .append(key.type.name().toLowerCase()).append(" | ")
                        .append(defaultOf(key)).append(" | ")
                        .append(key.validator == null ? "" : escape(key.validator.toString())).append(" | ")
                        .append(escape(key.documentation)).append(" |\n");
            }
        }
        out.append("\nEvery key of the Mapping group can be set for one topic as `topic.<topic>.<key>`.\n");
        return out.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "required";
        }
        Object value = key.defaultValue;
        String text = value instanceof Password || value == null ? "" : ConfigDef.convertToString(value, key.type);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
