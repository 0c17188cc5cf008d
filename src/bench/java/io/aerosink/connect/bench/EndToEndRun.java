package io.aerosink.connect.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * End to end through Kafka: an embedded broker and Connect worker run the connector from the test classpath.
 * Rows are produced as packed fixed-layout messages; a row counts when Aerospike has it (see {@link Visibility}).
 * <ul>
 *   <li>throughput: N rows produced as fast as one producer can, timed from the first send until the last row is
 *       visible;</li>
 *   <li>latency: rows produced at a fixed rate of half that throughput; each row's latency runs from the moment the
 *       schedule said to send it (not when the producer got round to it, so a stalled producer is not hidden) until
 *       it is visible.</li>
 * </ul>
 */
final class EndToEndRun {

    private static final String TOPIC = "sensors-e2e";
    private static final String SET = "e2e";
    private static final String CONNECTOR = "aerosink-bench";
    private static final int WARM_UP_ROWS = 50_000;
    private static final long VISIBLE_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(3);

    private final BenchOptions options;
    private final Target target;
    private final HeapMonitor heap;
    private final ResultTable table;

    EndToEndRun(BenchOptions options, Target target, HeapMonitor heap, ResultTable table) {
        this.options = options;
        this.target = target;
        this.heap = heap;
        this.table = table;
    }

