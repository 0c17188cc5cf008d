package io.aerosink.connect;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Fails a model run's final drain that stops making progress, rather than letting it hang: once faults stop,
 * nothing holds a write back for more than a slow call (40 ms) and a retry backoff (2 ms).
 */
final class DrainWatch {

    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final long started = System.nanoTime();
    private long progressed = started;
    private List<Object> progress;

    DrainWatch(List<Object> progress) {
        this.progress = progress;
    }

    /** Records {@code now}'s progress; fails when there was none for too long, describing {@code state}. */
    void check(List<Object> now, Supplier<String> state) {
        long time = System.nanoTime();
        if (!now.equals(progress)) {
            progress = now;
            progressed = time;
        }
        if (time - progressed >= STALL_NANOS || time - started >= LIMIT_NANOS) {
            throw new AssertionError("The task never drained: no progress for "
                    + TimeUnit.NANOSECONDS.toMillis(time - progressed) + " ms with " + state.get());
        }
    }
}
