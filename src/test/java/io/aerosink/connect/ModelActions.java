package io.aerosink.connect;

import java.util.List;

import org.apache.kafka.common.TopicPartition;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.Transformer;

/**
 * The steps of a schedule, as the worker and the server would take them. Steps are drawn from every partition
 * and key there may be, not from the run's state: jqwik removes steps that read the state only one at a time
 * from the end, while it can drop any run of the others. A step that does not fit the state when it runs does
 * nothing, so each step's description says what it asks for and the run's trace says what came of it.
 */
final class ModelActions {

    private static final List<TopicPartition> PARTITIONS = ModelSettings.allTopicPartitions();

    private ModelActions() {
    }

    /** One poll: up to five records, each the next new one of its partition or one due again after a rewind. */
    static Action.Independent<ModelRun> poll() {
        Arbitrary<ModelRun.Slot> slot = Arbitraries.of(PARTITIONS).flatMap(tp -> Arbitraries.frequencyOf(
                Tuple.of(3, RecordSpec.arbitrary().map(spec -> new ModelRun.Slot(tp, spec))),
                Tuple.of(1, Arbitraries.just(new ModelRun.Slot(tp, null)))));
        return () -> slot.list().ofMaxSize(5).map(slots -> Transformer.mutate("poll " + slots, r -> r.poll(slots)));
    }

    static Action.Independent<ModelRun> preCommit() {
        return Action.just(Transformer.mutate("preCommit", ModelRun::preCommit));
    }

    /** A fault for the server's next calls, or for the next writes of one key. */
    static Action.Independent<ModelRun> fault() {
        Arbitrary<PlannedFault> keyBusy = Arbitraries.of(PARTITIONS).flatMap(tp -> Arbitraries.integers()
                .between(0, RecordSpec.KEYS_PER_PARTITION - 1)
                .flatMap(k -> Arbitraries.integers().between(1, 3).map(n -> PlannedFault.keyBusy(StoreKey.of(tp, k), n))));
        Arbitrary<PlannedFault> call = Arbitraries.of(PlannedFault.Kind.OVERLOAD, PlannedFault.Kind.NO_RESPONSE,
                PlannedFault.Kind.CONNECTION_LOST, PlannedFault.Kind.APPLIED_IN_DOUBT).map(PlannedFault::nextCall);
        Arbitrary<PlannedFault> slow = Arbitraries.integers().between(5, 40).map(PlannedFault::slow);
        return () -> Arbitraries.oneOf(keyBusy, call, slow)
                .map(fault -> Transformer.mutate("fault " + fault, r -> r.plan(fault)));
    }

    /** Time passes without a call to the task, as while the worker waits in poll(). */
    static Action.Independent<ModelRun> sleep() {
        return () -> Arbitraries.integers().between(1, 10)
                .map(ms -> Transformer.mutate("sleep " + ms + " ms", r -> r.sleep(ms)));
    }

    static Action.Independent<ModelRun> revoke() {
        return () -> Arbitraries.of(PARTITIONS).map(tp -> Transformer.mutate("revoke " + tp, r -> r.revoke(tp)));
    }

    static Action.Independent<ModelRun> assign() {
        return () -> Arbitraries.of(PARTITIONS).map(tp -> Transformer.mutate("assign " + tp, r -> r.assign(tp)));
    }

    static Action.Independent<ModelRun> rebalance() {
        return Action.just(Transformer.mutate("eager rebalance", ModelRun::rebalance));
    }
}
