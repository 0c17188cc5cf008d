package io.aerosink.connect.tools;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Generates rows, groups them into messages, paces them and hands them to a sink. */
public final class SensorStream {

    private final SensorRowGenerator generator;
    private final MessageEncoder encoder;
    private final RateLimiter limiter;
    private final ProgressReporter progress;

    public SensorStream(SensorRowGenerator generator, MessageEncoder encoder, RateLimiter limiter,
                        ProgressReporter progress) {
        this.generator = generator;
        this.encoder = encoder;
        this.limiter = limiter;
        this.progress = progress;
    }

    /**
     * Sends {@code totalRows} rows ({@link ProducerOptions#UNBOUNDED} for no limit) until done or {@code stop}
     * says so; the last message may hold fewer rows.
     */
    public void run(MessageSink sink, long totalRows, int rowsPerMessage, BooleanSupplier stop)
            throws InterruptedException {
        int perMessage = encoder.multiRow() ? rowsPerMessage : 1;
        long index = 0;
        while ((totalRows == ProducerOptions.UNBOUNDED || index < totalRows) && !stop.getAsBoolean()) {
            int count = totalRows == ProducerOptions.UNBOUNDED
                    ? perMessage : (int) Math.min(perMessage, totalRows - index);
            List<SensorRow> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                rows.add(generator.row(index + i));
            }
            limiter.acquire(count);
            byte[] value = encoder.encode(rows);
            sink.send(key(rows.get(0)), value);
            progress.sent(count, value.length);
            index += count;
        }
    }

    static byte[] key(SensorRow row) {
        return Integer.toString(row.key()).getBytes(StandardCharsets.UTF_8);
    }
}
