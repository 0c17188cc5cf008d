package io.aerosink.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.BatchPolicy;

import io.aerosink.connect.bench.ProcessCpu.ThreadCpu;

/**
 * The sink as users run it, and what it costs them in cores: a Kafka broker in this JVM, every case's rows produced
 * before any connector starts, the test server in a process of its own, and a Connect worker in a JVM of its own with
 * the plugin archive as its plugin.path. Each case has one connector, created over REST on its backlog in the first
 * warm-up and kept for every later run: between runs it is paused while its rows are produced again, then resumed,
 * so a run costs what a long-running connector pays for a backlog, not Connect's start of a connector (its group
 * join, config and status writes, and the compilation of all that). A run is timed from the task's first poll of it
 * until the last row is in Aerospike; the worker's CPU over that time comes from /proc. The worker has the client
 * cores to itself while the broker shares the server's core, as where both run on other machines.
 */
final class WorkerRun {

    private static final Path DIR = Path.of("target", "bench-worker");
    private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final BenchOptions options;
    private final Target target;
    private final ResultTable table;
    private final List<WorkerCase> cases;
    /** Each case's connector, once created. */
    private final Map<WorkerCase, String> connectors = new HashMap<>();

    WorkerRun(BenchOptions options, Target target, ResultTable table) {
        this.options = options;
        this.target = target;
        this.table = table;
        this.cases = WorkerCase.of(options);
    }

    void run() throws IOException, InterruptedException {
        Files.createDirectories(DIR);
        Path pluginPath = DIR.resolve("plugins");
        Path lib = ConnectWorker.install(pluginPath);
        Properties brokerProps = new Properties();
        brokerProps.put("group.initial.rebalance.delay.ms", "0");
        EmbeddedConnectCluster kafka = new EmbeddedConnectCluster.Builder().name("aerosink-bench-kafka")
                .numWorkers(0).numBrokers(1).brokerProps(brokerProps).build();
        kafka.start();
        try (IAerospikeClient client = target.client()) {
            produce(kafka, cases.stream().sorted(Comparator.comparing(WorkerCase::needsRegistry)).toList(), true);
            List<WorkerMeasurement> measured = new ArrayList<>();
            try (ConnectWorker worker = ConnectWorker.start(1, DIR, pluginPath, lib, kafka.kafka().bootstrapServers(),
                    options.workerJvm())) {
                SinkBenchmark.log("worker up, pid " + worker.pid() + ", JVM " + options.workerJvm());
                target.giveWorkerCores(worker.pid());
                try {
                    rounds(kafka, worker, client, measured);
                } finally {
                    target.leaveWorkerCores();
                }
            }
            table.section(new WorkerReport(options, measured).render());
        } finally {
            kafka.stop();
        }
    }

    private void rounds(EmbeddedConnectCluster kafka, ConnectWorker worker, IAerospikeClient client,
                        List<WorkerMeasurement> measured)
            throws IOException, InterruptedException {
        for (int warmup = 1; warmup <= options.workerWarmups; warmup++) {
            for (WorkerCase c : cases) {
                measure(kafka, worker, client, c, "warm-up " + warmup + "/" + options.workerWarmups);
            }
        }
        for (int round = 1; round <= options.rounds; round++) {
            for (WorkerCase c : cases) {
                measured.add(measure(kafka, worker, client, c, "round " + round + "/" + options.rounds));
            }
        }
    }

