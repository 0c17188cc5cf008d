package io.aerosink.connect;

import static io.aerosink.connect.ModelNotes.ORDER;
import static io.aerosink.connect.ModelNotes.check;
import static io.aerosink.connect.ModelNotes.pause;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import com.aerospike.client.Operation;

import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.config.WriteFence;
import io.aerosink.connect.errors.ErrorReporters;
import io.aerosink.connect.write.BatchWriter;

/**
 * One try of {@link FencedWritePathModelTest}: a {@link RunningTask} over a {@link FencedServer}, driven as the
 * worker drives it, with replays (a partition rewound to any earlier offset, committed offsets untouched) and
 * requests the server holds and lands late. Called from the test thread only, which plays the worker's task thread.
 */
final class FencedRun {

    /** One record of a poll: the next of its partition, new ({@code fresh}) or, when null, delivered again. */
    record Slot(TopicPartition partition, FencedRecord.Spec fresh) {
        @Override
        public String toString() {
            return partition + (fresh == null ? " again" : " new " + fresh);
        }
    }

    /** The model's Kafka partition: its records, the consumer's position and the committed offset. */
    private static final class Partition {
        final List<FencedRecord> records = new ArrayList<>();
        long position;
        long committed;
        /** Rewound below its committed offset once: commits may go back, as after an offset reset. */
        boolean resetBelowCommit;
        /** Records below this were checked against the store when an offset beyond them was committed. */
        long checkedUpTo;

        boolean redelivering() {
            return position < records.size();
        }
    }

    private static final int RECORDS_PER_DRAIN_POLL = 5;

    private final FencedSettings settings;
    private final boolean byOffset;
    private final AtomicLong clock = new AtomicLong();
    private final FakeSinkTaskContext context = new FakeSinkTaskContext();
    private final FencedServer server;
    private final BatchWriter writer;
    private final RunningTask task;
    private final Map<TopicPartition, Partition> log = new LinkedHashMap<>();
    /** Field fence: records by their {@code v} bin, which writer threads read to tell a write's partition. */
    private final Map<String, FencedRecord> byV = new ConcurrentHashMap<>();
    private final Map<StoreKey, Integer> recordsPerKey = new HashMap<>();
    private final Revocations revocations = new Revocations();
    private final ModelNotes notes = new ModelNotes();
    /** The monotonicity check's progress through the server's applied writes, and each key's newest version. */
    private int appliedChecked;
    private final Map<StoreKey, Long> newestVersion = new HashMap<>();
    private boolean stopped;

    FencedRun(FencedSettings settings) {
        this.settings = settings;
        this.byOffset = settings.fence() == WriteFence.OFFSET;
        SinkConfig config = new SinkConfig(settings.connectorProps());
        for (TopicPartition tp : settings.topicPartitions()) {
            log.put(tp, new Partition());
            context.assignment.add(tp);
        }
        server = new FencedServer(clock, settings.callLatencyMs(), this::partitionOf);
        writer = new BatchWriter(server, config.write(), "fenced-model", System::nanoTime);
        task = new RunningTask(config, context, server, ErrorReporters.create(true, context.errantRecordReporter()),
                writer, FencedSettings.BACKPRESSURE_WAIT_MS);
    }

    /** Offset fence: the key's partition. Field fence: keys are shared, so the partition of the record in {@code v}. */
    private TopicPartition partitionOf(FencedServer.Request request) {
        if (byOffset) {
            return StoreKey.of(request.key()).partition();
        }
        for (Operation op : request.ops()) {
            FencedRecord r = op.binName.equals("v") ? byV.get(String.valueOf(op.value.getObject())) : null;
            if (r != null) {
                return r.partition();
            }
        }
        return new TopicPartition("unknown", -1);
    }

    private List<TopicPartition> assigned() {
        return context.assignment.stream().sorted(ORDER).toList();
    }

    private List<TopicPartition> revoked() {
        return settings.topicPartitions().stream().filter(tp -> !context.assignment.contains(tp)).toList();
    }

    private List<TopicPartition> fetchable() {
        return assigned().stream().filter(tp -> !context.paused.contains(tp)).toList();
    }

    void poll(List<Slot> slots) {
        long seq = clock.incrementAndGet();
        List<FencedRecord> batch = new ArrayList<>();
        for (Slot slot : slots) {
            TopicPartition tp = slot.partition();
            Partition p = log.get(tp);
            if (p == null || !context.assignment.contains(tp) || context.paused.contains(tp)) {
                continue;
            }
            if (slot.fresh() == null && p.redelivering()) {
                batch.add(p.records.get((int) p.position++));
            } else if (slot.fresh() != null && !p.redelivering()) {
                batch.add(produce(tp, p, slot.fresh()));
            }
        }
        note(seq, "put " + batch);
        put(batch);
    }

