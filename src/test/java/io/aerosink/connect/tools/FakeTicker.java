package io.aerosink.connect.tools;

import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when slept on or advanced, recording every sleep. */
final class FakeTicker implements Ticker {

    final List<Long> sleeps = new ArrayList<>();
    private long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleepNanos(long nanos) {
        sleeps.add(nanos);
        now += nanos;
    }

    void advance(long nanos) {
        now += nanos;
    }
}
