package io.aerosink.connect;

import static io.aerosink.connect.ModelNotes.ORDER;
import static io.aerosink.connect.ModelNotes.check;
import static io.aerosink.connect.ModelNotes.pause;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.errors.ErrorReporters;
import io.aerosink.connect.write.BatchWriter;

/**
 * One try of the model test: a {@link RunningTask} driven as the Connect worker drives it, the model of Kafka
 * around it, the oracle, and the checks that hold them against each other. Called from the test thread only,
 * which plays the worker's task thread.
 */
final class ModelRun {

    /** One record of a poll: the next of its partition, new ({@code fresh}) or, when null, delivered again. */
    record Slot(TopicPartition partition, RecordSpec fresh) {
        @Override
        public String toString() {
            return partition + (fresh == null ? " again" : " new k" + fresh.keyIndex() + " " + fresh);
        }
    }

    private static final int RECORDS_PER_DRAIN_POLL = 5;

    private final ModelSettings settings;
    /** Orders the model's events and the server's calls: a check compares when a write was sent with when a record came. */
    private final AtomicLong clock = new AtomicLong();
    private final FakeSinkTaskContext context = new FakeSinkTaskContext();
    private final ScriptedBatchClient client;
    private final BatchWriter writer;
    private final RunningTask task;
    private final KafkaLog log;
    private final WriteOracle oracle = new WriteOracle();
    private final Revocations revocations = new Revocations();
    private final ModelNotes notes = new ModelNotes();
    private boolean stopped;

    ModelRun(ModelSettings settings) {
        this.settings = settings;
        SinkConfig config = new SinkConfig(settings.connectorProps());
        List<TopicPartition> partitions = settings.topicPartitions();
        context.assignment.addAll(partitions);
        log = new KafkaLog(partitions);
        client = new ScriptedBatchClient(clock, settings.callLatencyMs());
        seedKeys(partitions);
        writer = new BatchWriter(client, config.write(), "model", System::nanoTime);
        task = new RunningTask(config, context, client, ErrorReporters.create(true, context.errantRecordReporter()),
                writer, ModelSettings.BACKPRESSURE_WAIT_MS);
    }

    /** Keys k0 and k1 of every partition exist before the run, so that insert, update and replace_only meet both cases. */
    private void seedKeys(List<TopicPartition> partitions) {
        ServerRules.Stored seed = new ServerRules.Stored(Map.of("a", 0L, "o", -1L), 100);
        for (TopicPartition tp : partitions) {
            for (int k = 0; k < 2; k++) {
                client.seed(StoreKey.of(tp, k), seed);
                oracle.seed(StoreKey.of(tp, k), seed);
            }
        }
    }

    private List<TopicPartition> assigned() {
        return context.assignment.stream().sorted(ORDER).toList();
    }

    private List<TopicPartition> revoked() {
        return settings.topicPartitions().stream().filter(tp -> !context.assignment.contains(tp)).toList();
    }

    /** The partitions the consumer fetches from: assigned and not paused. */
    private List<TopicPartition> fetchable() {
        return assigned().stream().filter(tp -> !context.paused.contains(tp)).toList();
    }

    /**
     * One poll's records to put(). The consumer fetches nothing of a paused or revoked partition (nor of one this
     * try does not have) and delivers a rewound partition's records again before new ones: slots that do not
     * fit the state are left out.
     */
    void poll(List<Slot> slots) {
        long seq = clock.incrementAndGet();
        List<ModelRecord> batch = new ArrayList<>();
        for (Slot slot : slots) {
            TopicPartition tp = slot.partition();
            if (!context.assignment.contains(tp) || context.paused.contains(tp)) {
                continue;
            }
            if (slot.fresh() == null && log.redelivering(tp)) {
                batch.add(log.redeliver(tp));
            } else if (slot.fresh() != null && !log.redelivering(tp)) {
                ModelRecord record = log.produce(tp, slot.fresh(), ModelSettings.action(tp.topic()));
                oracle.apply(record);
                batch.add(record);
            }
        }
        note(seq, "put " + batch);
        put(seq, batch);
    }

    private void put(long seq, List<ModelRecord> batch) {
        batch.forEach(r -> r.delivered(seq));
        task.put(batch.stream().map(ModelRecord::toSinkRecord).toList());
    }