    private FencedRecord produce(TopicPartition tp, Partition p, FencedRecord.Spec spec) {
        RecordId id = new RecordId(tp.topic(), tp.partition(), p.records.size());
        StoreKey key = settings.key(tp, spec.keyIndex());
        int nth = recordsPerKey.merge(key, 1, Integer::sum);
        FencedRecord record;
        if (byOffset) {
            Map<String, Object> bins = new TreeMap<>(spec.bins());
            bins.put("o", id.offset());
            record = spec.tombstone()
                    ? new FencedRecord(id, key, FencedSettings.action(tp.topic()), true, Map.of(), null, null)
                    : new FencedRecord(id, key, FencedSettings.action(tp.topic()), false, bins, spec.ttl(), null);
        } else {
            // Event times out of order, distinct per key: the drawn coarse time, then the key's record count.
            long time = spec.time() * 1000L + nth;
            record = new FencedRecord(id, key, FencedSettings.action(tp.topic()), false,
                    Map.of("v", id.toString(), "o", id.offset()), null, time);
            byV.put(id.toString(), record);
        }
        p.records.add(record);
        p.position++;
        return record;
    }

    private void put(List<FencedRecord> batch) {
        batch.forEach(r -> r.deliveries++);
        task.put(batch.stream().map(FencedRecord::toSinkRecord).toList());
    }

    void preCommit() {
        long seq = clock.incrementAndGet();
        note(seq, "preCommit -> " + commit());
    }

    /**
     * Asks for offsets as the worker does and commits those of assigned partitions, after checking each: not
     * beyond what was delivered, not behind the last commit unless the partition was reset below it, and every
     * record below it in the store's fence (its write, or a newer one, applied).
     */
    private Map<TopicPartition, Long> commit() {
        Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
        assigned().forEach(tp -> current.put(tp, new OffsetAndMetadata(log.get(tp).position)));
        Map<TopicPartition, OffsetAndMetadata> returned = task.preCommit(current);
        Map<TopicPartition, Long> committed = new TreeMap<>(ORDER);
        returned.forEach((tp, offsetAndMetadata) -> {
            if (!context.assignment.contains(tp)) {
                return;
            }
            Partition p = log.get(tp);
            long offset = offsetAndMetadata.offset();
            check(offset <= p.position, "preCommit returned " + tp + " offset " + offset
                    + ", beyond the position " + p.position + " the worker delivered up to");
            check(offset >= p.committed || p.resetBelowCommit, "preCommit returned " + tp + " offset " + offset
                    + ", behind the offset " + p.committed + " committed before");
            if (offset > p.checkedUpTo) {
                List<FencedRecord> unaccounted = p.records.subList((int) p.checkedUpTo, (int) offset).stream()
                        .filter(r -> !inStore(r)).toList();
                check(unaccounted.isEmpty(), "preCommit returned " + tp + " offset " + offset
                        + " while the store's fence shows these records below it neither applied nor superseded: "
                        + unaccounted);
                p.checkedUpTo = offset;
            }
            p.committed = offset;
            committed.put(tp, offset);
        });
        return committed;
    }

    /** The stored fence is at or past the record's: its write, or a newer one of its order, was applied. */
    private boolean inStore(FencedRecord record) {
        if (byOffset) {
            return server.fence(record.key, mapKey(record.partition())) >= record.id.offset() << 24;
        }
        return server.fence(record.key, null) >= record.time;
    }

    private static String mapKey(TopicPartition tp) {
        return tp.topic() + "/" + tp.partition();
    }

