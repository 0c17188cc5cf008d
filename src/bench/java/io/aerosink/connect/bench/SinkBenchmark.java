package io.aerosink.connect.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;

import com.aerospike.client.IAerospikeClient;

/**
 * How close the sink gets to what Aerospike can take, in one run against one Aerospike (the in-process test server
 * unless {@code --hosts} names a cluster):
 * <ol>
 *   <li>raw: pre-built batch writes through {@code operate()} at the connector's batch size and concurrency;</li>
 *   <li>the connector: the same rows as SinkRecords through the real task, fixed-layout bytes (one row and many rows
 *       per message) and Connect Structs, until every offset is committable;</li>
 *   <li>fenced: the fixed-layout run again with {@code write.fence=offset}, against the unfenced one;</li>
 *   <li>naive: one synchronous put per record, as the existing open-source sinks do;</li>
 *   <li>end to end through Kafka and a Connect worker: throughput, and produce-to-visible latency at half of it;</li>
 *   <li>back-pressure: ten times max.buffered.records fed into a slowed server, with held writes and heap over time;</li>
 *   <li>worker (only when named): a real Connect worker in a JVM of its own, the plugin from the archive, on a
 *       backlog; its CPU per row from /proc.</li>
 * </ol>
 * Not part of {@code mvn verify}; run it with
 * {@code mvn -B -Pbench test-compile exec:exec -Dbench.main=io.aerosink.connect.bench.SinkBenchmark -Dbench.args='...'}.
 */
public final class SinkBenchmark {

