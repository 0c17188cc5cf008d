package io.aerosink.connect.bench;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.policy.BatchWritePolicy;

import io.aerosink.connect.AerospikeSinkTask;
import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.testserver.Fault;
import io.aerosink.connect.write.BatchWriter;
import io.aerosink.connect.write.WritePolicies;

/**
 * Memory under a backlog: ten times {@code max.buffered.records} rows fed to the task as fast as it takes them
 * while the server is slowed (a delay on every batch), with one stall longer than the task's 5 s wait in the middle
 * so that put() gives up waiting and pauses the partitions. The bench plays the worker: records are made as they
 * are "fetched" (so the bench holds none), nothing is fetched while partitions are paused (put() is then called
 * with no records, as the worker does, every 100 ms), and preCommit runs at the worker's offset.flush.interval.ms.
 */
final class BackpressureRun {

    private static final String TOPIC = "sensors-backlog";
    private static final String SET = "backlog";
    private static final long SAMPLE_MS = 500;
    private static final long PAUSED_POLL_MS = 100;

    /** One point of the time series. */
    private record Sample(double seconds, long fed, int held, long heapUsed, boolean paused) {
    }

    private final BenchOptions options;
    private final Target target;
    private final ResultTable table;

    BackpressureRun(BenchOptions options, Target target, ResultTable table) {
        this.options = options;
        this.target = target;
        this.table = table;
    }

