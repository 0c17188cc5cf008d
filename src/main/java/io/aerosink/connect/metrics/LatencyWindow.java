package io.aerosink.connect.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The durations of the last {@value #SIZE} batch calls, for their average and maximum. Writer threads record
 * without a lock or an allocation: each takes the next slot of a ring. A reader may see a slot being
 * overwritten, which moves the average by one call of the window at most.
 */
final class LatencyWindow {

    static final int SIZE = 256;

    private final AtomicLongArray nanos = new AtomicLongArray(SIZE);
    private final AtomicLong recorded = new AtomicLong();

    void record(long durationNanos) {
        nanos.set((int) (recorded.getAndIncrement() & (SIZE - 1)), durationNanos);
    }

    double averageMs() {
        int filled = (int) Math.min(recorded.get(), SIZE);
        if (filled == 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < filled; i++) {
            sum += nanos.get(i);
        }
        return (double) sum / filled / TimeUnit.MILLISECONDS.toNanos(1);
    }

    double maxMs() {
        int filled = (int) Math.min(recorded.get(), SIZE);
        long max = 0;
        for (int i = 0; i < filled; i++) {
            max = Math.max(max, nanos.get(i));
        }
        return (double) max / TimeUnit.MILLISECONDS.toNanos(1);
    }
}