    void preCommit() {
        long seq = clock.incrementAndGet();
        note(seq, "preCommit -> " + commit());
    }

    /**
     * Asks for offsets as the worker does (currentOffsets: each assigned partition's position) and commits the
     * ones of assigned partitions, after checking each: not beyond what was delivered, never backwards, and
     * every record below it written or dead-lettered ({@link Coverage}).
     */
    private Map<TopicPartition, Long> commit() {
        Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
        assigned().forEach(tp -> current.put(tp, new OffsetAndMetadata(log.position(tp))));
        Map<TopicPartition, OffsetAndMetadata> returned = task.preCommit(current);
        Coverage coverage = new Coverage(client.applied(), deadLetterCounts().keySet());
        Map<TopicPartition, Long> committed = new TreeMap<>(ORDER);
        returned.forEach((tp, offsetAndMetadata) -> {
            if (!context.assignment.contains(tp)) {
                return;
            }
            long offset = offsetAndMetadata.offset();
            long previous = log.committed(tp);
            check(offset <= log.position(tp), "preCommit returned " + tp + " offset " + offset
                    + ", beyond the position " + log.position(tp) + " the worker delivered up to");
            check(offset >= previous, "preCommit returned " + tp + " offset " + offset
                    + ", behind the offset " + previous + " committed before");
            List<ModelRecord> unaccounted = coverage.unaccounted(log.records(tp, previous, offset));
            check(unaccounted.isEmpty(), "preCommit returned " + tp + " offset " + offset
                    + " while these records below it are neither written nor dead-lettered: " + unaccounted);
            log.commit(tp, offset);
            committed.put(tp, offset);
        });
        return committed;
    }

    /** Cooperative rebalancing: the partition goes, its position rewinds, and the worker forgets its pause. */
    void revoke(TopicPartition tp) {
        if (!context.assignment.contains(tp)) {
            note(clock.incrementAndGet(), "revoke " + tp + ": not assigned, nothing to do");
            return;
        }
        task.close(List.of(tp));
        long seq = clock.incrementAndGet();
        revocations.closed(tp, seq);
        context.assignment.remove(tp);
        context.paused.remove(tp);
        log.rewind(tp);
        note(seq, "revoked " + tp + ", position rewound to " + log.committed(tp));
    }

    void assign(TopicPartition tp) {
        if (!revoked().contains(tp)) {
            note(clock.incrementAndGet(), "assign " + tp + ": not revoked, nothing to do");
            return;
        }
        checkRevokedPartitionsUntouched();
        long seq = clock.incrementAndGet();
        revocations.opened(tp, seq);
        context.assignment.add(tp);
        note(seq, "assigned " + tp);
    }

    /**
     * An eager rebalance that gives the task its partitions back: all closed, rewound and opened again. The
     * worker pauses again those the task had paused, since it still owns them.
     */
    void rebalance() {
        List<TopicPartition> all = assigned();
        task.close(all);
        long closed = clock.incrementAndGet();
        all.forEach(log::rewind);
        long opened = clock.incrementAndGet();
        for (TopicPartition tp : all) {
            revocations.closedAndOpened(tp, closed, opened);
        }
        note(closed, "rebalance: closed, rewound and opened " + all + "; paused by the worker: " + context.paused);
    }

    void plan(PlannedFault fault) {
        client.plan(fault);
        note(clock.incrementAndGet(), "planned " + fault);
    }

    void sleep(int ms) {
        pause(ms);
        note(clock.incrementAndGet(), "slept " + ms + " ms");
    }

    /** No call that started after close(P) returned and before the next open(P) may carry a key of P. */
    void checkRevokedPartitionsUntouched() {
        for (ScriptedBatchClient.Call call : client.calls()) {
            revocations.check(call.seq, call.keys.stream().map(StoreKey::partition).toList(), call.toString());
        }
    }

    /**
     * The end of the schedule: faults stop, every partition is assigned again, and the worker polls and commits
     * until all is written; then the store must be the oracle's and the DLQ must hold what the server refused.
     */
    void finish() {
        client.stopFaults();
        note(clock.incrementAndGet(), "schedule ends: faults stopped, revoked partitions assigned again");
        try {
            revoked().forEach(this::assign);
            drain();
            checkRevokedPartitionsUntouched();
            checkStore();
            checkDeadLetters();
        } catch (AssertionError e) {
            // jqwik prints the schedule but not the run after it: the trace shows what each step did.
            throw new AssertionError(e.getMessage() + "\n  final state: " + this, e);
        }
    }

