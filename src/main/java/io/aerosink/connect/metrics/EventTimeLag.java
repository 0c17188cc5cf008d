package io.aerosink.connect.metrics;

import java.util.function.LongSupplier;

/**
 * How far the data in Aerospike is behind the Kafka records' timestamps: the wall clock minus the timestamp of
 * the newest record (by timestamp) written so far. One writer, the task thread as it settles writes, moves the
 * newest timestamp, a run of records at a time; readers compute the lag when they read it.
 */
final class EventTimeLag {

    static final String DOC = "Wall clock minus the Kafka timestamp of the newest record written (0 until one is)";

    private static final long NONE = -1;

    private final LongSupplier wallClockMs;
    /** The newest timestamp written, in ms since the epoch, or {@link #NONE}. */
    private volatile long newestMs = NONE;

    EventTimeLag(LongSupplier wallClockMs) {
        this.wallClockMs = wallClockMs;
    }

    /** Records of this timestamp are written; an older one than the newest (or none, negative) changes nothing. */
    void written(long timestampMs) {
        if (timestampMs > newestMs) {
            newestMs = timestampMs;
        }
    }

    /** 0 until a record with a timestamp is written, and for a timestamp ahead of the wall clock. */
    long lagMs() {
        long newest = newestMs;
        return newest == NONE ? 0 : Math.max(0, wallClockMs.getAsLong() - newest);
    }
}
