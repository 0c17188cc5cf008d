package io.aerosink.connect.write;

import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.config.TopicValues;

/** The write policies of each topic, built from its settings (overrides applied) the first time it is seen. */
public final class TopicPolicies {

    private final TopicValues<WritePolicies> policies;

    public TopicPolicies(SinkConfig config) {
        policies = new TopicValues<>(topic -> {
            MappingConfig mapping = config.mapping(topic);
            return new WritePolicies(mapping.writeAction(), mapping.ttlSeconds(), mapping.sendKey(),
                    mapping.durableDelete(), Fence.of(mapping));
        });
    }

    /** Task thread only. */
    public WritePolicies forTopic(String topic) {
        return policies.get(topic);
    }
}
