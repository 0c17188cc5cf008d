package io.aerosink.connect.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** The worker's side of a task, as far as the bench needs it: an assignment, and a log of pause and resume calls. */
final class BenchContext implements SinkTaskContext {

    /** One pause or resume call, {@code atNanos} on the {@link System#nanoTime} clock. */
    record Call(String what, int partitions, long atNanos) {
    }

    private final Set<TopicPartition> assignment;
    private final Set<TopicPartition> paused = new HashSet<>();
    private final List<Call> calls = new ArrayList<>();

    BenchContext(String topic, int partitions) {
        Set<TopicPartition> tps = new HashSet<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        this.assignment = Collections.unmodifiableSet(tps);
    }

    synchronized boolean anyPaused() {
        return !paused.isEmpty();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
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
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public synchronized void pause(TopicPartition... partitions) {
        paused.addAll(List.of(partitions));
        calls.add(new Call("pause", partitions.length, System.nanoTime()));
    }

    @Override
    public synchronized void resume(TopicPartition... partitions) {
        paused.removeAll(List.of(partitions));
        calls.add(new Call("resume", partitions.length, System.nanoTime()));
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return null;
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return null;
    }
}
