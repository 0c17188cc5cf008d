package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.aerosink.connect.testserver.StoredRecord;

/**
 * Fenced writes through a real worker: a replay of records already written changes nothing, and readings whose
 * event times arrive out of order end with the newest per key.
 */
class FencedWritesIT extends ConnectTestBase {

    private static final int KEYS = 40;
    private static final int VERSIONS = 4;

    private static ProducerRecord<byte[], byte[]> reading(String topic, int partition, String key, String json) {
        return new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rewindingTheConnectorsOffsetsReplaysNothingOverTheStoredRecords() throws Exception {
        String name = "fenced";
        String topic = "fenced";
        String dlq = "fenced_dlq";
        createTopic(topic, 2);
        createTopic(dlq, 1);
        Map<String, String> config = withDeadLetterQueue(jsonConfig(topic, false), dlq);
        config.put("write.fence", "offset");
        putConnector(name, config);

        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int v = 0; v < VERSIONS; v++) {
            for (int k = 0; k < KEYS; k++) {
                records.add(reading(topic, k % 2, "k" + k, "{\"_key\": " + k + ", \"v\": " + v + "}"));
            }
        }
        produceAll(records);
        awaitOffsetsCommittedToEnd(name, topic, 2);
        Map<Integer, Integer> generations = new HashMap<>();
        for (int k = 0; k < KEYS; k++) {
            StoredRecord stored = aerospike.get("test", topic, (long) k);
            assertEquals((long) VERSIONS - 1, stored.bin("v"));
            generations.put(k, stored.generation());
        }

        AtomicInteger applied = new AtomicInteger();
        aerospike.onWrite(r -> applied.incrementAndGet());
        try {
            rest("PUT", "connectors/" + name + "/stop", null);
            Await.until(Duration.ofSeconds(60), "the connector stopped", () -> "STOPPED".equals(
                    rest("GET", "connectors/" + name + "/status", null).json().path("connector").path("state").asText()));
            rewindToStart("connect-" + name, topic, 2);
            rest("PUT", "connectors/" + name + "/resume", null);
            awaitTaskRunning(name);
            awaitOffsetsCommittedToEnd(name, topic, 2);
        } finally {
            aerospike.onWrite(null);
        }

        assertEquals(0, applied.get(), "the replay applied no write");
        for (int k = 0; k < KEYS; k++) {
            StoredRecord stored = aerospike.get("test", topic, (long) k);
            assertEquals((long) VERSIONS - 1, stored.bin("v"));
            assertEquals(generations.get(k), stored.generation(), "key " + k + " untouched");
        }
        assertTrue(readAll(dlq).isEmpty(), "nothing dead-lettered");
    }

    private void rewindToStart(String group, String topic, int partitions) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            start.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
        }
        try (Admin admin = connect.kafka().createAdminClient()) {
            admin.alterConsumerGroupOffsets(group, start).all().get();
        }
        Map<TopicPartition, Long> committed = committedOffsets(group.substring("connect-".length()));
        start.forEach((tp, offset) -> assertEquals(0L, committed.get(tp), "rewound " + tp));
    }

    @Test
    void readingsWithEventTimesOutOfOrderAcrossPartitionsEndWithTheNewestPerKey() {
        String name = "readings";
        String topic = "readings";
        String dlq = "readings_dlq";
        createTopic(topic, 2);
        createTopic(dlq, 1);
        Map<String, String> config = withDeadLetterQueue(jsonConfig(topic, false), dlq);
        config.put("write.fence", "field");
        config.put("write.fence.field", "_event_time");
        putConnector(name, config);

        // Each key's readings, event times shuffled, land on both partitions: no order holds between them.
        Random random = new Random(42);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            List<Integer> times = new ArrayList<>();
            for (int t = 1; t <= 10; t++) {
                times.add(t * 1000);
            }
            Collections.shuffle(times, random);
            for (int i = 0; i < times.size(); i++) {
                int time = times.get(i);
                records.add(reading(topic, i % 2, "k" + k, "{\"_key\": " + k + ", \"_event_time\": " + time
                        + ", \"celsius\": " + (time / 100) + "}"));
            }
        }
        Collections.shuffle(records, random);
        produceAll(records);
        awaitOffsetsCommittedToEnd(name, topic, 2);

        for (int k = 0; k < KEYS; k++) {
            StoredRecord stored = aerospike.get("test", topic, (long) k);
            assertEquals(100L, stored.bin("celsius"), "key " + k + " holds its newest reading");
            assertEquals(10_000L, stored.bin("_fence"));
        }
        assertTrue(readAll(dlq).isEmpty(), "older readings are dropped, not dead-lettered");
    }
}