    void run() throws InterruptedException {
        if (target.server == null) {
            table.section("### Back-pressure\n\nNot run: slowing the server needs the in-process test server's delay fault.\n");
            table.targetUnknown("memory bounded under a 10x backlog", "needs the in-process test server");
            return;
        }
        int maxBuffered = options.maxBuffered;
        int total = 10 * maxBuffered;
        // Keys repeat every 3 x max.buffered.records rows, so a key never has two writes held at once (nothing is
        // folded, every row is a write); they are all stored before the run, so the server's own store (same heap)
        // does not grow while the live heap is watched.
        int keys = 3 * maxBuffered + options.putSize;
        seed(keys);
        BenchContext context = new BenchContext(TOPIC, options.partitions);
        AerospikeSinkTask task = new AerospikeSinkTask();
        task.initialize(context);
        task.start(target.connectorProps(SET, Target.fixedLayout()));
        task.open(context.assignment());
        BatchWriter writer = writerOf(task);
        Fault slow = target.server.inject(Fault.delay(Duration.ofMillis(options.slowMs)));

        List<Sample> samples = new ArrayList<>();
        List<long[]> checkpoints = new ArrayList<>();
        long start = System.nanoTime();
        long[] fed = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Sample s = new Sample((System.nanoTime() - start) / 1e9, fed[0], writer == null ? -1 : writer.held(),
                        HeapMonitor.usedNow(), context.anyPaused());
                synchronized (samples) {
                    samples.add(s);
                }
                try {
                    Thread.sleep(SAMPLE_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-backlog-sampler");
        sampler.setDaemon(true);

        long maxPutNanos = 0;
        int putsBlocked = 0;
        int emptyPuts = 0;
        int maxHeld = 0;
        boolean stalled = false;
        long lastCommit = System.nanoTime();
        Map<TopicPartition, Long> end = new HashMap<>();
        checkpoints.add(new long[] {0, HeapMonitor.liveAfterFullGc()});
        sampler.start();
        int next = 0;
        while (next < total) {
            if (context.anyPaused()) {
                // Paused partitions deliver nothing: the worker calls put() with no records after each poll.
                task.put(List.of());
                emptyPuts++;
                Thread.sleep(PAUSED_POLL_MS);
                continue;
            }
            int n = Math.min(options.putSize, total - next);
            List<SinkRecord> batch = new ArrayList<>(n);
            for (int m = next; m < next + n; m++) {
                batch.add(SensorRows.record(TOPIC, options.partitions, m, Schema.OPTIONAL_BYTES_SCHEMA,
                        SensorRows.packed(m % keys, 1)));
            }
            long t0 = System.nanoTime();
            task.put(batch);
            long took = System.nanoTime() - t0;
            maxPutNanos = Math.max(maxPutNanos, took);
            putsBlocked += took > TimeUnit.MILLISECONDS.toNanos(50) ? 1 : 0;
            if (writer != null) {
                maxHeld = Math.max(maxHeld, writer.held());
            }
            int before = next;
            next += n;
            fed[0] = next;
            if (!stalled && next >= total / 2) {
                stalled = true;
                // The next batches (one per writer thread) hang longer than put()'s 5 s wait for room.
                target.server.inject(Fault.delay(Duration.ofMillis(options.stallMs)).times(options.inFlight * options.batchSize));
            }
            if (System.nanoTime() - lastCommit >= TimeUnit.MILLISECONDS.toNanos(options.commitIntervalMs)) {
                task.preCommit(Map.of());
                lastCommit = System.nanoTime();
            }
            if (next / (maxBuffered / 2) != before / (maxBuffered / 2)) {
                checkpoints.add(new long[] {next, HeapMonitor.liveAfterFullGc()});
            }
        }
        for (int m = 0; m < total; m++) {
            end.merge(new TopicPartition(TOPIC, m % options.partitions), (long) (m / options.partitions) + 1, Math::max);
        }
        long fedNanos = System.nanoTime() - start;
        ThroughputRuns.awaitCommittable(task, end, System.nanoTime());
        long drainedNanos = System.nanoTime() - start;
        sampler.interrupt();
        sampler.join();
        target.server.clearFaults();
        task.stop();
        report(total, keys, samples, checkpoints, context.calls(), start, maxPutNanos, putsBlocked, emptyPuts, maxHeld,
                fedNanos, drainedNanos, slow.hits());
        target.clear();
    }

    private void report(int total, int keys, List<Sample> samples, List<long[]> checkpoints, List<BenchContext.Call> calls,
                        long start, long maxPutNanos, int putsBlocked, int emptyPuts, int maxHeld, long fedNanos,
                        long drainedNanos, int slowHits) {
        int maxBuffered = options.maxBuffered;
        int bound = maxBuffered + options.putSize;
        StringBuilder out = new StringBuilder("### Back-pressure: a backlog of 10 x max.buffered.records\n\n");
        out.append(String.format("%,d rows (1 row/message, keys repeating every %,d) fed in put() calls of %d as fast as "
                + "the task takes them; the server delays every batch by %d ms, and the %d batches sent after half the "
                + "rows by %,d ms. Every key was written once beforehand. preCommit every %,d ms (the worker's offset.flush.interval.ms). Fed in %.1f s, all "
                + "offsets committable after %.1f s.%n%n", total, keys, options.putSize, options.slowMs, options.inFlight,
                options.stallMs, options.commitIntervalMs, fedNanos / 1e9, drainedNanos / 1e9));
        out.append(String.format("- held writes: at most %,d (bound: max.buffered.records + one put = %,d)%n", maxHeld, bound));
        out.append(String.format("- put(): longest call %.2f s; %d calls blocked over 50 ms; %d empty calls while paused%n",
                maxPutNanos / 1e9, putsBlocked, emptyPuts));
        StringBuilder callList = new StringBuilder();
        for (BenchContext.Call call : calls) {
            callList.append(callList.length() == 0 ? "" : ", ").append(String.format("%s(%d partitions) at %.1f s",
                    call.what(), call.partitions(), (call.atNanos() - start) / 1e9));
        }
        out.append("- pause/resume calls on the context: ").append(calls.isEmpty() ? "none" : callList).append('\n');
        long steadyFrom = checkpoints.stream().mapToLong(c -> c[0]).filter(f -> f >= keys).min().orElse(0);
        List<long[]> steady = checkpoints.stream().filter(c -> c[0] >= steadyFrom).toList();
        double slope = slope(steady);
        out.append(String.format("- live heap MiB after full GCs, by rows fed (trend from %,d rows on, once every key was "
                + "written by the task: %+.1f B per row fed):", steadyFrom, slope));
        for (long[] c : checkpoints) {
            out.append(String.format(" %,d: %s;", c[0], HeapMonitor.mib(c[1])));
        }
        out.append("\n\n| t s | rows fed | held writes | heap used MiB | partitions |\n|---:|---:|---:|---:|---|\n");
        List<Sample> copy;
        synchronized (samples) {
            copy = List.copyOf(samples);
        }
        int step = Math.max(1, copy.size() / 24);
        for (int i = 0; i < copy.size(); i += step) {
            Sample s = copy.get(i);
            out.append(String.format("| %.1f | %,d | %,d | %s | %s |%n", s.seconds(), s.fed(), s.held(),
                    HeapMonitor.mib(s.heapUsed()), s.paused() ? "paused" : "consuming"));
        }
        table.section(out.toString());

        // Once every key has been written by the task (one cycle of keys; every buffer and table has then reached its
        // working size) the live heap must not grow with the rows fed: the least-squares slope, in bytes per row fed,
        // tells growth from noise. Keeping each record after it is written would show as well over 100 B per row.
        long minLive = steady.stream().mapToLong(c -> c[1]).min().orElse(0);
        long maxLive = steady.stream().mapToLong(c -> c[1]).max().orElse(0);
        boolean paused = calls.stream().anyMatch(c -> c.what().equals("pause"));
        boolean resumed = calls.stream().anyMatch(c -> c.what().equals("resume"));
        boolean flat = slope <= 20;
        boolean met = maxHeld <= bound && flat && paused && resumed && putsBlocked > 0;
        table.target("memory bounded under a 10x backlog", met, String.format("held <= %,d (bound %,d); live heap from "
                + "%,d to %,d rows fed: %s..%s MiB, trend %+.1f B per row fed (flat: <= 20); put() blocked %d times, up "
                + "to %.1f s; paused %s, resumed %s", maxHeld, bound, steadyFrom, total, HeapMonitor.mib(minLive),
                HeapMonitor.mib(maxLive), slope, putsBlocked, maxPutNanos / 1e9, paused ? "yes" : "no",
                resumed ? "yes" : "no"));
        SinkBenchmark.log(String.format("backlog   %,d rows: held <= %,d, longest put %.1f s, live heap %s..%s MiB "
                + "(trend %+.1f B/row), %d pause/resume calls, slow fault hit %,d times", total, maxHeld,
                maxPutNanos / 1e9, HeapMonitor.mib(minLive), HeapMonitor.mib(maxLive), slope, calls.size(), slowHits));
    }

    /** Stores every key once, as the connector writes it (user key sent), so the store is at its full size. */
    private void seed(int keys) {
        BatchWritePolicy policy = new WritePolicies(WriteAction.UPSERT, 0, true, false).write(WriteAction.UPSERT, 0);
        try (IAerospikeClient client = target.client()) {
            for (int first = 0; first < keys; first += options.batchSize) {
                List<BatchRecord> batch = new ArrayList<>();
                for (int k = first; k < Math.min(keys, first + options.batchSize); k++) {
                    batch.add(new BatchWrite(policy, SensorRows.key(options.namespace, SET, k), SensorRows.operations(k)));
                }
                client.operate(null, batch);
            }
        }
    }

    /** Least-squares slope of live heap bytes over rows fed. */
    private static double slope(List<long[]> points) {
        double n = points.size();
        double mx = points.stream().mapToDouble(c -> c[0]).sum() / n;
        double my = points.stream().mapToDouble(c -> c[1]).sum() / n;
        double sxy = 0;
        double sxx = 0;
        for (long[] c : points) {
            sxy += (c[0] - mx) * (c[1] - my);
            sxx += (c[0] - mx) * (c[0] - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    /** The task's writer, for its held count; null if the task's insides have changed (the column then shows -1). */
    private static BatchWriter writerOf(AerospikeSinkTask task) {
        try {
            Field running = AerospikeSinkTask.class.getDeclaredField("running");
            running.setAccessible(true);
            Object runningTask = running.get(task);
            Field writer = runningTask.getClass().getDeclaredField("writer");
            writer.setAccessible(true);
            return (BatchWriter) writer.get(runningTask);
        } catch (ReflectiveOperationException | RuntimeException e) {
            SinkBenchmark.log("cannot read the task's held writes (" + e + "); reporting -1");
            return null;
        }
    }
}