    /**
     * The cases' rows into their topics (created first if {@code createTopics}) while no task reads them: each run
     * starts on a backlog.
     */
    private void produce(EmbeddedConnectCluster kafka, List<WorkerCase> which, boolean createTopics) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // The broker shares this process's one core with the bench: with idempotence and five requests in flight, a
        // backlog of a million messages ran into request timeouts and out-of-order sequence retries.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = kafka.kafka().createProducer(props)) {
            for (WorkerCase c : which) {
                if (createTopics) {
                    kafka.kafka().createTopic(c.topic(), options.partitions);
                }
                for (int m = 0; m < c.messages(); m++) {
                    producer.send(new ProducerRecord<>(c.topic(), c.messageKey(m), c.messageValue(m)));
                }
            }
            producer.flush();
        }
        SinkBenchmark.log(String.format("produced the rows of %s in %.1f s",
                which.stream().map(c -> c.name).toList(), (System.nanoTime() - started) / 1e9));
    }

    private WorkerMeasurement measure(EmbeddedConnectCluster kafka, ConnectWorker worker, IAerospikeClient client,
                                      WorkerCase c, String tag)
            throws IOException, InterruptedException {
        target.clear();
        String known = connectors.get(c);
        String name = known != null ? known : "c" + (connectors.size() + 1);
        if (known != null) {
            produce(kafka, List.of(c), false);
        }
        // Before the connector exists these read 0: its beans are not there yet.
        long readBefore = worker.recordsRead(name);
        long callsBefore = worker.sinkCounter(name, "batch-calls-total");
        long foldedBefore = worker.sinkCounter(name, "records-folded-total");
        if (known == null) {
            connectors.put(c, name);
            worker.create(name, c.config(target.hosts, options.namespace, overrides()));
        } else {
            worker.resume(name);
        }
        await(() -> worker.recordsRead(name) > readBefore, name + ": the task's first poll", worker);
        long start = System.nanoTime();
        long cpu = ProcessCpu.processNanos(worker.pid());
        long benchCpu = ProcessCpu.processNanos(ProcessHandle.current().pid());
        long serverCpu = target.serverCpuNanos();
        Map<Long, ThreadCpu> threads = ProcessCpu.threads(worker.pid());
        BooleanSupplier done = c.keys == 0 ? () -> target.writes(c.set()) >= c.rows : () -> newestEverywhere(client, c);
        await(done, name + ": every row of " + c.label + " in Aerospike", worker);
        long nanos = System.nanoTime() - start;
        cpu = ProcessCpu.processNanos(worker.pid()) - cpu;
        benchCpu = ProcessCpu.processNanos(ProcessHandle.current().pid()) - benchCpu;
        serverCpu = target.serverCpuNanos() - serverCpu;
        Map<Long, ThreadCpu> spent = ProcessCpu.spent(threads, ProcessCpu.threads(worker.pid()));
        long batchCalls = worker.sinkCounter(name, "batch-calls-total") - callsBefore;
        long folded = worker.sinkCounter(name, "records-folded-total") - foldedBefore;
        worker.pause(name);
        // The server's count, not the sink's records-written-total: that one counts records (folded ones included)
        // as the task settles them, and lags the writes.
        WorkerMeasurement m = new WorkerMeasurement(c, c.rows, nanos, cpu, WorkerThreadKind.split(spent, name), spent,
                batchCalls, target.writes(c.set()), folded, benchCpu, serverCpu);
        verify(client, c);
        SinkBenchmark.log(String.format("%-10s %-55s %,9d rows %5.2f s = %,9.0f rows/s, worker CPU %.2f us/row %s; "
                + "%,d batch calls, %,d record writes; cores busy: worker %.2f, broker and bench %.2f, server %.2f",
                tag, c.label, m.rows(), nanos / 1e9, m.rowsPerSecond(), m.cpuMicrosPerRow(), split(m), m.batchCalls(),
                m.recordsWritten(), m.cores(m.cpuNanos()), m.cores(m.benchCpuNanos()), m.cores(m.serverCpuNanos())));
        return m;
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>(options.workerConnector);
        options.workerConsumer.forEach((k, v) -> overrides.put("consumer.override." + k, v));
        return overrides;
    }

    private static String split(WorkerMeasurement m) {
        StringBuilder out = new StringBuilder("(");
        for (String kind : WorkerThreadKind.KINDS) {
            out.append(out.length() > 1 ? ", " : "").append(kind).append(String.format(" %.2f", m.kindMicrosPerRow(kind)));
        }
        return out.append(')').toString();
    }

    /** True when every hot key holds its newest row. */
    private boolean newestEverywhere(IAerospikeClient client, WorkerCase c) {
        Key[] keys = new Key[c.keys];
        for (int k = 0; k < c.keys; k++) {
            keys[k] = SensorRows.key(options.namespace, c.set(), k);
        }
        Record[] records = client.get(new BatchPolicy(), keys);
        for (int k = 0; k < c.keys; k++) {
            if (records[k] == null || records[k].getDouble("temperature") != c.newestSeq(k)) {
                return false;
            }
        }
        return true;
    }

    /** The run left exactly one record per key, each with its newest row: all of its bins, whatever the encoding. */
    private void verify(IAerospikeClient client, WorkerCase c) {
        int keys = c.keys == 0 ? c.rows : c.keys;
        long count = target.count(client, c.set());
        if (count != keys) {
            throw new IllegalStateException(c.label + ": " + count + " records, expected " + keys);
        }
        for (int k : new int[] {0, keys / 2, keys - 1}) {
            Record r = client.get(null, SensorRows.key(options.namespace, c.set(), k));
            Map<String, Object> row = Map.of("temperature", (double) c.newestSeq(k),
                    "humidity", (double) SensorRows.humidity(k), "pressure", (double) SensorRows.pressure(k),
                    "status", (long) SensorRows.status(k));
            if (r == null || !row.equals(r.bins)) {
                throw new IllegalStateException(c.label + ": key " + k + " holds " + r + ", expected the row "
                        + c.newestSeq(k) + " " + row);
            }
        }
    }

    private static void await(BooleanSupplier condition, String what, ConnectWorker worker) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not after 5 minutes; " + worker.logTail());
            }
            Thread.sleep(2);
        }
    }
}
