package io.aerosink.connect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import io.aerosink.connect.config.WriteAction;

/**
 * The connector configuration of one try: batching varies, the rest is fixed so that transient faults never
 * exhaust the retries and back-pressure sets in after a few records. One topic per write action, named after it
 * ({@code topic.<topic>.write.action}), with one or two partitions.
 */
record ModelSettings(int batchSize, int lingerMs, int maxInFlightBatches, int callLatencyMs, List<Integer> partitions) {

    static final int MAX_PARTITIONS = 2;
    static final int MAX_BUFFERED_RECORDS = 8;
    static final long BACKPRESSURE_WAIT_MS = 20;

    static Arbitrary<ModelSettings> arbitrary() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, MAX_PARTITIONS).list().ofSize(WriteAction.values().length))
                .as(ModelSettings::new);
    }

    static String topic(WriteAction action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    static WriteAction action(String topic) {
        return WriteAction.valueOf(topic.toUpperCase(Locale.ROOT));
    }

    Map<String, String> connectorProps() {
        Map<String, String> props = connectorProps("model", batchSize, lingerMs, maxInFlightBatches,
                MAX_BUFFERED_RECORDS);
        for (WriteAction action : WriteAction.values()) {
            props.put("topic." + topic(action) + ".write.action", topic(action));
        }
        return props;
    }

    /**
     * What both model tests configure alike: schemaless maps keyed by value, a DLQ, transient faults that never
     * exhaust their retries, and a small buffer so that back-pressure pauses partitions.
     */
    static Map<String, String> connectorProps(String name, int batchSize, int lingerMs, int inFlight, int maxBuffered) {
        Map<String, String> props = new HashMap<>();
        props.put("name", name);
        props.put("aerospike.namespace", "test");
        props.put("aerospike.set", "${topic}");
        // Bounds how long close() and stop() wait for calls in flight, should a call ever hang.
        props.put("aerospike.timeout.ms", "1000");
        props.put("key.source", "value");
        props.put("ttl.field", "_ttl");
        props.put("errors.tolerance", "all");
        props.put("batch.size", String.valueOf(batchSize));
        props.put("linger.ms", String.valueOf(lingerMs));
        props.put("max.in.flight.batches", String.valueOf(inFlight));
        props.put("max.retries", "1000");
        props.put("retry.backoff.ms", "1");
        props.put("retry.backoff.max.ms", "2");
        props.put("max.buffered.records", String.valueOf(maxBuffered));
        return props;
    }

    List<TopicPartition> topicPartitions() {
        return topicPartitions(partitions);
    }

    /** The partitions any try may have, which schedules are drawn from. */
    static List<TopicPartition> allTopicPartitions() {
        return topicPartitions(Collections.nCopies(WriteAction.values().length, MAX_PARTITIONS));
    }

    private static List<TopicPartition> topicPartitions(List<Integer> partitionCounts) {
        List<TopicPartition> all = new ArrayList<>();
        WriteAction[] actions = WriteAction.values();
        for (int t = 0; t < actions.length; t++) {
            for (int p = 0; p < partitionCounts.get(t); p++) {
                all.add(new TopicPartition(topic(actions[t]), p));
            }
        }
        return all;
    }

    List<StoreKey> keys() {
        List<StoreKey> keys = new ArrayList<>();
        for (TopicPartition tp : topicPartitions()) {
            for (int k = 0; k < RecordSpec.KEYS_PER_PARTITION; k++) {
                keys.add(StoreKey.of(tp, k));
            }
        }
        return keys;
    }

    @Override
    public String toString() {
        return "batch.size=" + batchSize + " linger.ms=" + lingerMs + " max.in.flight.batches=" + maxInFlightBatches
                + " max.buffered.records=" + MAX_BUFFERED_RECORDS + " call latency " + callLatencyMs + " ms, partitions "
                + topicPartitions();
    }
}
