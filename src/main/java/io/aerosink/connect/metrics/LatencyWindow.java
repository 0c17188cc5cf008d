package io.aerosink.connect.metrics;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The durations of the last {@value #SIZE} batch calls, for their average, maximum and percentiles. Writer threads
 * record without a lock or an allocation: each takes the next slot of a ring. A reader may see a slot being
 * overwritten, which moves a statistic by one call of the window at most. Percentiles are computed when read (a
 * sorted copy of the window), so recording costs the same whatever is read.
 */
final class LatencyWindow {

    static final int SIZE = 256;

    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLongArray nanos = new AtomicLongArray(SIZE);

    void record(long durationNanos) {
        nanos.set((int) (recorded.getAndIncrement() & (SIZE - 1)), durationNanos);
    }

    double averageMs() {
        int filled = filled();
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
        int filled = filled();
        long max = 0;
        for (int i = 0; i < filled; i++) {
            max = Math.max(max, nanos.get(i));
        }
        return toMs(max);
    }

    /**
     * The nearest-rank percentile: the smallest duration that at least {@code percent}% of the window's calls
     * took no longer than. 0 while no call was made.
     */
    double percentileMs(double percent) {
        int filled = filled();
        if (filled == 0) {
            return 0;
        }
        long[] sorted = new long[filled];
        for (int i = 0; i < filled; i++) {
            sorted[i] = nanos.get(i);
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * filled);
        return toMs(sorted[Math.max(rank, 1) - 1]);
    }

    private int filled() {
        return (int) Math.min(recorded.get(), SIZE);
    }

    private static double toMs(long nanos) {
        return (double) nanos / TimeUnit.MILLISECONDS.toNanos(1);
    }
}
