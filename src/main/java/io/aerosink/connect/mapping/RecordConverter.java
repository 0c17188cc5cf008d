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
     * Does ahead what converting {@code record} needs, before any record of its {@code put} is converted: fetches
     * what comes from outside the task (a writer schema from the registry), throwing a {@code RetriableException}
     * when that cannot be reached, and digests the record's key together with the other records' keys.
     */
    default void prepare(SinkRecord record) {
    }
}
