package io.aerosink.connect.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    @Test
    void printsAtMostOncePerIntervalWithTheWindowRate() {
        FakeTicker ticker = new FakeTicker();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressReporter progress = new ProgressReporter(ticker, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                1_000_000_000L);

        for (int i = 0; i < 10; i++) {
            ticker.advance(100_000_000L);
            progress.sent(50, 1050);
        }
        ticker.advance(500_000_000L);
        progress.finish();

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertEquals("500 rows in 10 messages (0.0 MiB) after 1.0 s, 500 rows/s", lines[0]);
        assertTrue(lines[1].startsWith("done: 500 rows"), lines[1]);
        assertTrue(lines[1].endsWith("333 rows/s"), lines[1]);
        assertEquals(500, progress.rows());
    }
}
