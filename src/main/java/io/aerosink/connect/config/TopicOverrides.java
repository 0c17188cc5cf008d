package io.aerosink.connect.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * The real override key closest to {@code key}, an unknown {@code topic.<topic>.<key>}: the key is split after
     * {@code topic.} at each dot into a topic and a setting, and the split whose setting is closest to a mapping key
     * wins (ties to a topic of {@code subscribed}, then to the shorter topic). Null when no split leaves both parts.
     */
    public static String suggestion(String key, Set<String> subscribed) {
        String rest = key.substring(PREFIX.length());
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean bestSubscribed = false;
        for (int dot = rest.indexOf('.'); dot > 0 && dot < rest.length() - 1; dot = rest.indexOf('.', dot + 1)) {
            String topic = rest.substring(0, dot);
            KeySpelling.Suggestion setting = KeySpelling.closest(rest.substring(dot + 1), OVERRIDABLE);
            boolean isSubscribed = subscribed.contains(topic);
            if (setting.distance() < bestDistance || setting.distance() == bestDistance && isSubscribed && !bestSubscribed) {
                best = PREFIX + topic + "." + setting.key();
                bestDistance = setting.distance();
                bestSubscribed = isSubscribed;
            }
        }
        return best;
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
