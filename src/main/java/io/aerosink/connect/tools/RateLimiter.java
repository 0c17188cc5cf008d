package io.aerosink.connect.tools;

/**
 * Paces rows to a target rate by the schedule "row n is due at start + n / rate" rather than by sleeping a
 * fixed gap per message, so rounding and send latency do not accumulate into a slower rate. The schedule
 * starts at the first row, not at construction, so a slow start-up (connecting, fetching metadata) is not
 * made up for with a burst; a later stall longer than {@link #MAX_CATCH_UP_NANOS} restarts it likewise.
 */
public final class RateLimiter {

    static final long MAX_CATCH_UP_NANOS = 250_000_000L;

    private final Ticker ticker;
    private final double nanosPerRow;
    private long scheduleStart;
    private long rowsScheduled;
    private boolean started;

    /** {@code rowsPerSecond <= 0} means unthrottled. */
    public RateLimiter(double rowsPerSecond, Ticker ticker) {
        this.ticker = ticker;
        this.nanosPerRow = rowsPerSecond > 0 ? 1e9 / rowsPerSecond : 0;
    }

    /** Blocks until {@code rows} more rows may be sent. */
    public void acquire(int rows) throws InterruptedException {
        if (nanosPerRow == 0) {
            return;
        }
        long now = ticker.nanoTime();
        long due = scheduleStart + (long) (rowsScheduled * nanosPerRow);
        if (!started || now - due > MAX_CATCH_UP_NANOS) {
            started = true;
            scheduleStart = now;
            rowsScheduled = 0;
            due = now;
        }
        if (due > now) {
            ticker.sleepNanos(due - now);
        }
        rowsScheduled += rows;
    }
}
