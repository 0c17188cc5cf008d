package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.Test;

import com.aerospike.client.Key;
import com.fasterxml.jackson.databind.JsonNode;

import io.aerosink.connect.testserver.Fault;
import io.aerosink.connect.testserver.StoredRecord;

/**
 * The sink through the life of a Connect cluster: three workers, three tasks, a keyed stream with many versions
 * per key, and, while Aerospike holds every write back so that the tasks hit back-pressure and pause their
 * partitions, a worker stopped, a worker added and partitions added to the topic. Once the writes are released,
 * every key must reach its newest version, nothing may be dead-lettered, every task must run, the offsets must
 * reach the end of every partition, old and added, and records produced after the release to every partition
 * must arrive: a partition left paused shows up as one whose records never do.
 */
class ClusterLifeIT extends ConnectTestBase {

    private static final String NAME = "cluster-life";
    private static final String TOPIC = "cluster_life";
    private static final String DLQ = "cluster_life_dlq";
    private static final int TASKS = 3;
    private static final int PARTITIONS = 6;
    private static final int ADDED_PARTITIONS = 3;
    private static final int ALL_PARTITIONS = PARTITIONS + ADDED_PARTITIONS;
    /** Keys of the first partitions: key k lives in partition k % PARTITIONS, for good. */
    private static final int KEYS = 200;
    /** Keys of the added partitions: key k lives in partition PARTITIONS + (k - KEYS) % ADDED_PARTITIONS. */
    private static final int ADDED_KEYS = 60;
    /** One key per partition, written only after the release: the probe that the partition delivers. */
    private static final long PROBE_KEY_BASE = 10_000;
    private static final int MAX_BUFFERED = 200;
    /** RunningTask.BACKPRESSURE_WAIT_MS: a put() that waited this long for room has paused its partitions. */
    private static final long BACKPRESSURE_WAIT_MS = 5_000;
    /** Generous: a shared 2-core machine runs a broker, three workers and the test server at once. */
    private static final Duration LONG = Duration.ofMinutes(2);

    /** The newest version produced of every key: what Aerospike must end up with. */
    private final Map<Long, Long> newest = new HashMap<>();
    /** Every version written to Aerospike of every key, in the order written: what a failure report shows. */
    private final Map<Long, List<Long>> writes = new ConcurrentHashMap<>();

    @Override
    protected int workers() {
        return 3;
    }

