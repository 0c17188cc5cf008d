package io.aerosink.connect.write;

import java.util.HashMap;
import java.util.Map;

import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.SinkConfig;

/** The write policies of each topic, built from its settings (overrides applied) the first time it is seen. */
public final class TopicPolicies {

    private final SinkConfig config;
    private final Map<String, WritePolicies> policies = new HashMap<>();

    public TopicPolicies(SinkConfig config) {
        this.config = config;
    }

    /** Task thread only. */
    public WritePolicies forTopic(String topic) {
        WritePolicies topicPolicies = policies.get(topic);
        if (topicPolicies == null) {
            MappingConfig mapping = config.mapping(topic);
            topicPolicies = new WritePolicies(mapping.writeAction(), mapping.ttlSeconds(), mapping.sendKey(),
                    mapping.durableDelete(), Fence.of(mapping));
            policies.put(topic, topicPolicies);
        }
        return topicPolicies;
    }
}
