package io.aerosink.connect.tools;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.aerosink.connect.layout.NpyHeader;

/**
 * Command-line sensor producer: generated readings in any of the connector's value formats, or the rows of
 * an existing .npy file as packed messages. Run with {@code --help} for the options. Needs kafka-clients on
 * the class path (a Connect image or Kafka distribution has it).
 */
public final class SensorProducer {

    private SensorProducer() {
    }

    public static void main(String[] args) throws Exception {
        ProducerOptions options;
        try {
            options = ProducerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(ProducerOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(ProducerOptions.USAGE);
            return;
        }
        try {
            run(options);
        } catch (IOException | RuntimeException e) {
            // Kafka, schema registry and file errors carry their own explanation; a stack trace adds nothing.
            System.err.println("error: " + e);
            System.exit(1);
        }
    }

    private static void run(ProducerOptions options) throws IOException, InterruptedException {
        // On Ctrl-C the loop stops at the next message and the hook waits, so close() can flush what was sent.
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (KafkaMessageSink sink = new KafkaMessageSink(options.bootstrapServers, options.topic,
                options.producerProperties)) {
            // Created once connected, so the rates shown are those of sending alone.
            ProgressReporter progress = new ProgressReporter(Ticker.SYSTEM, System.err,
                    TimeUnit.MILLISECONDS.toNanos(options.progressIntervalMs));
            RateLimiter limiter = new RateLimiter(options.rate, Ticker.SYSTEM);
            try {
                if (options.npyFile != null) {
                    streamFile(options, sink, limiter, progress, stopping::get);
                } else {
                    new SensorStream(new SensorRowGenerator(options.keys), encoder(options), limiter, progress)
                            .run(sink, options.rows, options.rowsPerMessage, stopping::get);
                }
            } finally {
                progress.finish();
            }
        } finally {
            finished.countDown();
        }
    }

    private static void streamFile(ProducerOptions options, MessageSink sink, RateLimiter limiter,
                                   ProgressReporter progress, BooleanSupplier stop)
            throws IOException, InterruptedException {
        NpyHeader header = new NpyFileStreamer().stream(options.npyFile, options.rowsPerMessage,
                (rows, firstRow, rowCount) -> {
                    limiter.acquire(rowCount);
                    sink.send(null, rows);
                    progress.sent(rowCount, rows.length);
                    return !stop.getAsBoolean();
                });
        System.err.printf("%s holds %d rows of %d bytes; value.layout %s%n",
                options.npyFile, header.rowCountLong(), header.layout().itemSize(), header.layout());
    }

    private static MessageEncoder encoder(ProducerOptions options) throws IOException, InterruptedException {
        return switch (options.mode) {
            case FIXED -> new FixedRowEncoder();
            case NPY -> new NpyPayloadEncoder();
            case JSON -> new JsonSensorEncoder();
            case AVRO -> {
                int id = new SchemaRegistryClient(options.schemaRegistry)
                        .register(options.subject(), AvroSensorEncoder.SCHEMA);
                System.err.printf("registered schema id %d under subject %s%n", id, options.subject());
                yield new ConfluentFraming(id, new AvroSensorEncoder());
            }
        };
    }
}
