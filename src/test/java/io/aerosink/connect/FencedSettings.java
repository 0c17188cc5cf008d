package io.aerosink.connect;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.config.WriteFence;

/**
 * The connector configuration of one try of {@link FencedWritePathModelTest}: batching varies, the fence mode is
 * the property's. Offset mode: topics {@code upsert} and {@code replace} (named after their write action), two
 * partitions each, keys {@code p<partition>-k<i>} of one partition. Field mode: topic {@code events} (upsert), two
 * partitions that write the same keys {@code k<i>}.
 */
record FencedSettings(WriteFence fence, int batchSize, int lingerMs, int maxInFlightBatches, int callLatencyMs) {

    static final int KEYS = 3;
    static final int MAX_BUFFERED_RECORDS = 8;
    static final long BACKPRESSURE_WAIT_MS = 20;
    static final String FENCE_BIN = "_fence";
    static final String FENCE_FIELD = "_t";
    /** write.fence.tombstone.ttl.seconds: the TTL of the fence-only record a tombstone leaves under offset fences. */
    static final int TOMBSTONE_TTL = 3600;
    static final String EVENTS = "events";

    static Arbitrary<FencedSettings> arbitrary(WriteFence fence) {
        return Combinators.combine(
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 2))
                .as((batch, linger, inFlight, latency) -> new FencedSettings(fence, batch, linger, inFlight, latency));
    }

    static List<TopicPartition> partitions(WriteFence fence) {
        return fence == WriteFence.OFFSET
                ? List.of(new TopicPartition("upsert", 0), new TopicPartition("upsert", 1),
                        new TopicPartition("replace", 0), new TopicPartition("replace", 1))
                : List.of(new TopicPartition(EVENTS, 0), new TopicPartition(EVENTS, 1));
    }

    List<TopicPartition> topicPartitions() {
        return partitions(fence);
    }

    static WriteAction action(String topic) {
        return topic.equals("replace") ? WriteAction.REPLACE : WriteAction.UPSERT;
    }

    /** The key a record of {@code tp} with key index {@code k} writes. */
    StoreKey key(TopicPartition tp, int k) {
        return fence == WriteFence.OFFSET ? StoreKey.of(tp, k) : new StoreKey(EVENTS, "k" + k);
    }

    List<StoreKey> keys() {
        return topicPartitions().stream()
                .flatMap(tp -> java.util.stream.IntStream.range(0, KEYS).mapToObj(k -> key(tp, k)))
                .distinct().toList();
    }

    Map<String, String> connectorProps() {
        Map<String, String> props = ModelSettings.connectorProps("fenced-model", batchSize, lingerMs,
                maxInFlightBatches, MAX_BUFFERED_RECORDS);
        props.put("write.fence", fence.name().toLowerCase(java.util.Locale.ROOT));
        if (fence == WriteFence.OFFSET) {
            props.put("write.fence.tombstone.ttl.seconds", String.valueOf(TOMBSTONE_TTL));
            props.put("topic.upsert.write.action", "upsert");
            props.put("topic.replace.write.action", "replace");
        } else {
            props.put("write.fence.field", FENCE_FIELD);
            props.put("topic." + EVENTS + ".write.action", "upsert");
        }
        return props;
    }

    @Override
    public String toString() {
        return "write.fence=" + fence.name().toLowerCase(java.util.Locale.ROOT) + " batch.size=" + batchSize
                + " linger.ms=" + lingerMs + " max.in.flight.batches=" + maxInFlightBatches + " max.buffered.records="
                + MAX_BUFFERED_RECORDS + " call latency " + callLatencyMs + " ms, partitions " + topicPartitions();
    }
}