    @Test
    void workersComeAndGoAndPartitionsAreAddedWhileAerospikeHoldsWritesBack() throws Exception {
        long started = System.nanoTime();
        createTopic(TOPIC, PARTITIONS);
        createTopic(DLQ, 1);
        Map<String, Long> keyOfDigest = new HashMap<>();
        for (long k = 0; k < KEYS + ADDED_KEYS; k++) {
            keyOfDigest.put(digest(k), k);
        }
        for (long k = PROBE_KEY_BASE; k < PROBE_KEY_BASE + ALL_PARTITIONS; k++) {
            keyOfDigest.put(digest(k), k);
        }
        aerospike.onWrite(r -> {
            Long key = keyOfDigest.get(HexFormat.of().formatHex(r.digest()));
            if (key != null && r.bin("version") instanceof Long v) {
                writes.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(v);
            }
        });
        Map<String, String> config = withDeadLetterQueue(jsonConfig(TOPIC, false), DLQ);
        config.put("tasks.max", String.valueOf(TASKS));
        // Small buffers and batches, so that a held server fills a task's buffer within a few hundred records.
        config.put("max.buffered.records", String.valueOf(MAX_BUFFERED));
        config.put("batch.size", "20");
        config.put("consumer.override.max.poll.records", "50");
        // A held batch times out in the client and is retried (an outage, never dead-lettered), so that a
        // revoked partition's close() does not wait out the whole hold.
        config.put("aerospike.timeout.ms", "2000");
        config.put("retry.backoff.ms", "100");
        config.put("retry.backoff.max.ms", "1000");
        // The tasks' consumers see the added partitions within a second instead of the default five minutes.
        config.put("consumer.override.metadata.max.age.ms", "1000");
        putConnector(NAME, config);
        awaitAllTasksRunning("the connector to start");

        Fault hold = null;
        AtomicBoolean probing = new AtomicBoolean();
        CompletableFuture<Void> probes = CompletableFuture.completedFuture(null);
        try {
            // The stream runs: version 1 of every key is written.
            produceOldKeys(1);
            awaitNewest("version 1 of every key", oldKeys());

            // Aerospike holds every write back; versions 2 to 5 fill the tasks' buffers past max.buffered.records.
            hold = aerospike.inject(Fault.hold());
            Fault held = hold;
            for (long version = 2; version <= 5; version++) {
                produceOldKeys(version);
            }
            Await.until(LONG, "every task to wait " + BACKPRESSURE_WAIT_MS + " ms for room and pause its partitions",
                    () -> allTasksWaitedForRoom(), () -> "longest put() per task " + longestPuts() + ", " + held);
            assertTrue(held.held() > 0, "writes are held: " + held);
            // Nothing of versions 2 to 5 can have been written: the server executes nothing while it holds.
            assertEquals(0, keysAtNewest(oldKeys()), "no key is at version 5 while writes are held");

            // A worker that runs a task goes away in mid-stream; its tasks move to the other two.
            WorkerHandle leaving = workerRunningATask();
            // Its URL is gone once it is stopped.
            int leavingPort = leaving.url().getPort();
            connect.removeWorker(leaving);
            produceOldKeys(6);
            awaitAllTasksRunning("the tasks of the stopped worker on port " + leavingPort + " to run elsewhere",
                    status -> status.values().stream().noneMatch(t -> onPort(t.workerId(), leavingPort)));

            // A worker joins.
            WorkerHandle joined = connect.addWorker();
            Await.until(LONG, "the new worker " + joined.url() + " to be healthy", () -> connect.isHealthy(joined));
            produceOldKeys(7);
            awaitAllTasksRunning("the tasks to run after " + joined.url() + " joined");

            // Partitions are added to the topic; records go to them at once.
            try (Admin admin = connect.kafka().createAdminClient()) {
                admin.createPartitions(Map.of(TOPIC, NewPartitions.increaseTo(ALL_PARTITIONS)))
                        .all().get(1, TimeUnit.MINUTES);
            }
            for (long version = 1; version <= 3; version++) {
                produceAddedKeys(version);
            }
            produceOldKeys(8);
            Await.until(LONG, "the tasks' consumers to be assigned all " + ALL_PARTITIONS + " partitions",
                    () -> assignment().keySet().containsAll(partitions(ALL_PARTITIONS)),
                    () -> "assignment " + assignment());
            assertTrue(held.held() > 0, "writes are still held through the rebalances: " + held);
            assertEquals(0, keysAtNewest(oldKeys()), "no key is at version 8 while writes are held");

            // Aerospike lets the writes go.
            held.release();
            Await.until(LONG, "the held writes to drain", () -> held.held() == 0, held::toString);

            // A live stream to every partition, old and added, after the release: each partition must deliver.
            AtomicLongArray probeVersions = new AtomicLongArray(ALL_PARTITIONS);
            probing.set(true);
            probes = CompletableFuture.runAsync(() -> probe(probing, probeVersions));
            Await.until(LONG, "records produced after the release to every partition to arrive in Aerospike",
                    () -> partitionsDelivered().size() == ALL_PARTITIONS,
                    () -> "partitions that never delivered " + partitionsNotDelivered() + "; " + report());
            probing.set(false);
            probes.get(1, TimeUnit.MINUTES);
            for (int p = 0; p < ALL_PARTITIONS; p++) {
                newest.put(PROBE_KEY_BASE + p, probeVersions.get(p));
            }

            // The end state.
            Await.until(LONG, "every key at its newest version", () -> keysAtNewest(newest.keySet()) == newest.size(),
                    () -> (newest.size() - keysAtNewest(newest.keySet())) + " keys behind; " + report());
            awaitOffsetsCommittedToEnd(NAME, TOPIC, ALL_PARTITIONS);
            Map<Integer, Task> tasks = tasks();
            assertEquals(TASKS, tasks.size(), "tasks: " + tasks);
            tasks.forEach((id, task) -> assertEquals("RUNNING", task.state(), "task " + id + ": " + task));
            assertTrue(readAll(DLQ).isEmpty(), "a held server, rebalances and added partitions dead-letter nothing");
            System.out.printf("ClusterLifeIT: %d records held in all, %d s from topic creation to the end state%n",
                    held.hits(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        } finally {
            probing.set(false);
            probes.exceptionally(e -> null).get(1, TimeUnit.MINUTES);
            if (hold != null) {
                hold.release();
            }
            aerospike.clearFaults();
        }
        deleteConnector(NAME);
    }

    // ---------------------------------------------------------------- producing

    private static Set<Long> oldKeys() {
        Set<Long> keys = new TreeSet<>();
        for (long k = 0; k < KEYS; k++) {
            keys.add(k);
        }
        return keys;
    }

    /**
     * The partition of a key, fixed once: the producer's default partitioner would move keys when the partition
     * count grows, putting versions of one key into two partitions, between which Kafka keeps no order.
     */
    private static int partitionOf(long key) {
        if (key >= PROBE_KEY_BASE) {
            return (int) (key - PROBE_KEY_BASE);
        }
        return key < KEYS ? (int) (key % PARTITIONS) : PARTITIONS + (int) ((key - KEYS) % ADDED_PARTITIONS);
    }

    private void produceOldKeys(long version) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (long key = 0; key < KEYS; key++) {
            records.add(versioned(key, version));
        }
        produceAll(records);
    }

    private void produceAddedKeys(long version) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (long key = KEYS; key < KEYS + ADDED_KEYS; key++) {
            records.add(versioned(key, version));
        }
        produceAll(records);
    }

