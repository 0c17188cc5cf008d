package io.aerosink.connect.testserver;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Server time in Aerospike's unit (seconds since 2010-01-01 UTC), shiftable so tests can expire records at once. */
final class ServerClock {
    static final long CITRUSLEAF_EPOCH_SECONDS = 1262304000L;

    private final AtomicLong offsetSeconds = new AtomicLong();

    int now() {
        return (int) (System.currentTimeMillis() / 1000 + offsetSeconds.get() - CITRUSLEAF_EPOCH_SECONDS);
    }

    void advance(Duration d) {
        offsetSeconds.addAndGet(d.toSeconds());
    }
}
