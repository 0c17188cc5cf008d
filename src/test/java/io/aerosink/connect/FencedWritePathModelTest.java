package io.aerosink.connect;

import java.util.List;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

import io.aerosink.connect.config.WriteFence;

/**
 * A randomized model test of the write path under a write fence: {@link RunningTask} over a {@link FencedServer}
 * that evaluates the fence by its meaning, driven by jqwik action chains of polls, preCommits, replays (a
 * partition closed and rewound to any earlier offset, committed offsets untouched), revocations and re-assignments,
 * planned faults (outage, DEVICE_OVERLOAD, applied then in doubt, slow calls) and LATE STALE WRITES: a call the
 * server holds (answering a timeout in doubt, unapplied) and lands later, after close() and the new owner's newer
 * writes, as a zombie request would. Failures shrink to the shortest schedule; the message carries the run's trace.
 *
 * <p>{@code write.fence=offset}: topics of upsert and replace, tombstones included, each key of one partition.
 * The final store is that of every record of each partition applied once in offset order (a fence-only record
 * counts as deleted); the {@code o} bin each record writes never goes back per key.
 * {@code write.fence=field} ({@code write.fence.field=_t}): every record writes {v, o} with a random event time,
 * out of order, the same keys written from two partitions. The final store is, per key, the record of the greatest
 * {@code _t}, and the fence bin holds that {@code _t}; the stored {@code _t} never goes back per key.
 * Both: the DLQ stays empty, every partition ends committed to its end, nothing of a closed partition is sent
 * until it is open again, and every committed offset is backed by the stored fence.
 *
 * <p>The default run is {@code jqwik.tries.default} tries (200) per property of {@code aerosink.model.actions}
 * (40) steps. A longer run:
 * <pre>
 * mvn -B -q test -Dtest=FencedWritePathModelTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djqwik.tries.default=5000 -Daerosink.model.actions=80
 * </pre>
 */
class FencedWritePathModelTest {

    private static final int ACTIONS = Integer.getInteger("aerosink.model.actions", 40);

    private FencedSettings settings;
    private FencedRun run;

    @Property
    void offsetFenceKeepsItsPromises(@ForAll("offsetSettings") FencedSettings settings,
                                     @ForAll("offsetSchedules") ActionChain<FencedRun> schedule) {
        runSchedule(settings, schedule);
    }

    @Property
    void fieldFenceKeepsItsPromises(@ForAll("fieldSettings") FencedSettings settings,
                                    @ForAll("fieldSchedules") ActionChain<FencedRun> schedule) {
        runSchedule(settings, schedule);
    }

    private void runSchedule(FencedSettings settings, ActionChain<FencedRun> schedule) {
        this.settings = settings;
        schedule.withInvariant("fenced writes stay ordered, nothing written of closed partitions",
                        FencedRun::checkInvariants)
                .run()
                .finish();
    }

    @AfterTry
    void stopTask() {
        if (run != null) {
            run.stop();
            run = null;
        }
    }

    @Provide
    Arbitrary<FencedSettings> offsetSettings() {
        return FencedSettings.arbitrary(WriteFence.OFFSET);
    }

    @Provide
    Arbitrary<FencedSettings> fieldSettings() {
        return FencedSettings.arbitrary(WriteFence.FIELD);
    }

    @Provide
    Arbitrary<ActionChain<FencedRun>> offsetSchedules() {
        return schedules(WriteFence.OFFSET);
    }

    @Provide
    Arbitrary<ActionChain<FencedRun>> fieldSchedules() {
        return schedules(WriteFence.FIELD);
    }

    private Arbitrary<ActionChain<FencedRun>> schedules(WriteFence fence) {
        List<TopicPartition> partitions = FencedSettings.partitions(fence);
        return ActionChain.<FencedRun>startWith(() -> run = new FencedRun(settings))
                .withAction(6, poll(partitions, fence))
                .withAction(3, Action.just(Transformer.mutate("preCommit", FencedRun::preCommit)))
                .withAction(2, fault())
                .withAction(2, hold(partitions))
                .withAction(2, land())
                .withAction(2, rewind(partitions))
                .withAction(1, onPartition(partitions, "revoke ", FencedRun::revoke))
                .withAction(2, onPartition(partitions, "assign ", FencedRun::assign))
                .withAction(1, sleep())
                .withMaxTransformations(ACTIONS);
    }