    private ProducerRecord<byte[], byte[]> versioned(long key, long version) {
        newest.merge(key, version, Math::max);
        return record(key, version);
    }

    private static ProducerRecord<byte[], byte[]> record(long key, long version) {
        String value = "{\"_key\": " + key + ", \"version\": " + version + "}";
        return new ProducerRecord<>(TOPIC, partitionOf(key), String.valueOf(key).getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    /** Produces a new version of every partition's probe key every few tens of milliseconds until told to stop. */
    private void probe(AtomicBoolean running, AtomicLongArray versions) {
        long version = 0;
        while (running.get()) {
            version++;
            for (int p = 0; p < ALL_PARTITIONS; p++) {
                producer().send(record(PROBE_KEY_BASE + p, version));
            }
            producer().flush();
            for (int p = 0; p < ALL_PARTITIONS; p++) {
                versions.set(p, version);
            }
            try {
                // Pacing of the live stream, not a wait for a condition.
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---------------------------------------------------------------- what Aerospike holds

    private static String digest(long key) {
        return HexFormat.of().formatHex(new Key("test", TOPIC, key).digest);
    }

    private long version(long key) {
        StoredRecord record = aerospike.get("test", TOPIC, key);
        Object version = record == null ? null : record.bin("version");
        return version instanceof Long v ? v : 0;
    }

    private void awaitNewest(String what, Set<Long> keys) {
        Await.until(LONG, what, () -> keysAtNewest(keys) == keys.size(),
                () -> (keys.size() - keysAtNewest(keys)) + " keys behind; " + report());
    }

    private int keysAtNewest(Set<Long> keys) {
        int n = 0;
        for (long key : keys) {
            n += version(key) == newest.get(key) ? 1 : 0;
        }
        return n;
    }

    private Set<Integer> partitionsDelivered() {
        Set<Integer> delivered = new TreeSet<>();
        for (int p = 0; p < ALL_PARTITIONS; p++) {
            if (version(PROBE_KEY_BASE + p) > 0) {
                delivered.add(p);
            }
        }
        return delivered;
    }

    private Set<Integer> partitionsNotDelivered() {
        Set<Integer> missing = new TreeSet<>();
        for (int p = 0; p < ALL_PARTITIONS; p++) {
            missing.add(p);
        }
        missing.removeAll(partitionsDelivered());
        return missing;
    }

    // ---------------------------------------------------------------- the Connect cluster

    /** A task as {@code GET /connectors/{name}/status} shows it. */
    record Task(String state, String workerId, String trace) {
        @Override
        public String toString() {
            return state + "@" + workerId + (trace == null ? "" : " " + trace.lines().findFirst().orElse(""));
        }
    }

    /** The connector's tasks by id, from the REST API; empty while the status is unavailable. */
    private Map<Integer, Task> tasks() {
        RestResponse response = rest("GET", "connectors/" + NAME + "/status", null);
        Map<Integer, Task> tasks = new TreeMap<>();
        if (response.status() != 200) {
            return tasks;
        }
        for (JsonNode task : response.json().path("tasks")) {
            tasks.put(task.path("id").asInt(), new Task(task.path("state").asText(), task.path("worker_id").asText(),
                    task.hasNonNull("trace") ? task.get("trace").asText() : null));
        }
        return tasks;
    }

    private void awaitAllTasksRunning(String what) {
        awaitAllTasksRunning(what, status -> true);
    }

    private void awaitAllTasksRunning(String what, Predicate<Map<Integer, Task>> also) {
        Await.until(LONG, what + ": all " + TASKS + " tasks RUNNING", () -> {
            Map<Integer, Task> tasks = tasks();
            return tasks.size() == TASKS && tasks.values().stream().allMatch(t -> "RUNNING".equals(t.state()))
                    && also.test(tasks);
        }, () -> "tasks " + tasks());
    }

    /** Whether a REST worker id (host:port) names the worker listening on {@code port}. */
    private static boolean onPort(String workerId, int port) {
        return workerId.endsWith(":" + port);
    }

    private WorkerHandle workerRunningATask() {
        Map<Integer, Task> tasks = tasks();
        for (WorkerHandle worker : connect.workers()) {
            if (tasks.values().stream().anyMatch(t -> onPort(t.workerId(), worker.url().getPort()))) {
                return worker;
            }
        }
        throw new AssertionError("no worker of " + connect.workers() + " runs a task: " + tasks);
    }

    /** put() of every task has once taken the back-pressure wait or longer, so every task paused its partitions. */
    private boolean allTasksWaitedForRoom() {
        Map<Integer, Double> longest = longestPuts();
        return longest.size() == TASKS && longest.values().stream().allMatch(ms -> ms >= BACKPRESSURE_WAIT_MS);
    }

    /** The worker's put-batch-max-time-ms of each task (its JMX sink task metrics), where registered. */
    private static Map<Integer, Double> longestPuts() {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Map<Integer, Double> out = new TreeMap<>();
        for (int task = 0; task < TASKS; task++) {
            try {
                ObjectName name = new ObjectName("kafka.connect:type=sink-task-metrics,connector=" + NAME + ",task=" + task);
                if (jmx.isRegistered(name)) {
                    Object value = jmx.getAttribute(name, "put-batch-max-time-ms");
                    if (value instanceof Number n && !Double.isNaN(n.doubleValue())) {
                        out.put(task, n.doubleValue());
                    }
                }
            } catch (JMException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static Set<TopicPartition> partitions(int count) {
        Set<TopicPartition> out = new TreeSet<>((a, b) -> Integer.compare(a.partition(), b.partition()));
        for (int p = 0; p < count; p++) {
            out.add(new TopicPartition(TOPIC, p));
        }
        return out;
    }

    /** Which consumer (one per task, named after it) of the connector's group owns each partition. */
    private Map<TopicPartition, String> assignment() {
        try (Admin admin = connect.kafka().createAdminClient()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("connect-" + NAME))
                    .describedGroups().get("connect-" + NAME).get(30, TimeUnit.SECONDS);
            Map<TopicPartition, String> out = new TreeMap<>((a, b) -> Integer.compare(a.partition(), b.partition()));
            for (MemberDescription member : group.members()) {
                String task = member.clientId().replaceFirst(".*-", "task ");
                member.assignment().topicPartitions().forEach(tp -> out.put(tp, task));
            }
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe connect-" + NAME, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Per partition: its owner, committed and end offsets, its keys at their newest version, its probe. */
    private String report() {
        Map<TopicPartition, String> owners = safe(this::assignment, Map.of());
        Map<TopicPartition, Long> committed = safe(() -> committedOffsets(NAME), Map.of());
        Map<TopicPartition, Long> end = safe(() -> endOffsets(TOPIC, ALL_PARTITIONS), Map.of());
        Map<Integer, List<Long>> keysByPartition = newest.keySet().stream().filter(k -> k < PROBE_KEY_BASE)
                .collect(Collectors.groupingBy(ClusterLifeIT::partitionOf, TreeMap::new, Collectors.toList()));
        StringBuilder out = new StringBuilder("tasks ").append(tasks()).append("; partitions:");
        for (int p = 0; p < ALL_PARTITIONS; p++) {
            TopicPartition tp = new TopicPartition(TOPIC, p);
            List<Long> keys = keysByPartition.getOrDefault(p, List.of());
            List<Long> behind = keys.stream().filter(k -> version(k) != newest.get(k)).toList();
            Map<Long, Long> behindAt = behind.stream()
                    .collect(Collectors.groupingBy(this::version, TreeMap::new, Collectors.counting()));
            out.append(String.format(" [p%d %s committed %s/%s, %d of %d keys behind%s, probe v%d]", p,
                    owners.getOrDefault(tp, "unassigned"), committed.get(tp), end.get(tp), behind.size(), keys.size(),
                    behind.isEmpty() ? "" : " (at version: keys " + behindAt + "; key " + behind.get(0) + " written "
                            + writes.getOrDefault(behind.get(0), List.of()) + ")",
                    version(PROBE_KEY_BASE + p)));
        }
        return out.toString();
    }

    private static <T> T safe(Supplier<T> supplier, T fallback) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
