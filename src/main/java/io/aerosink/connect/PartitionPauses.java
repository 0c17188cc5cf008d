package io.aerosink.connect;

import java.util.HashSet;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aerosink.connect.metrics.TaskMetrics;

/**
 * The partitions this task asked Connect to pause and has not resumed yet. A revoked partition stays here: the
 * worker remembers what a task paused and pauses it again when the partition comes back
 * ({@code WorkerSinkTask.onPartitionsAssigned}), so it is resumed with the others once it is assigned again.
 * Task thread only.
 */
final class PartitionPauses {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionPauses.class);

    private final SinkTaskContext context;
    private final TaskMetrics metrics;
    private final Set<TopicPartition> paused = new HashSet<>();

    PartitionPauses(SinkTaskContext context, TaskMetrics metrics) {
        this.context = context;
        this.metrics = metrics;
    }

    boolean any() {
        return !paused.isEmpty();
    }

    /** Pauses every assigned partition, those that came since the last pause included. */
    void pauseAssigned(int held) {
        Set<TopicPartition> assigned = context.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        // Paused again even when already paused here: the worker may have forgotten a pause across a rebalance.
        context.pause(assigned.toArray(new TopicPartition[0]));
        if (paused.addAll(assigned)) {
            metrics.partitionsPaused(paused.size());
            LOG.info("Pausing {} partitions: {} writes are waiting for Aerospike", assigned.size(), held);
        }
    }

    /** Resumes every paused partition that is assigned now. */
    void resumeAssigned() {
        Set<TopicPartition> resumable = new HashSet<>(paused);
        resumable.retainAll(context.assignment());
        if (resumable.isEmpty()) {
            return;
        }
        context.resume(resumable.toArray(new TopicPartition[0]));
        paused.removeAll(resumable);
        metrics.partitionsPaused(paused.size());
        LOG.info("Resuming {} partitions", resumable.size());
    }
}
