package io.aerosink.connect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.IllegalWorkerStateException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * A worker's task context for unit tests: an assignment, recorded pauses, and an in-memory DLQ. Like the worker's
 * own, it keeps what the task paused across a rebalance: a partition revoked and assigned again is paused again.
 */
public final class FakeSinkTaskContext implements SinkTaskContext {

    public final Set<TopicPartition> assignment = new HashSet<>();
    public final Set<TopicPartition> paused = new HashSet<>();
    public final List<SinkRecord> deadLetters = new ArrayList<>();
    public final List<Throwable> deadLetterErrors = new ArrayList<>();
    /** The acknowledgements handed out while {@link #holdAcknowledgements} is set, for the test to complete. */
    public final List<CompletableFuture<Void>> heldAcknowledgements = new ArrayList<>();
    public volatile boolean holdAcknowledgements;
    /** The last timeout the task asked for before a redelivery, -1 if none. */
    public long timeoutMs = -1;
    /** What {@link #pluginMetrics()} returns: none unless a test sets them, like a worker before Kafka 4.1. */
    public PluginMetrics pluginMetrics;
    private final ErrantRecordReporter reporter = (record, error) -> {
        synchronized (this) {
            deadLetters.add(record);
            deadLetterErrors.add(error);
            if (holdAcknowledgements) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                heldAcknowledgements.add(ack);
                return ack;
            }
        }
        return CompletableFuture.completedFuture(null);
    };

    public FakeSinkTaskContext assign(String topic, int... partitions) {
        for (int p : partitions) {
            assignment.add(new TopicPartition(topic, p));
        }
        return this;
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
    }

    @Override
    public void timeout(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
        paused.addAll(List.of(partitions));
    }

    /** As the worker does: resuming a partition that is not assigned is an error of the task's. */
    @Override
    public void resume(TopicPartition... partitions) {
        for (TopicPartition partition : partitions) {
            if (!assignment.contains(partition)) {
                throw new IllegalWorkerStateException("SinkTasks may not resume partitions that are not currently "
                        + "assigned to them: " + partition);
            }
        }
        paused.removeAll(List.of(partitions));
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return reporter;
    }
}
