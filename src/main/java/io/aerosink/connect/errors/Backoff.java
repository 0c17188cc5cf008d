package io.aerosink.connect.errors;

import java.util.concurrent.ThreadLocalRandom;

/** Capped exponential backoff with full jitter, so keys retried together do not come back together. */
public final class Backoff {

    private final long initialMs;
    private final long maxMs;

    public Backoff(long initialMs, long maxMs) {
        this.initialMs = initialMs;
        this.maxMs = Math.max(initialMs, maxMs);
    }

    /** The upper bound of the delay before attempt {@code attempt} (1 = the first retry). */
    public long ceilingMs(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        return Math.min(maxMs, initialMs << doublings);
    }

    /** A delay drawn between half the ceiling and the ceiling. */
    public long delayMs(int attempt) {
        long ceiling = ceilingMs(attempt);
        long floor = ceiling / 2;
        return floor + (ceiling > floor ? ThreadLocalRandom.current().nextLong(ceiling - floor + 1) : 0);
    }
}
