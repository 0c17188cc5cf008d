package io.aerosink.connect.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final FakeTicker ticker = new FakeTicker();

    @Test
    void unthrottledNeverSleeps() throws Exception {
        RateLimiter limiter = new RateLimiter(0, ticker);
        for (int i = 0; i < 1000; i++) {
            limiter.acquire(100);
        }
        assertTrue(ticker.sleeps.isEmpty());
    }

    @Test
    void spacesMessagesByTheirRowCount() throws Exception {
        RateLimiter limiter = new RateLimiter(1000, ticker);

        limiter.acquire(10);
        limiter.acquire(10);
        limiter.acquire(5);
        limiter.acquire(1);

        assertEquals(List.of(10_000_000L, 10_000_000L, 5_000_000L), ticker.sleeps);
    }

    @Test
    void holdsTheAverageRateOverManyMessages() throws Exception {
        long start = ticker.nanoTime();
        RateLimiter limiter = new RateLimiter(300, ticker);

        for (int i = 0; i < 3000; i++) {
            limiter.acquire(1);
        }

        // The 3000th row is due at 2999/300 s; fractional nanoseconds must not accumulate.
        long elapsed = ticker.nanoTime() - start;
        assertEquals(2999 * 1e9 / 300, elapsed, 1_000);
    }

    @Test
    void aShortStallIsMadeUpFor() throws Exception {
        RateLimiter limiter = new RateLimiter(10, ticker);
        limiter.acquire(1);

        ticker.advance(100_000_000L + RateLimiter.MAX_CATCH_UP_NANOS);
        for (int i = 0; i < 5; i++) {
            limiter.acquire(1);
        }

        assertEquals(List.of(50_000_000L, 100_000_000L), ticker.sleeps);
    }

    @Test
    void timeSpentSendingCountsTowardsTheGap() throws Exception {
        RateLimiter limiter = new RateLimiter(100, ticker);

        limiter.acquire(1);
        ticker.advance(4_000_000);
        limiter.acquire(1);

        assertEquals(List.of(6_000_000L), ticker.sleeps);
    }

    @Test
    void theScheduleStartsAtTheFirstRow() throws Exception {
        RateLimiter limiter = new RateLimiter(10, ticker);
        ticker.advance(800_000_000L);

        limiter.acquire(1);
        limiter.acquire(1);

        assertEquals(List.of(100_000_000L), ticker.sleeps);
    }

    @Test
    void aLongStallDoesNotCauseABurst() throws Exception {
        RateLimiter limiter = new RateLimiter(10, ticker);
        limiter.acquire(1);

        ticker.advance(100_000_000L + RateLimiter.MAX_CATCH_UP_NANOS + 1);
        limiter.acquire(1);
        limiter.acquire(1);

        assertEquals(List.of(100_000_000L), ticker.sleeps);
    }
}
