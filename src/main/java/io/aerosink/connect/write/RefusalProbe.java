package io.aerosink.connect.write;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aerosink.connect.client.BatchClient;

/**
 * Asks, while Aerospike looks unreachable, whether it is refusing the task instead ({@link BatchClient#refusal}).
 * A cluster that was down when the task started and came back with another password, cluster name or TLS setup
 * would otherwise be waited for as an outage for ever, the task RUNNING and its log saying only "Cluster is empty".
 * Asking connects to the seeds, so it runs on a thread of its own, at most one at a time and one per
 * {@link #INTERVAL_NANOS}, and the writers keep their backoff meanwhile.
 */
final class RefusalProbe {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalProbe.class);
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final BatchClient client;
    private final String threadName;
    private final Consumer<String> onRefusal;
    private final AtomicBoolean running = new AtomicBoolean();
    /** When the last probe started; guarded by the {@link BatchWriter}'s lock, as {@link #outage} is called. */
    private long lastStartNanos;
    private boolean started;

    /** {@code onRefusal} gets what to fix, on the probe's thread, when the cluster refuses the task. */
    RefusalProbe(BatchClient client, String threadName, Consumer<String> onRefusal) {
        this.client = client;
        this.threadName = threadName;
        this.onRefusal = onRefusal;
    }

    /** A batch call found Aerospike unreachable at {@code now}; called with the writer's lock held. */
    void outage(long now) {
        if ((started && now - lastStartNanos < INTERVAL_NANOS) || !running.compareAndSet(false, true)) {
            return;
        }
        started = true;
        lastStartNanos = now;
        Thread probe = new Thread(this::probe, threadName);
        probe.setDaemon(true);
        probe.start();
    }

    private void probe() {
        try {
            String problem = client.refusal();
            if (problem != null) {
                onRefusal.accept(problem);
            }
        } catch (RuntimeException e) {
            // Not knowing leaves it an outage, as it was: the writes go on waiting for the cluster.
            LOG.debug("Could not tell whether Aerospike refuses the task", e);
        } finally {
            running.set(false);
        }
    }
}