    /** Cooperative rebalancing: the partition goes and its position rewinds to the committed offset. */
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
        Partition p = log.get(tp);
        p.position = p.committed;
        note(seq, "revoked " + tp + ", position rewound to " + p.position);
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
     * A replay, as after a worker crash or an offset reset: close(P), the consumer's position goes back to
     * {@code percent}% of the committed offset (which stays as it is; 100% is a crash's restart from it), and P
     * delivers again from there. Never past the committed offset: a seek forward would skip records, no replay.
     */
    void rewind(TopicPartition tp, int percent) {
        if (!context.assignment.contains(tp)) {
            note(clock.incrementAndGet(), "rewind " + tp + ": not assigned, nothing to do");
            return;
        }
        task.close(List.of(tp));
        long closed = clock.incrementAndGet();
        revocations.closedAndOpened(tp, closed, clock.incrementAndGet());
        Partition p = log.get(tp);
        p.position = p.committed * percent / 100;
        if (p.position < p.committed) {
            p.resetBelowCommit = true;
        }
        note(closed, "closed " + tp + " and rewound its position to " + p.position + " (committed " + p.committed + ")");
    }

    void plan(FencedServer.Fault fault) {
        server.plan(fault);
        note(clock.incrementAndGet(), "planned " + fault);
    }

    void land(int index) {
        String text = server.land(index);
        if (text.equals("nothing held")) {
            note(clock.incrementAndGet(), "land: nothing held");
        }
    }

    void sleep(int ms) {
        pause(ms);
        note(clock.incrementAndGet(), "slept " + ms + " ms");
    }

    /** The invariants the schedule checks after every step. */
    void checkInvariants() {
        checkRevokedPartitionsUntouched();
        checkMonotonic();
        List<String> violations = server.violations();
        check(violations.isEmpty(), "Writes not fenced as they must be:\n  " + String.join("\n  ", violations));
    }

    /** No call that started after close(P) returned and before P was open again may carry a write of P. */
    void checkRevokedPartitionsUntouched() {
        for (FencedServer.Call call : server.calls()) {
            revocations.check(call.seq, call.partitions, call.toString());
        }
    }

    /**
     * Never is a key's stored value older than one stored before, whatever was replayed or landed late. Offset
     * fence: each applied write's version is its {@code o} (a tombstone's fence-only record: its fence's offset),
     * and its fence carries that same offset. Field fence: the {@code _t} of the record whose {@code v} was stored,
     * which its fence carries.
     */
    void checkMonotonic() {
        List<FencedServer.Applied> applied = server.applied();
        for (; appliedChecked < applied.size(); appliedChecked++) {
            FencedServer.Applied write = applied.get(appliedChecked);
            String where = "#" + write.seq() + " (" + write.origin() + ") " + write.key();
            check(!write.delete(), where + ": a plain delete under write.fence=" + settings.fence());
            FencedServer.FenceValue fence = write.fence();
            long version;
            if (byOffset) {
                boolean fenceOnly = write.after().userBins().isEmpty();
                long offset = fence.value() >> 24;
                version = fenceOnly ? offset : (Long) write.after().bins().get("o");
                check(fence.mapKey().equals(mapKey(write.key().partition())), where + ": fence of " + fence.mapKey()
                        + ", not of the key's partition");
                check(fenceOnly || version == offset, where + ": stored o=" + version + " with a fence of offset "
                        + offset + ", not the offset of the data written");
            } else {
                FencedRecord record = byV.get(String.valueOf(write.after().bins().get("v")));
                check(record != null, where + ": stored v " + write.after().bins().get("v") + " of no record");
                version = record.time;
                check(fence.value() == version, where + ": stored " + record + " with fence " + fence.value()
                        + ", not its _t");
            }
            Long before = newestVersion.put(write.key(), version);
            check(before == null || version >= before, where + ": stored " + write.after() + ", version " + version
                    + " older than version " + before + " stored before it (" + (byOffset ? "o" : "_t") + ")");
        }
    }

    /**
     * The end: faults stop, every partition is assigned again, the worker polls and commits until all is
     * committed to its end; then every request still held lands, late; then the store must be the oracle's.
     */
    void finish() {
        server.stopFaults();
        note(clock.incrementAndGet(), "schedule ends: faults stopped, revoked partitions assigned again");
        try {
            revoked().forEach(this::assign);
            drain();
            while (server.heldCount() > 0) {
                server.land(0);
            }
            checkInvariants();
            checkStore();
            synchronized (context) {
                check(context.deadLetters.isEmpty(), "The DLQ is not empty: " + context.deadLetters.stream()
                        .map(RecordId::of).toList() + ", errors " + context.deadLetterErrors);
            }
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n  final state: " + this, e);
        }
    }

    private void drain() {
        DrainWatch watch = new DrainWatch(progress());
        while (true) {
            List<FencedRecord> batch = new ArrayList<>();
            for (TopicPartition tp : fetchable()) {
                Partition p = log.get(tp);
                while (p.redelivering() && batch.size() < RECORDS_PER_DRAIN_POLL) {
                    batch.add(p.records.get((int) p.position++));
                }
            }
            long seq = clock.incrementAndGet();
            if (!batch.isEmpty()) {
                note(seq, "drain: put " + batch);
            }
            put(batch);
            Map<TopicPartition, Long> committed = commit();
            if (drained()) {
                note(clock.incrementAndGet(), "drained: preCommit -> " + committed);
                return;
            }
            watch.check(progress(), () -> "partitions paused " + context.paused + ", " + task.openRecords()
                    + " records open, " + writer.held() + " writes held;" + describeLog());
            pause(1);
        }
    }

    private boolean drained() {
        return task.openRecords() == 0 && assigned().stream().map(log::get)
                .allMatch(p -> p.position == p.records.size() && p.committed == p.records.size());
    }

    private List<Object> progress() {
        return List.of(server.callCount(), task.openRecords(), writer.held(), context.deadLetters.size(), describeLog());
    }

    private void checkStore() {
        List<String> differences = new ArrayList<>();
        Map<StoreKey, List<FencedRecord>> byKey = new LinkedHashMap<>();
        log.values().forEach(p -> p.records.forEach(r -> byKey.computeIfAbsent(r.key, k -> new ArrayList<>()).add(r)));
        for (StoreKey key : settings.keys()) {
            List<FencedRecord> records = byKey.getOrDefault(key, List.of());
            FencedServer.Stored actual = server.stored(key);
            String problem = byOffset ? offsetDifference(key, records, actual) : fieldDifference(records, actual);
            if (problem != null) {
                differences.add(key + ": " + problem + "; its records " + records);
            }
        }
        check(differences.isEmpty(), "The store differs from the oracle:\n  " + String.join("\n  ", differences));
    }

    /**
     * Offset fence: the key's records (of one partition) applied once in offset order; a tombstone leaves a
     * fence-only record with the tombstone TTL, which counts as deleted, and which a later upsert keeping its TTL
     * (-2) keeps the TTL of, as Aerospike does.
     */
    private String offsetDifference(StoreKey key, List<FencedRecord> records, FencedServer.Stored actual) {
        ServerRules.Stored expected = null;
        for (FencedRecord r : records) {
            expected = r.tombstone
                    ? new ServerRules.Stored(Map.of(), FencedSettings.TOMBSTONE_TTL)
                    : ServerRules.put(expected, r.action.recordExistsAction(), r.bins, r.expiration()).after();
        }
        boolean expectedLive = expected != null && !expected.bins().isEmpty();
        boolean actualLive = actual != null && !actual.userBins().isEmpty();
        if (expectedLive != actualLive || expectedLive && (!expected.bins().equals(actual.userBins())
                || expected.expiration() != actual.expiration())) {
            return "expected " + (expectedLive ? expected : "deleted") + ", stored " + actual;
        }
        if (!records.isEmpty()) {
            long fence = server.fence(key, mapKey(key.partition()));
            long last = records.get(records.size() - 1).id.offset() << 24;
            if (fence != last) {
                return "fence " + fence + ", not that of its last record (" + last + "); stored " + actual;
            }
        }
        return null;
    }

    /** Field fence: the record of the greatest {@code _t} among all records of the key, from either partition. */
    private String fieldDifference(List<FencedRecord> records, FencedServer.Stored actual) {
        FencedRecord newest = records.stream().max(Comparator.comparingLong((FencedRecord r) -> r.time)).orElse(null);
        if (newest == null) {
            return actual == null ? null : "expected none, stored " + actual;
        }
        if (actual == null || !newest.bins.equals(actual.userBins())
                || !Objects.equals(actual.bins().get(FencedSettings.FENCE_BIN), newest.time)) {
            return "expected " + newest + " with _fence=" + newest.time + ", stored " + actual;
        }
        return null;
    }

    void stop() {
        if (!stopped) {
            stopped = true;
            task.stop();
        }
    }

    private String describeLog() {
        StringBuilder text = new StringBuilder();
        log.forEach((tp, p) -> text.append(' ').append(tp).append(" position ").append(p.position)
                .append(" end ").append(p.records.size()).append(" committed ").append(p.committed).append(';'));
        return text.toString();
    }

    private void note(long seq, String text) {
        notes.add(seq, text);
    }

    @Override
    public String toString() {
        List<Object[]> more = new ArrayList<>();
        server.calls().forEach(call -> more.add(new Object[] {call.seq, call}));
        for (String landing : server.landings()) {
            more.add(new Object[] {Long.parseLong(landing.substring(1, landing.indexOf(' '))),
                    landing.substring(landing.indexOf(' ') + 1)});
        }
        return notes.describe("FencedRun[" + settings + "]", more);
    }

}
