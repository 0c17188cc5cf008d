package io.aerosink.connect.errors;

import java.util.concurrent.Future;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Sends each failed key to Connect's dead-letter queue as its own message, with headers that say why. A
 * failed row of a multi-row message goes alone, as its own bytes.
 */
public final class DeadLetterReporter implements ErrorReporter {

    public static final String HEADER_PREFIX = "aerosink.";
    public static final String REASON = HEADER_PREFIX + "error.message";
    public static final String RESULT_CODE = HEADER_PREFIX + "error.result.code";
    public static final String RESULT_NAME = HEADER_PREFIX + "error.result.name";
    public static final String KEY = HEADER_PREFIX + "key";
    public static final String ORIGINAL_TOPIC = HEADER_PREFIX + "original.topic";
    public static final String ORIGINAL_PARTITION = HEADER_PREFIX + "original.partition";
    public static final String ORIGINAL_OFFSET = HEADER_PREFIX + "original.offset";
    public static final String ROW_INDEX = HEADER_PREFIX + "row.index";

    private final ErrantRecordReporter reporter;

    public DeadLetterReporter(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public Future<?> report(KeyFailure failure) {
        return reporter.report(deadLetter(failure), new KeyFailureException(failure));
    }

    /**
     * A plain {@link SinkRecord} (not the worker's internal one) so that the worker serializes it, with our
     * headers, instead of resending the original consumer record.
     */
    static SinkRecord deadLetter(KeyFailure failure) {
        SinkRecord record = failure.record();
        Headers headers = new ConnectHeaders();
        record.headers().forEach(headers::add);
        headers.addString(REASON, failure.reason());
        if (failure.hasResultCode()) {
            headers.addInt(RESULT_CODE, failure.resultCode());
            headers.addString(RESULT_NAME, ResultCodes.name(failure.resultCode()));
        }
        if (failure.key() != null) {
            headers.addString(KEY, failure.key());
        }
        headers.addString(ORIGINAL_TOPIC, record.originalTopic());
        headers.addInt(ORIGINAL_PARTITION, record.originalKafkaPartition());
        headers.addLong(ORIGINAL_OFFSET, record.originalKafkaOffset());
        Schema valueSchema = record.valueSchema();
        Object value = record.value();
        if (failure.rowIndex() >= 0) {
            headers.addInt(ROW_INDEX, failure.rowIndex());
            valueSchema = Schema.OPTIONAL_BYTES_SCHEMA;
            value = failure.rowBytes();
        }
        return new SinkRecord(record.originalTopic(), record.originalKafkaPartition(), record.keySchema(),
                record.key(), valueSchema, value, record.originalKafkaOffset(), record.timestamp(),
                record.timestampType(), headers);
    }
}
