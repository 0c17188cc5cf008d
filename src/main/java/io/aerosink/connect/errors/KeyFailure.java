package io.aerosink.connect.errors;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One key that could not be written: the record (or one row of it) behind it and why. A failure carries a
 * result code when Aerospike refused the write, and none when the record could not be converted.
 */
public final class KeyFailure {

    /** No Aerospike result code: the record failed before it reached Aerospike. */
    public static final int NO_RESULT_CODE = Integer.MIN_VALUE;

    private final SinkRecord record;
    private final int rowIndex;
    private final byte[] rowBytes;
    private final String key;
    private final int resultCode;
    private final String reason;

    private KeyFailure(SinkRecord record, int rowIndex, byte[] rowBytes, String key, int resultCode, String reason) {
        this.record = record;
        this.rowIndex = rowIndex;
        this.rowBytes = rowBytes;
        this.key = key;
        this.resultCode = resultCode;
        this.reason = reason;
    }

    /** Aerospike refused the write of {@code key} with {@code resultCode}. */
    public static KeyFailure refused(SinkRecord record, int rowIndex, byte[] rowBytes, String key, int resultCode,
                                     String reason) {
        return new KeyFailure(record, rowIndex, rowBytes, key, resultCode, reason);
    }

    /** The record, or one row of it, could not be turned into an Aerospike write. */
    public static KeyFailure unconvertible(SinkRecord record, int rowIndex, byte[] rowBytes, String reason) {
        return new KeyFailure(record, rowIndex, rowBytes, null, NO_RESULT_CODE, reason);
    }

    public SinkRecord record() {
        return record;
    }

    /** The row within a multi-row message, or -1 when the failure concerns the whole record. */
    public int rowIndex() {
        return rowIndex;
    }

    /** The failed row's own bytes, or null when the failure concerns the whole record. */
    public byte[] rowBytes() {
        return rowBytes;
    }

    /** The user key as text, or null when it could not be read. */
    public String key() {
        return key;
    }

    public boolean hasResultCode() {
        return resultCode != NO_RESULT_CODE;
    }

    public int resultCode() {
        return resultCode;
    }

    public String reason() {
        return reason;
    }

    /** Where the record came from and what went wrong, in the words of a log line or a task error. */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append("topic '").append(record.originalTopic())
                .append("' partition ").append(record.originalKafkaPartition())
                .append(" offset ").append(record.originalKafkaOffset());
        if (rowIndex >= 0) {
            text.append(" row ").append(rowIndex);
        }
        if (key != null) {
            text.append(" key '").append(key).append('\'');
        }
        text.append(": ").append(reason);
        if (hasResultCode()) {
            text.append(" [result code ").append(ResultCodes.describe(resultCode)).append(']');
        }
        return text.toString();
    }
}
