package io.aerosink.connect.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SensorStreamTest {

    private final FakeTicker ticker = new FakeTicker();
    private final List<byte[]> keys = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();

    @Test
    void groupsRowsAndShortensTheLastMessage() throws Exception {
        stream(new FixedRowEncoder(), 0).run(this::record, 25, 10, () -> false);

        assertEquals(List.of(210, 210, 105), values.stream().map(v -> v.length).toList());
        assertEquals(List.of("0", "10", "20"), keys.stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList());
        assertArrayEquals(new FixedRowEncoder().encode(List.of(new SensorRowGenerator(1000).row(20))),
                java.util.Arrays.copyOf(values.get(2), SensorRow.PACKED_BYTES));
    }

    @Test
    void sendsSingleRowFormatsOneRowPerMessageAndCyclesKeys() throws Exception {
        new SensorStream(new SensorRowGenerator(3), new JsonSensorEncoder(), new RateLimiter(0, ticker), progress())
                .run(this::record, 5, 10, () -> false);

        assertEquals(List.of("0", "1", "2", "0", "1"),
                keys.stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList());
    }

    @Test
    void unboundedRunsUntilStoppedAtTheConfiguredRate() throws Exception {
        stream(new FixedRowEncoder(), 100).run(this::record, ProducerOptions.UNBOUNDED, 5, () -> values.size() == 40);

        assertEquals(40, values.size());
        // 40 messages of 5 rows at 100 rows/s: the 40th is due 39 * 50 ms after the first.
        assertEquals(39 * 50_000_000L, ticker.sleeps.stream().mapToLong(Long::longValue).sum());
    }

    private SensorStream stream(MessageEncoder encoder, double rate) {
        return new SensorStream(new SensorRowGenerator(1000), encoder, new RateLimiter(rate, ticker), progress());
    }

    private ProgressReporter progress() {
        return new ProgressReporter(ticker, new PrintStream(OutputStream.nullOutputStream()), Long.MAX_VALUE);
    }

    private void record(byte[] key, byte[] value) {
        keys.add(key);
        values.add(value);
    }
}
