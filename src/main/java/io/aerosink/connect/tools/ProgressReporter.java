package io.aerosink.connect.tools;

import java.io.PrintStream;

/** Prints a progress line at most once per interval: totals, and the rate since the previous line. */
public final class ProgressReporter {

    private final Ticker ticker;
    private final PrintStream out;
    private final long intervalNanos;
    private final long startNanos;
    private long lastNanos;
    private long lastRows;
    private long rows;
    private long messages;
    private long bytes;

    public ProgressReporter(Ticker ticker, PrintStream out, long intervalNanos) {
        this.ticker = ticker;
        this.out = out;
        this.intervalNanos = intervalNanos;
        this.startNanos = ticker.nanoTime();
        this.lastNanos = startNanos;
    }

    public void sent(int messageRows, int messageBytes) {
        rows += messageRows;
        messages++;
        bytes += messageBytes;
        long now = ticker.nanoTime();
        if (now - lastNanos >= intervalNanos) {
            print(now, rows - lastRows, now - lastNanos, "");
            lastNanos = now;
            lastRows = rows;
        }
    }

    /** The closing line, with the average rate over the whole run. */
    public void finish() {
        long now = ticker.nanoTime();
        print(now, rows, now - startNanos, "done: ");
    }

    public long rows() {
        return rows;
    }

    private void print(long now, long rowsInWindow, long windowNanos, String prefix) {
        double rate = windowNanos > 0 ? rowsInWindow * 1e9 / windowNanos : 0;
        out.printf("%s%d rows in %d messages (%.1f MiB) after %.1f s, %.0f rows/s%n",
                prefix, rows, messages, bytes / 1048576.0, (now - startNanos) / 1e9, rate);
    }
}
