package io.aerosink.connect.mapping;

import org.apache.kafka.connect.sink.SinkRecord;

/** Turns one record into the writes of its keys. Used by one task thread: converters keep per-task scratch state. */
public interface RecordConverter {

    /**
     * Converts {@code record}; throws {@link MappingException} when the record as a whole cannot be written
     * (nothing of it has then been handed to {@code sink}).
     */
    void convert(SinkRecord record, ConversionSink sink);

    /**
     * Fetches what converting {@code record} needs from outside the task (a writer schema from the registry), before
     * any record of its {@code put} is converted; throws a {@code RetriableException} when that cannot be reached.
     */
    default void prepare(SinkRecord record) {
    }
}
