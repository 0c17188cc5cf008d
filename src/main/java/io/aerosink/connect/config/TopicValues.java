package io.aerosink.connect.config;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Something built once per topic, the first time the topic is seen. The last topic asked for is answered without a
 * lookup: the records of a poll mostly come from one topic, and Connect hands them over with the same topic string,
 * so a record costs a reference compare instead of a hash and a map probe. Not thread-safe.
 */
public final class TopicValues<V> {

    private final Function<String, V> build;
    private final Map<String, V> built = new HashMap<>();
    private String lastTopic;
    private V last;

    public TopicValues(Function<String, V> build) {
        this.build = build;
    }

    public V get(String topic) {
        if (!topic.equals(lastTopic)) {
            last = built.computeIfAbsent(topic, build);
            lastTopic = topic;
        }
        return last;
    }
}