    private SinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // A Connect worker and a broker at INFO print thousands of lines; the report is what matters here.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // Its first look at the connector's status comes before the status exists, and it logs that as an error.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.connect.util.clusters.ConnectAssertions", "off");
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        // Read before --server own-core pins this process to fewer of them.
        int cores = Runtime.getRuntime().availableProcessors();
        ResultTable table = new ResultTable();
        try (Target target = Target.start(options);
             HeapMonitor heap = new HeapMonitor();
             IAerospikeClient client = target.client()) {
            log("Aerospike: " + target.describe());
            throughput(options, target, heap, client, table);
            // Before the Kafka cluster starts: what a stopped broker and worker leave behind would count in the live
            // heap that this run must show flat.
            if (options.runs("backpressure")) {
                new BackpressureRun(options, target, table).run();
            }
            if (options.runs("worker")) {
                new WorkerRun(options, target, table).run();
            }
            if (options.runs("e2e") || options.runs("latency")) {
                new EndToEndRun(options, target, heap, table).run();
                target.clear();
            }
            Targets.judge(options, table);
            settings(options, target, table, started, loadBefore, cores);
        }
        System.out.println();
        System.out.println(table.render());
        System.out.flush();
        // The embedded Kafka and the Aerospike client leave non-daemon threads behind.
        System.exit(0);
    }

    private static void throughput(BenchOptions o, Target target, HeapMonitor heap, IAerospikeClient client,
                                   ResultTable table) throws InterruptedException {
        ThroughputRuns runs = new ThroughputRuns(o, target, heap);
        String topic = ThroughputRuns.TOPIC;
        String multiLabel = "connector, fixed, " + o.rowsPerMessage + " rows/message";
        // Round 0 warms up the JIT and the connections on a fifth of the rows and is not reported. Each run builds
        // its input just before it (untimed) and drops it after, so no run carries another's input in its heap.
        for (int round = 0; round <= o.rounds; round++) {
            boolean warm = round == 0;
            int rows = warm ? o.records / 5 : o.records;
            String tag = warm ? "warm-up" : "round " + round + "/" + o.rounds;
            if (o.runs("raw")) {
                record(table, warm, "raw", "raw batch operate(), pre-built keys and operations", tag,
                        runs.raw("raw", rows), runs, client, "raw", target);
            }
            if (o.runs("fixed")) {
                List<SinkRecord> records = SensorRows.fixedRecords(topic, o.partitions, rows, 1);
                record(table, warm, "fixed", "connector, fixed, 1 row/message", tag,
                        runs.connector("fixed", "fixed", records, rows, Target.fixedLayout()), runs, client, "fixed",
                        target);
            }
            if (o.runs("fenced")) {
                List<SinkRecord> records = SensorRows.fixedRecords(topic, o.partitions, rows, 1);
                Map<String, String> fenced = new HashMap<>(Target.fixedLayout());
                fenced.put("write.fence", "offset");
                record(table, warm, "fenced", "connector, fixed, 1 row/message, write.fence=offset", tag,
                        runs.connector("fenced", "fenced", records, rows, fenced), runs, client, "fenced", target);
            }
            if (o.runs("fixed-multi")) {
                List<SinkRecord> records = SensorRows.fixedRecords(topic, o.partitions, rows, o.rowsPerMessage);
                record(table, warm, "fixed-multi", multiLabel, tag,
                        runs.connector("fixed-multi", "fixedmulti", records, rows, Target.fixedLayout()), runs, client,
                        "fixedmulti", target);
            }
            if (o.runs("struct")) {
                List<SinkRecord> records = SensorRows.structRecords(topic, o.partitions, rows);
                record(table, warm, "struct", "connector, Struct (value.format=auto)", tag,
                        runs.connector("struct", "struct", records, rows, Map.of("value.format", "auto")), runs, client,
                        "struct", target);
            }
        }
        if (o.runs("naive")) {
            Measurement m = runs.naive("naive", o.naiveRecords);
            record(table, false, "naive", "naive put() per record, 1 thread", "single run", m, runs, client, "naive",
                    target);
        }
    }

    private static void record(ResultTable table, boolean warm, String key, String label, String tag, Measurement m,
                               ThroughputRuns runs, IAerospikeClient client, String set, Target target) {
        runs.verify(client, set, m.rows());
        target.clear(client, set);
        log(String.format("%-10s %-42s %,9d rows %5.2f s = %,8.0f rows/s, CPU us/row %4.1f (task %.2f, senders %.2f), "
                + "heap MiB %s", tag, label, m.rows(), m.seconds(), m.rowsPerSecond(), m.cpuMicrosPerRow(),
                m.taskMicrosPerRow(), m.senderMicrosPerRow(), m.heap().describe()));
        if (!warm) {
            table.add(key, label, m);
        }
    }

    private static void settings(BenchOptions o, Target target, ResultTable table, long started, double loadBefore,
                                 int cores) {
        table.setting("Aerospike: " + target.describe());
        table.setting("batch.size=" + o.batchSize + ", linger.ms=" + o.lingerMs + ", max.in.flight.batches=" + o.inFlight
                + ", max.buffered.records=" + o.maxBuffered + " (the raw run uses the same batch size and "
                + o.inFlight + " threads)");
        table.setting("N=" + String.format("%,d", o.records) + " rows per throughput run, " + o.rounds
                + " measured rounds after a warm-up round on N/5, median reported; put() calls of " + o.putSize
                + " records over " + o.partitions + " partitions; naive run on "
                + String.format("%,d", o.naiveRecords) + " records");
        table.setting("Machine: " + cores + " cores, Java "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + "), max heap "
                + HeapMonitor.mib(Runtime.getRuntime().maxMemory()) + " MiB, "
                + ManagementFactory.getGarbageCollectorMXBeans().get(0).getName().split(" ")[0]
                + " GC; whole bench " + Math.round((System.nanoTime() - started) / 1e9) + " s");
        table.setting(String.format("System load average (1 min) %.2f at the start, %.2f at the end: everything here "
                + "(server, client, Kafka) shares the machine's cores, so other work on it lowers every figure",
                loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        table.setting("Peak heap is the whole JVM: the bench's pre-built input and, in process, the test server's "
                + "stored records (cleared between runs) are included.");
    }

    static void log(String line) {
        System.out.println("[bench] " + line);
        System.out.flush();
    }
}
