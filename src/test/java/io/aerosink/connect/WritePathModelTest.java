package io.aerosink.connect;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.ActionChain;

/**
 * A randomized model test of the write path: {@link RunningTask} over a {@link ScriptedBatchClient}, driven by
 * jqwik action chains (polls, preCommits, rebalances, planned server faults), checked against a
 * {@link WriteOracle} that applies every record exactly once in offset order. Failures shrink to the shortest
 * schedule; the run's trace in the failure message shows what each step did and every call the server got.
 *
 * <p>Checks, as the schedule runs: every offset preCommit returns is within what was delivered, never behind the
 * last commit, and every record below it is written or dead-lettered ({@link Coverage}); nothing of a revoked
 * partition is written from close() returning until it is opened again. At the end (faults stopped, every
 * partition assigned again, the worker polling and committing until done, a task that stops making progress
 * failing instead of hanging): every partition is committed to its end, the store equals the oracle's (bins and
 * TTL of every key), and the DLQ holds exactly what the server refuses, with the folding the write path may do.
 *
 * <p>The default run is {@code jqwik.tries.default} tries (200, from junit-platform.properties) of
 * {@code aerosink.model.actions} (40) steps, about 12 s when nothing fails. A longer run:
 * <pre>
 * mvn -B -q test -Dtest=WritePathModelTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djqwik.tries.default=5000 -Daerosink.model.actions=80
 * </pre>
 * jqwik keeps the failing sample in target/jqwik-database and tries it first on the next run.
 */
class WritePathModelTest {

    private static final int ACTIONS = Integer.getInteger("aerosink.model.actions", 40);

    /** The try's settings, read when the schedule creates its run: a parameter of their own, so that they shrink apart. */
    private ModelSettings settings;
    /** The try's run, so that its writer threads stop even when the schedule failed halfway. */
    private ModelRun run;

    @Property
    void writePathKeepsItsPromises(@ForAll("settings") ModelSettings settings,
                                   @ForAll("schedules") ActionChain<ModelRun> schedule) {
        this.settings = settings;
        schedule.withInvariant("nothing written of revoked partitions", ModelRun::checkRevokedPartitionsUntouched)
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
    Arbitrary<ModelSettings> settings() {
        return ModelSettings.arbitrary();
    }

    @Provide
    Arbitrary<ActionChain<ModelRun>> schedules() {
        return ActionChain.<ModelRun>startWith(() -> run = new ModelRun(settings))
                .withAction(6, ModelActions.poll())
                .withAction(3, ModelActions.preCommit())
                .withAction(3, ModelActions.fault())
                .withAction(1, ModelActions.sleep())
                .withAction(1, ModelActions.revoke())
                .withAction(2, ModelActions.assign())
                .withAction(1, ModelActions.rebalance())
                .withMaxTransformations(ACTIONS);
    }
}
