package io.aerosink.connect.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void ceilingDoublesUpToTheCap() {
        Backoff backoff = new Backoff(100, 1_000);
        assertEquals(100, backoff.ceilingMs(1));
        assertEquals(200, backoff.ceilingMs(2));
        assertEquals(800, backoff.ceilingMs(4));
        assertEquals(1_000, backoff.ceilingMs(5));
        assertEquals(1_000, backoff.ceilingMs(500));
    }

    @Test
    void delayIsJitteredBetweenHalfTheCeilingAndTheCeiling() {
        Backoff backoff = new Backoff(100, 10_000);
        boolean varied = false;
        long first = backoff.delayMs(3);
        for (int i = 0; i < 200; i++) {
            long delay = backoff.delayMs(3);
            assertTrue(delay >= 200 && delay <= 400, "delay " + delay);
            varied |= delay != first;
        }
        assertTrue(varied, "jitter spreads retries");
    }
}