    void run() throws InterruptedException {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("offset.flush.interval.ms", "10000");
        Properties brokerProps = new Properties();
        brokerProps.put("auto.create.topics.enable", "false");
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name("aerosink-bench-connect").numWorkers(1).numBrokers(1)
                .workerProps(workerProps).brokerProps(brokerProps).build();
        long started = System.nanoTime();
        connect.start();
        try (Visibility visibility = Visibility.of(target, SET)) {
            connect.kafka().createTopic(TOPIC, options.partitions);
            Map<String, String> props = target.connectorProps(SET, Target.fixedLayout());
            props.put("topics", TOPIC);
            props.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
            props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
            connect.configureConnector(CONNECTOR, props);
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(CONNECTOR, 1, "the sink task did not start");
            SinkBenchmark.log(String.format("Kafka broker and Connect worker up in %.1f s", (System.nanoTime() - started) / 1e9));

            Map<String, Object> producerProps = new HashMap<>();
            producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
            try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(producerProps)) {
                int seq = 0;
                Visibility.Stage warm = new Visibility.Stage(seq, WARM_UP_ROWS, 0);
                seq += WARM_UP_ROWS;
                visibility.watch(warm);
                produceFlat(producer, warm);
                awaitVisible(warm, "warm-up");

                Visibility.Stage flat = new Visibility.Stage(seq, options.e2eRecords, 0);
                seq += options.e2eRecords;
                visibility.watch(flat);
                heap.reset();
                long cpu = Measurement.processCpuNanos();
                long start = System.nanoTime();
                produceFlat(producer, flat);
                awaitVisible(flat, "throughput");
                long nanos = flat.lastVisibleNanos() - start;
                cpu = Measurement.processCpuNanos() - cpu;
                Measurement m = new Measurement("e2e", options.e2eRecords, nanos, cpu, heap.stats());
                String label = "end to end: Kafka -> worker -> connector, fixed, " + options.e2eRowsPerMessage + " row"
                        + (options.e2eRowsPerMessage == 1 ? "" : "s") + "/message";
                table.add("e2e", label, m);
                SinkBenchmark.log(String.format("e2e       %,d rows produced and visible in %.2f s = %,.0f rows/s, CPU %.1f us/row",
                        m.rows(), m.seconds(), m.rowsPerSecond(), m.cpuMicrosPerRow()));

                if (options.runs("latency")) {
                    latency(producer, visibility, seq, m.rowsPerSecond() / 2);
                }
            }
        } finally {
            connect.stop();
        }
    }

    private void latency(KafkaProducer<byte[], byte[]> producer, Visibility visibility, int firstSeq, double rate)
            throws InterruptedException {
        int rows = (int) Math.round(rate * options.latencySeconds);
        rows -= rows % options.e2eRowsPerMessage;
        Visibility.Stage stage = new Visibility.Stage(firstSeq, rows, options.latencyKeys);
        visibility.watch(stage);
        heap.reset();
        produceAtRate(producer, stage, rate);
        awaitVisible(stage, "latency");
        HeapMonitor.Stats stats = heap.stats();
        if (!options.latencyDump.isEmpty()) {
            dump(stage, options.latencyDump);
        }
        int skip = (int) Math.min(rows - 1L, Math.round(rate * options.latencyWarmupSeconds));
        long[] latencies = stage.latencies(skip);
        double p50 = percentileMillis(latencies, 0.50);
        double p99 = percentileMillis(latencies, 0.99);
        double p999 = percentileMillis(latencies, 0.999);
        double max = latencies[latencies.length - 1] / 1e6;
        double bound = options.lingerMs + 50;
        StringBuilder out = new StringBuilder();
        out.append("### End-to-end latency at half load\n\n");
        out.append(String.format("%,.0f rows/s (half the end-to-end throughput) for %d s, %d row(s) per message, "
                + "updating %,d sensor keys in turn; produce-to-visible latency of %,d rows (the first %d s left out as "
                + "warm-up), from each row's scheduled send time until it was stored, measured with %s.%n%n",
                rate, options.latencySeconds, options.e2eRowsPerMessage, options.latencyKeys, latencies.length,
                options.latencyWarmupSeconds, visibility.method()));
        out.append("| p50 ms | p99 ms | p99.9 ms | max ms | bound: linger.ms + 50 ms | peak heap MiB (sampled / after GC) |\n");
        out.append("|---:|---:|---:|---:|---:|---:|\n");
        out.append(String.format("| %.1f | %.1f | %.1f | %.1f | %.0f | %s |%n", p50, p99, p999, max, bound,
                HeapMonitor.mib(stats.peakUsed()) + " / " + HeapMonitor.mib(stats.peakAfterGc())));
        table.section(out.toString());
        table.latency(p50, p99, max, bound);
        SinkBenchmark.log(String.format("latency   %,.0f rows/s: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms",
                rate, p50, p99, p999, max));
    }

    private static void dump(Visibility.Stage stage, String file) {
        try (java.io.PrintWriter out = new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(file)))) {
            out.println("row,due_ms,latency_ms");
            long start = stage.sentNanos[0];
            for (int i = 0; i < stage.size; i++) {
                long visible = stage.visibleNanos.get(i);
                out.printf("%d,%.3f,%.3f%n", i, (stage.sentNanos[i] - start) / 1e6,
                        visible == 0 ? Double.NaN : (visible - stage.sentNanos[i]) / 1e6);
            }
        } catch (java.io.IOException e) {
            SinkBenchmark.log("cannot write " + file + ": " + e);
        }
    }

    private static double percentileMillis(long[] sorted, double q) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Produces the stage's rows as fast as the producer takes them. */
    private void produceFlat(KafkaProducer<byte[], byte[]> producer, Visibility.Stage stage) {
        int perMessage = options.e2eRowsPerMessage;
        for (int i = 0; i < stage.size; i += perMessage) {
            int rows = Math.min(perMessage, stage.size - i);
            long now = System.nanoTime();
            for (int r = i; r < i + rows; r++) {
                stage.sentNanos[r] = now;
            }
            producer.send(new ProducerRecord<>(TOPIC, null, SensorRows.sequenced(stage.base + i, rows, stage.keys)));
            stage.sent.addAndGet(rows);
        }
        producer.flush();
    }

    /**
     * Produces at {@code rowsPerSecond}: row i is due at start + i / rate; every wake-up sends all rows that are due,
     * each stamped with its due time.
     */
    private void produceAtRate(KafkaProducer<byte[], byte[]> producer, Visibility.Stage stage, double rowsPerSecond) {
        int perMessage = options.e2eRowsPerMessage;
        double nanosPerRow = 1e9 / rowsPerSecond;
        long start = System.nanoTime();
        int i = 0;
        while (i < stage.size) {
            long now = System.nanoTime();
            while (i < stage.size && start + (long) (i * nanosPerRow) <= now) {
                int rows = Math.min(perMessage, stage.size - i);
                long due = start + (long) (i * nanosPerRow);
                for (int r = i; r < i + rows; r++) {
                    stage.sentNanos[r] = due;
                }
                producer.send(new ProducerRecord<>(TOPIC, null, SensorRows.sequenced(stage.base + i, rows, stage.keys)));
                stage.sent.addAndGet(rows);
                i += rows;
            }
            LockSupport.parkNanos(100_000);
        }
        producer.flush();
    }

    private static void awaitVisible(Visibility.Stage stage, String what) throws InterruptedException {
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT_NANOS;
        while (!stage.allVisible()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": only " + stage.visible.get() + " of " + stage.size
                        + " rows visible after 3 minutes");
            }
            Thread.sleep(1);
        }
    }
}