    /** Polls and commits until every record is delivered and committed; a task that stops making progress fails. */
    private void drain() {
        DrainWatch watch = new DrainWatch(progress());
        while (true) {
            List<ModelRecord> batch = new ArrayList<>();
            for (TopicPartition tp : fetchable()) {
                while (log.redelivering(tp) && batch.size() < RECORDS_PER_DRAIN_POLL) {
                    batch.add(log.redeliver(tp));
                }
            }
            long seq = clock.incrementAndGet();
            if (!batch.isEmpty()) {
                note(seq, "drain: put " + batch);
            }
            put(seq, batch);
            Map<TopicPartition, Long> committed = commit();
            if (drained()) {
                note(clock.incrementAndGet(), "drained: preCommit -> " + committed);
                return;
            }
            watch.check(progress(), () -> "partitions paused " + context.paused + " (the worker fetches nothing of"
                    + " them until the task resumes them), " + task.openRecords() + " records open, "
                    + writer.held() + " writes held;" + log.describe());
            pause(1);
        }
    }

    /** Everything delivered, and every partition committed to its end. */
    private boolean drained() {
        return task.openRecords() == 0 && assigned().stream()
                .allMatch(tp -> log.position(tp) == log.end(tp) && log.committed(tp) == log.end(tp));
    }

    private List<Object> progress() {
        return List.of(client.callCount(), task.openRecords(), writer.held(), context.deadLetters.size(), log.describe());
    }

    private void checkStore() {
        List<String> differences = new ArrayList<>();
        for (StoreKey key : settings.keys()) {
            ServerRules.Stored expected = oracle.expected(key);
            ServerRules.Stored actual = client.stored(key);
            if (!Objects.equals(expected, actual)) {
                differences.add(key + ": expected " + expected + ", stored " + actual + "; its records "
                        + oracle.records(key));
            }
        }
        check(differences.isEmpty(), "The store differs from the oracle:\n  " + String.join("\n  ", differences));
    }

    /**
     * The DLQ holds every record the server refuses, but for those a later record supersedes (see
     * {@link WriteOracle#mustBeDeadLettered}), and nothing else, at most once per delivery. Insert, update and
     * replace_only records delivered again after a rewind are exempt both ways: the records after them were
     * written already, so the second attempt may meet another state (an insert its own record) and end
     * otherwise than the first.
     */
    private void checkDeadLetters() {
        Map<RecordId, Integer> letters = deadLetterCounts();
        List<String> problems = new ArrayList<>();
        for (ModelRecord record : oracle.mustBeDeadLettered()) {
            if (!letters.containsKey(record.id) && !replayedStateDependent(record)) {
                problems.add("refused by the server but not in the DLQ: " + record);
            }
        }
        letters.forEach((id, count) -> {
            ModelRecord record = log.record(id);
            if (!oracle.refused(id) && !replayedStateDependent(record)) {
                problems.add("in the DLQ but the server takes it: " + record);
            }
            if (count > record.deliveries) {
                problems.add("in the DLQ " + count + " times but delivered " + record.deliveries + " times: " + record);
            }
        });
        check(problems.isEmpty(), "The DLQ is wrong:\n  " + String.join("\n  ", problems));
    }

    private static boolean replayedStateDependent(ModelRecord record) {
        return record.outcomeDependsOnState() && record.deliveries > 1;
    }

    private Map<RecordId, Integer> deadLetterCounts() {
        Map<RecordId, Integer> counts = new LinkedHashMap<>();
        synchronized (context) {
            for (SinkRecord letter : context.deadLetters) {
                counts.merge(RecordId.of(letter), 1, Integer::sum);
            }
        }
        return counts;
    }

    void stop() {
        if (!stopped) {
            stopped = true;
            task.stop();
        }
    }

    private void note(long seq, String text) {
        notes.add(seq, text);
    }

    /** The settings, then what happened in clock order: the schedule's effects and the server's calls. */
    @Override
    public String toString() {
        List<Object[]> calls = new ArrayList<>();
        client.calls().forEach(call -> calls.add(new Object[] {call.seq, call}));
        return notes.describe("ModelRun[" + settings + "]", calls);
    }

}
