package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; the failure message says what was awaited and the state seen. */
final class Await {

    /** Default deadline: generous, since a loaded 2-core CI machine runs a broker, a worker and the tests at once. */
    static final Duration DEFAULT = Duration.ofSeconds(60);
    private static final long POLL_MS = 25;

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        until(DEFAULT, what, condition, () -> "");
    }

    static void until(Duration timeout, String what, BooleanSupplier condition) {
        until(timeout, what, condition, () -> "");
    }

    /** Waits for {@code condition}; on time-out fails with {@code what} and the text of {@code state}. */
    static void until(Duration timeout, String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            RuntimeException last = null;
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                String seen = state.get();
                fail("Timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + (seen.isEmpty() ? "" : "; last seen: " + seen)
                        + (last != null ? "; last error: " + last : ""), last);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Waits until {@code supplier} returns non-null and returns that value. */
    static <T> T value(Duration timeout, String what, Supplier<T> supplier) {
        Object[] holder = new Object[1];
        until(timeout, what, () -> (holder[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        T value = (T) holder[0];
        return value;
    }
}
