package io.aerosink.connect.mapping;

import java.util.HashMap;
import java.util.Map;

import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.config.ValueFormat;

/** The converter of each topic, built from its settings (overrides applied) the first time it is seen. */
public final class TopicMappings {

    private final SinkConfig config;
    private final Map<String, RecordConverter> converters = new HashMap<>();

    public TopicMappings(SinkConfig config) {
        this.config = config;
    }

    /** The converter for records whose original topic is {@code topic}. Task thread only. */
    public RecordConverter converter(String topic) {
        RecordConverter converter = converters.get(topic);
        if (converter == null) {
            converter = create(config.mapping(topic));
            converters.put(topic, converter);
        }
        return converter;
    }

    static RecordConverter create(MappingConfig mapping) {
        if (mapping.valueFormat() == ValueFormat.AUTO) {
            return new ValueRecordConverter(mapping);
        }
        return new RowRecordConverter(mapping);
    }
}