    /** Offset fence: keys of the partition, upserts of bins a/b/c or tombstones, some with _ttl. Field: a coarse event time. */
    private static Arbitrary<FencedRecord.Spec> spec(WriteFence fence) {
        Arbitrary<Integer> key = Arbitraries.integers().between(0, FencedSettings.KEYS - 1);
        if (fence == WriteFence.FIELD) {
            return Combinators.combine(key, Arbitraries.integers().between(0, 15))
                    .as((k, t) -> new FencedRecord.Spec(k, false, new TreeMap<>(), null, t));
        }
        return Combinators.combine(
                key,
                Arbitraries.frequency(Tuple.of(5, false), Tuple.of(1, true)),
                Arbitraries.maps(Arbitraries.of("a", "b", "c"), Arbitraries.longs().between(0, 3).map(v -> (Object) v))
                        .ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(-2, 100, 200).injectNull(0.4))
                .as((k, tombstone, bins, ttl) -> tombstone
                        ? new FencedRecord.Spec(k, true, new TreeMap<>(), null, 0)
                        : new FencedRecord.Spec(k, false, new TreeMap<>(bins), ttl, 0));
    }

    private static Action.Independent<FencedRun> poll(List<TopicPartition> partitions, WriteFence fence) {
        Arbitrary<FencedRun.Slot> slot = Arbitraries.of(partitions).flatMap(tp -> Arbitraries.frequencyOf(
                Tuple.of(3, spec(fence).map(spec -> new FencedRun.Slot(tp, spec))),
                Tuple.of(1, Arbitraries.just(new FencedRun.Slot(tp, null)))));
        return () -> slot.list().ofMaxSize(5).map(slots -> Transformer.mutate("poll " + slots, r -> r.poll(slots)));
    }

    private static Action.Independent<FencedRun> fault() {
        Arbitrary<FencedServer.Fault> call = Arbitraries.of(FencedServer.Kind.OVERLOAD, FencedServer.Kind.OUTAGE,
                FencedServer.Kind.APPLIED_IN_DOUBT).map(kind -> new FencedServer.Fault(kind, null, 0));
        Arbitrary<FencedServer.Fault> slow = Arbitraries.integers().between(5, 40)
                .map(ms -> new FencedServer.Fault(FencedServer.Kind.SLOW, null, ms));
        return () -> Arbitraries.oneOf(call, slow).map(fault -> Transformer.mutate("fault " + fault, r -> r.plan(fault)));
    }

    /** The server holds the next call of the partition, to land it later. */
    private static Action.Independent<FencedRun> hold(List<TopicPartition> partitions) {
        return () -> Arbitraries.of(partitions).map(tp -> new FencedServer.Fault(FencedServer.Kind.HOLD, tp, 0))
                .map(fault -> Transformer.mutate("fault " + fault, r -> r.plan(fault)));
    }

    /** A held request lands: the {@code i}th held, modulo how many are. */
    private static Action.Independent<FencedRun> land() {
        return () -> Arbitraries.integers().between(0, 3)
                .map(i -> Transformer.mutate("land held request " + i, r -> r.land(i)));
    }

    private static Action.Independent<FencedRun> rewind(List<TopicPartition> partitions) {
        return () -> Combinators.combine(Arbitraries.of(partitions), Arbitraries.integers().between(0, 100))
                .as((tp, percent) -> Transformer.mutate("rewind " + tp + " to " + percent + "% of its committed offset",
                        (FencedRun r) -> r.rewind(tp, percent)));
    }

    private static Action.Independent<FencedRun> sleep() {
        return () -> Arbitraries.integers().between(1, 10)
                .map(ms -> Transformer.mutate("sleep " + ms + " ms", r -> r.sleep(ms)));
    }

    private interface PartitionStep {
        void apply(FencedRun run, TopicPartition tp);
    }

    private static Action.Independent<FencedRun> onPartition(List<TopicPartition> partitions, String name, PartitionStep step) {
        return () -> Arbitraries.of(partitions).map(tp -> Transformer.mutate(name + tp, r -> step.apply(r, tp)));
    }
}
