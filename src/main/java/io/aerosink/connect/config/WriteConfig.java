package io.aerosink.connect.config;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Buffering, batching and retry settings of the write path. */
public final class WriteConfig {

    public static final String BATCHING_GROUP = "Batching";
    public static final String RETRIES_GROUP = "Retries";

    public static final String BATCH_SIZE = "batch.size";
    public static final String LINGER_MS = "linger.ms";
    public static final String BATCH_MAX_BYTES = "batch.max.bytes";
    /** Aerospike refuses, and drops the connection of, any request over 128 MiB ("invalid proto size"). */
    public static final long SERVER_REQUEST_LIMIT_BYTES = 128L * 1024 * 1024;
    public static final String MAX_BUFFERED_RECORDS = "max.buffered.records";
    public static final String MAX_IN_FLIGHT_BATCHES = "max.in.flight.batches";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";

    public static final ConfigDef DEF = new ConfigDef()
            .define(BATCH_SIZE, Type.INT, 1000, Range.between(1, 100_000), Importance.HIGH,
                    "Records per Aerospike batch call: a batch is sent as soon as this many are ready.",
                    BATCHING_GROUP, 1, Width.SHORT, "Batch size")
            .define(LINGER_MS, Type.INT, 100, Range.between(0, 600_000), Importance.HIGH,
                    "Latency bound: a record waits at most this long for its batch to fill before it is sent.",
                    BATCHING_GROUP, 2, Width.SHORT, "Linger (ms)")
            .define(BATCH_MAX_BYTES, Type.INT, 8 * 1024 * 1024, Range.between(64 * 1024, 96 * 1024 * 1024),
                    Importance.MEDIUM,
                    "Bytes per Aerospike batch call, estimated from the records' keys and bins: a batch is closed "
                            + "before the key that would pass it, so no request comes near the server's 128 MiB "
                            + "limit; a record larger than this goes alone. Whichever of batch.size and this is "
                            + "reached first closes the batch.",
                    BATCHING_GROUP, 3, Width.SHORT, "Batch max bytes")
            .define(MAX_BUFFERED_RECORDS, Type.INT, 20_000, Range.atLeast(1), Importance.MEDIUM,
                    "Records (rows) a task holds before put() waits for writes to finish (back-pressure). Records "
                            + "folded into a waiting write of the same key count too; a task that holds this many "
                            + "sends the keys that are ready at once, without waiting for linger.ms.",
                    BATCHING_GROUP, 4, Width.SHORT, "Max buffered records")
            .define(MAX_IN_FLIGHT_BATCHES, Type.INT, 4, Range.between(1, 64), Importance.MEDIUM,
                    "Batch calls a task runs at once.",
                    BATCHING_GROUP, 5, Width.SHORT, "Max in-flight batches")
            .define(MAX_RETRIES, Type.INT, 5, Range.atLeast(0), Importance.MEDIUM,
                    "Retries of a key that failed transiently (KEY_BUSY and other per-key contention) before it "
                            + "is dead-lettered. Outages, timeouts and an overloaded cluster are retried without limit "
                            + "and never dead-lettered.",
                    RETRIES_GROUP, 1, Width.SHORT, "Max retries")
            .define(RETRY_BACKOFF_MS, Type.INT, 100, Range.atLeast(0), Importance.LOW,
                    "First retry delay; it doubles per attempt, with jitter, up to retry.backoff.max.ms.",
                    RETRIES_GROUP, 2, Width.SHORT, "Retry backoff (ms)")
            .define(RETRY_BACKOFF_MAX_MS, Type.INT, 10_000, Range.atLeast(0), Importance.LOW,
                    "Cap of the retry delay, also used between attempts while Aerospike is unreachable.",
                    RETRIES_GROUP, 3, Width.SHORT, "Max retry backoff (ms)");

    private final int batchSize;
    private final int lingerMs;
    private final int batchMaxBytes;
    private final int maxBufferedRecords;
    private final int maxInFlightBatches;
    private final int maxRetries;
    private final int retryBackoffMs;
    private final int retryBackoffMaxMs;

    public WriteConfig(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(DEF, props, false);
        this.batchSize = config.getInt(BATCH_SIZE);
        this.lingerMs = config.getInt(LINGER_MS);
        this.batchMaxBytes = config.getInt(BATCH_MAX_BYTES);
        this.maxBufferedRecords = config.getInt(MAX_BUFFERED_RECORDS);
        this.maxInFlightBatches = config.getInt(MAX_IN_FLIGHT_BATCHES);
        this.maxRetries = config.getInt(MAX_RETRIES);
        this.retryBackoffMs = config.getInt(RETRY_BACKOFF_MS);
        this.retryBackoffMaxMs = config.getInt(RETRY_BACKOFF_MAX_MS);
    }

    public int batchSize() {
        return batchSize;
    }

    public int lingerMs() {
        return lingerMs;
    }

    public int batchMaxBytes() {
        return batchMaxBytes;
    }

    public int maxBufferedRecords() {
        return maxBufferedRecords;
    }

    public int maxInFlightBatches() {
        return maxInFlightBatches;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public int retryBackoffMs() {
        return retryBackoffMs;
    }

    public int retryBackoffMaxMs() {
        return retryBackoffMaxMs;
    }
}
