package io.aerosink.connect.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-topic settings: {@code topic.<topic>.<key>} overrides a {@link MappingConfig} key for one topic. Topic
 * names may contain dots, so a key is split at the longest mapping key it ends with.
 */
public final class TopicOverrides {

    public static final String PREFIX = "topic.";

    private static final List<String> OVERRIDABLE = MappingConfig.DEF.names().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();

    /** One {@code topic.<topic>.<key>} entry; {@code setting} is null when no mapping key matches. */
    public record Entry(String configKey, String topic, String setting, String value) {
    }

    private TopicOverrides() {
    }

    public static List<String> overridableKeys() {
        return OVERRIDABLE.stream().sorted().toList();
    }

    public static List<Entry> entries(Map<String, String> props) {
        List<Entry> entries = new ArrayList<>();
        props.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                entries.add(parse(key, value));
            }
        });
        return entries;
    }

    private static Entry parse(String key, String value) {
        String rest = key.substring(PREFIX.length());
        for (String setting : OVERRIDABLE) {
            if (rest.endsWith("." + setting) && rest.length() > setting.length() + 1) {
                return new Entry(key, rest.substring(0, rest.length() - setting.length() - 1), setting, value);
            }
        }
        return new Entry(key, null, null, value);
    }

    /** The connector's settings with the overrides of {@code topic} applied and all override keys removed. */
    public static Map<String, String> forTopic(Map<String, String> props, String topic) {
        Map<String, String> merged = new HashMap<>();
        props.forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) {
                merged.put(key, value);
            }
        });
        for (Entry entry : entries(props)) {
            if (topic.equals(entry.topic())) {
                merged.put(entry.setting(), entry.value());
            }
        }
        return merged;
    }
}
