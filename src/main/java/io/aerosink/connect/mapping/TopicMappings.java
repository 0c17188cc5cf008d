package io.aerosink.connect.mapping;

import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.config.TopicValues;
import io.aerosink.connect.avro.SchemaRegistry;
import io.aerosink.connect.config.AvroEncoding;

/** The converter of each topic, built from its settings (overrides applied) the first time it is seen. */
public final class TopicMappings {

    private final SinkConfig config;
    private final TopicValues<RecordConverter> converters;
    /** Shared by the topics of value.avro.encoding=confluent; made when the first of them is seen. */
    private SchemaRegistry registry;

    public TopicMappings(SinkConfig config) {
        this.config = config;
        this.converters = new TopicValues<>(topic -> create(config.mapping(topic)));
    }

    /**
     * How many keys this JVM digests at once: the vector lanes where it runs with
     * {@code --add-modules jdk.incubator.vector}, otherwise 1.
     */
    public static int digestLanes() {
        return Math.max(1, KeyDigester.VECTOR_LANES);
    }

    /** The converter for records whose original topic is {@code topic}. Task thread only. */
    public RecordConverter converter(String topic) {
        return converters.get(topic);
    }

    private RecordConverter create(MappingConfig mapping) {
        return switch (mapping.valueFormat()) {
            case AUTO -> new ValueRecordConverter(mapping);
            case FIXED, NPY -> new RowRecordConverter(mapping);
            case AVRO -> new AvroRecordConverter(mapping, mapping.avroEncoding() == AvroEncoding.CONFLUENT
                    ? registry()
                    : null);
        };
    }

    private SchemaRegistry registry() {
        if (registry == null) {
            registry = new SchemaRegistry(config.registry());
        }
        return registry;
    }
}
