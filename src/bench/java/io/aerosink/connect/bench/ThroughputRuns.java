package io.aerosink.connect.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.WritePolicy;

import io.aerosink.connect.AerospikeSinkTask;
import io.aerosink.connect.client.AerospikeBatchClient;
import io.aerosink.connect.config.ConnectionConfig;
import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.write.WritePolicies;

/**
 * The three ways to write the same rows, timed alike: from the first call until the last row is in Aerospike
 * (raw and naive: the last call returned; connector: preCommit returns every offset).
 */
final class ThroughputRuns {

    static final String TOPIC = "sensors";
    private static final long RUN_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final BenchOptions options;
    private final Target target;
    private final HeapMonitor heap;

    ThroughputRuns(BenchOptions options, Target target, HeapMonitor heap) {
        this.options = options;
        this.target = target;
        this.heap = heap;
    }

    /**
     * The limit: rows sent with {@code operate()} in batches of {@code batch.size} from {@code max.in.flight.batches}
     * threads, through the connector's own client with its BatchPolicy and the BatchWritePolicy the connector uses for
     * the topic's defaults. Everything costly is built beforehand: keys (digests computed), values and operations.
     * Only the {@code BatchWrite} of each row, the holder of its result, is made as its batch is sent: half a million
     * pre-made holders would sit in the old generation and be written to by every call, and the collector would pay
     * for that on every young collection, which is a cost of the harness, not of writing.
     */
    Measurement raw(String set, int rows) throws InterruptedException {
        WritePolicies policies = new WritePolicies(WriteAction.UPSERT, 0, true, false);
        BatchWritePolicy policy = policies.write(WriteAction.UPSERT, 0);
        Key[] keys = new Key[rows];
        Operation[][] ops = new Operation[rows][];
        for (int k = 0; k < rows; k++) {
            keys[k] = SensorRows.key(options.namespace, set, k);
            ops[k] = SensorRows.operations(k);
        }
        int batches = (rows + options.batchSize - 1) / options.batchSize;
        Map<String, String> props = target.connectorProps(set, Target.fixedLayout());
        AerospikeBatchClient client = AerospikeBatchClient.connect(new ConnectionConfig(props));
        try {
            AtomicInteger next = new AtomicInteger();
            AtomicLong senderCpu = new AtomicLong();
            AtomicLong senderBytes = new AtomicLong();
            AtomicReference<RuntimeException> error = new AtomicReference<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < options.inFlight; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                        long own = Measurement.currentThreadCpuNanos();
                        long allocated = Measurement.currentThreadAllocatedBytes();
                        for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                            int from = b * options.batchSize;
                            int to = Math.min(rows, from + options.batchSize);
                            List<BatchRecord> batch = new ArrayList<>(to - from);
                            for (int k = from; k < to; k++) {
                                batch.add(new BatchWrite(policy, keys[k], ops[k]));
                            }
                            client.operate(batch, null);
                            for (BatchRecord record : batch) {
                                if (record.resultCode != ResultCode.OK) {
                                    throw new IllegalStateException("raw write of " + record.key + " failed: "
                                            + ResultCode.getResultString(record.resultCode));
                                }
                            }
                        }
                        // A finished thread's CPU time cannot be read from outside: each sender adds its own.
                        senderCpu.addAndGet(Measurement.currentThreadCpuNanos() - own);
                        senderBytes.addAndGet(Measurement.currentThreadAllocatedBytes() - allocated);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        error.compareAndSet(null, e);
                    }
                }, "bench-raw-" + t);
                thread.start();
                threads.add(thread);
            }
            quiesce();
            Map<String, Long> byKind = target.cpuByKind();
            long cpu = Measurement.processCpuNanos();
            long start = System.nanoTime();
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            long nanos = System.nanoTime() - start;
            cpu = Measurement.processCpuNanos() - cpu;
            HeapMonitor.Stats stats = heap.stats();
            if (error.get() != null) {
                throw new IllegalStateException("raw run failed", error.get());
            }
            return new Measurement("raw", rows, nanos, cpu, stats,
                    new Measurement.ClientCpu(0, senderCpu.get(), 0, senderBytes.get()),
                    CpuByThreadKind.between(byKind, target.cpuByKind()));
        } finally {
            client.close();
        }
    }

    /**
     * The connector: the records go through {@link AerospikeSinkTask#put} in calls of {@code put.size} records, and
     * the run ends when {@code preCommit} returns every partition's end offset.
     */
    Measurement connector(String run, String set, List<SinkRecord> records, int rows, Map<String, String> format)
            throws InterruptedException {
        BenchContext context = new BenchContext(TOPIC, options.partitions);
        AerospikeSinkTask task = new AerospikeSinkTask();
        task.initialize(context);
        task.start(target.connectorProps(set, format));
        task.open(context.assignment());
        Map<TopicPartition, Long> expected = endOffsets(records);
        try {
            quiesce();
            Map<String, Long> byKind = target.cpuByKind();
            long cpu = Measurement.processCpuNanos();
            long writers = Measurement.threadsCpuNanos("-writer-");
            long taskCpu = Measurement.currentThreadCpuNanos();
            long writerBytes = Measurement.threadsAllocatedBytes("-writer-");
            long taskBytes = Measurement.currentThreadAllocatedBytes();
            long start = System.nanoTime();
            for (int i = 0; i < records.size(); i += options.putSize) {
                task.put(records.subList(i, Math.min(records.size(), i + options.putSize)));
            }
            taskCpu = Measurement.currentThreadCpuNanos() - taskCpu;
            taskBytes = Measurement.currentThreadAllocatedBytes() - taskBytes;
            awaitCommittable(task, expected, start);
            long nanos = System.nanoTime() - start;
            cpu = Measurement.processCpuNanos() - cpu;
            writers = Measurement.threadsCpuNanos("-writer-") - writers;
            writerBytes = Measurement.threadsAllocatedBytes("-writer-") - writerBytes;
            return new Measurement(run, rows, nanos, cpu, heap.stats(),
                    new Measurement.ClientCpu(taskCpu, writers, taskBytes, writerBytes),
                    CpuByThreadKind.between(byKind, target.cpuByKind()));
        } finally {
            task.stop();
        }
    }

    /**
     * The naive peer: one synchronous {@code put(WritePolicy, Key, Bin...)} per record from one thread, as the
     * existing open-source sinks do. Keys and bins are built beforehand: its best case.
     */
    Measurement naive(String set, int rows) throws InterruptedException {
        Key[] keys = new Key[rows];
        Bin[][] bins = new Bin[rows][];
        for (int k = 0; k < rows; k++) {
            keys[k] = SensorRows.key(options.namespace, set, k);
            bins[k] = SensorRows.bins(k);
        }
        WritePolicy policy = new WritePolicy();
        policy.sendKey = true;
        try (IAerospikeClient client = target.client()) {
            client.put(policy, keys[0], bins[0]);
            quiesce();
            long cpu = Measurement.processCpuNanos();
            long own = Measurement.currentThreadCpuNanos();
            long allocated = Measurement.currentThreadAllocatedBytes();
            long start = System.nanoTime();
            for (int k = 0; k < rows; k++) {
                client.put(policy, keys[k], bins[k]);
            }
            long nanos = System.nanoTime() - start;
            own = Measurement.currentThreadCpuNanos() - own;
            allocated = Measurement.currentThreadAllocatedBytes() - allocated;
            cpu = Measurement.processCpuNanos() - cpu;
            return new Measurement("naive", rows, nanos, cpu, heap.stats(),
                    new Measurement.ClientCpu(0, own, 0, allocated));
        }
    }

    /** The offset after each partition's last record. */
    static Map<TopicPartition, Long> endOffsets(List<SinkRecord> records) {
        Map<TopicPartition, Long> end = new HashMap<>();
        for (SinkRecord r : records) {
            end.merge(new TopicPartition(r.topic(), r.kafkaPartition()), r.kafkaOffset() + 1, Math::max);
        }
        return end;
    }

    static void awaitCommittable(AerospikeSinkTask task, Map<TopicPartition, Long> expected, long start) {
        while (!reached(task.preCommit(Map.of()), expected)) {
            if (System.nanoTime() - start > RUN_TIMEOUT_NANOS) {
                throw new IllegalStateException("offsets not committable after 5 minutes: " + task.preCommit(Map.of()));
            }
            LockSupport.parkNanos(200_000);
        }
    }

    static boolean reached(Map<TopicPartition, OffsetAndMetadata> offsets, Map<TopicPartition, Long> expected) {
        for (Map.Entry<TopicPartition, Long> e : expected.entrySet()) {
            OffsetAndMetadata committed = offsets.get(e.getKey());
            if (committed == null || committed.offset() < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Starts every run from the same place: garbage of earlier runs collected, peaks reset. */
    private void quiesce() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        heap.reset();
    }

    /** Checks that a run left exactly its rows in its set (at least them on a cluster, which keeps older runs). */
    void verify(IAerospikeClient client, String set, long rows) {
        long count = target.count(client, set);
        if (count < 0) {
            return;
        }
        boolean ok = target.exactCounts() ? count == rows : count >= rows;
        if (!ok) {
            throw new IllegalStateException("set '" + set + "' holds " + count + " records after a run of " + rows + " rows");
        }
    }
}
