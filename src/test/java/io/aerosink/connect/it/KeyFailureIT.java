package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aerosink.connect.testserver.Fault;

/**
 * Items 3 and 8: keys that Aerospike refuses. With errors.tolerance=all exactly those keys reach the DLQ, with
 * headers that say why, every other record is written and the offsets are committed; with errors.tolerance=none
 * the task fails with an error that names the record and the result code.
 */
class KeyFailureIT extends ConnectTestBase {

    private static final int RECORD_TOO_BIG = 13;

    @Test
    void refusedKeysGoToTheDeadLetterQueueAndTheRestIsWrittenAndCommitted() throws Exception {
        String name = "dlq-json";
        String topic = "refusals";
        String dlq = "refusals_dlq";
        int partitions = 3;
        int records = 1000;
        Set<Long> refused = Set.of(17L, 777L);
        createTopic(topic, partitions);
        createTopic(dlq, 1);
        ObjectNode request = exampleRequest("aerospike-sink-json.json", name, topic, dlq);
        ((ObjectNode) request.get("config")).put("linger.ms", "20");
        String namespace = request.get("config").get("aerospike.namespace").asText();
        List<Fault> faults = new ArrayList<>();
        for (long key : refused) {
            faults.add(aerospike.inject(Fault.resultCode(RECORD_TOO_BIG).forKey(namespace, topic, key)));
        }
        postConnector(request);

        Map<Long, Future<RecordMetadata>> sent = new HashMap<>();
        for (long i = 0; i < records; i++) {
            String value = "{\"_key\": " + i + ", \"reading\": " + (i * 1.5) + ", \"_meta\": {\"seq\": " + i + "}}";
            sent.put(i, producer().send(new ProducerRecord<>(topic, bytes(String.valueOf(i)), bytes(value))));
        }
        producer().flush();

        Await.until(Duration.ofSeconds(60), (records - refused.size()) + " records in Aerospike",
                () -> written(namespace, topic, records) == records - refused.size(),
                () -> written(namespace, topic, records) + " written");
        awaitOffsetsCommittedToEnd(name, topic, partitions);
        for (long key : refused) {
            assertNull(aerospike.get(namespace, topic, key), "refused key " + key + " is not in Aerospike");
        }
        faults.forEach(f -> assertTrue(f.hits() >= 1, "fault fired: " + f));

        List<ConsumerRecord<byte[], byte[]>> dead = readAll(dlq);
        Set<Long> deadKeys = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            long key = Long.parseLong(header(record, "aerosink.key"));
            deadKeys.add(key);
            RecordMetadata original = sent.get(key).get();
            assertEquals(String.valueOf(RECORD_TOO_BIG), header(record, "aerosink.error.result.code"));
            assertEquals("RECORD_TOO_BIG", header(record, "aerosink.error.result.name"));
            assertNotNull(header(record, "aerosink.error.message"));
            assertEquals(topic, header(record, "aerosink.original.topic"));
            assertEquals(String.valueOf(original.partition()), header(record, "aerosink.original.partition"));
            assertEquals(String.valueOf(original.offset()), header(record, "aerosink.original.offset"));
            assertNull(header(record, "aerosink.row.index"), "a whole record, not a row");
            // Connect's own error context headers come along (errors.deadletterqueue.context.headers.enable).
            assertEquals(topic, header(record, "__connect.errors.topic"));
            assertTrue(header(record, "__connect.errors.exception.message").contains("RECORD_TOO_BIG"),
                    header(record, "__connect.errors.exception.message"));
            // The value is the record as the user sent it, in the connector's converter format.
            JsonNode value = JSON.readTree(record.value());
            assertEquals(key, value.get("_key").asLong());
            assertEquals(key * 1.5, value.get("reading").asDouble());
            assertEquals(String.valueOf(key), new String(record.key(), StandardCharsets.UTF_8));
        }
        assertEquals(new TreeSet<>(refused), deadKeys, "exactly the refused keys are dead-lettered");
        assertEquals(refused.size(), dead.size(), "each refused key once: " + deadKeys);
        assertEquals("RUNNING", taskState(name).state());
    }

    @Test
    void withoutErrorToleranceARefusedKeyFailsTheTaskNamingTheRecord() throws Exception {
        String name = "strict";
        String topic = "strict";
        createTopic(topic, 1);
        Map<String, String> config = jsonConfig(topic, false);
        config.put("errors.tolerance", "none");
        aerospike.inject(Fault.resultCode(RECORD_TOO_BIG).forKey("test", topic, 5L));
        putConnector(name, config);

        RecordMetadata refused = null;
        for (int i = 0; i < 10; i++) {
            RecordMetadata sent = produce(topic, String.valueOf(i), "{\"_key\": " + i + ", \"v\": " + i + "}");
            if (i == 5) {
                refused = sent;
            }
        }
        TaskStatus task = awaitTaskState(name, "FAILED");
        String trace = task.trace();
        assertTrue(trace.contains("topic '" + topic + "' partition " + refused.partition() + " offset " + refused.offset()),
                "the error names topic, partition and offset: " + trace);
        assertTrue(trace.contains("key '5'"), "the error names the key: " + trace);
        assertTrue(trace.contains("RECORD_TOO_BIG"), "the error names the result code: " + trace);
        assertNull(aerospike.get("test", topic, 5L));
        Long committed = committedOffsets(name).get(new TopicPartition(topic, 0));
        assertFalse(committed != null && committed > refused.offset(),
                "no offset past the refused record is committed: " + committed);
    }

    @Test
    void transientFailuresAreRetriedAndOnlyKeysThatKeepFailingAreDeadLettered() {
        String name = "transient";
        String topic = "transient";
        String dlq = "transient_dlq";
        int keyBusy = 14;
        createTopic(topic, 1);
        createTopic(dlq, 1);
        Map<String, String> config = withDeadLetterQueue(jsonConfig(topic, false), dlq);
        config.put("max.retries", "3");
        config.put("retry.backoff.ms", "10");
        config.put("retry.backoff.max.ms", "50");
        Fault twice = aerospike.inject(Fault.resultCode(keyBusy).forKey("test", topic, 3L).times(2));
        Fault always = aerospike.inject(Fault.resultCode(keyBusy).forKey("test", topic, 4L));
        putConnector(name, config);

        for (int i = 0; i < 10; i++) {
            produce(topic, String.valueOf(i), "{\"_key\": " + i + ", \"v\": " + i + "}");
        }
        awaitOffsetsCommittedToEnd(name, topic, 1);
        assertEquals(3L, aerospike.get("test", topic, 3L).bin("v"), "a key busy twice is written on the third try");
        assertNull(aerospike.get("test", topic, 4L), "a key that stays busy is not written");
        assertEquals(2, twice.hits());
        assertEquals(4, always.hits(), "one try and max.retries retries");
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(dlq);
        assertEquals(1, dead.size(), "only the key that kept failing");
        assertEquals("4", header(dead.get(0), "aerosink.key"));
        assertEquals("KEY_BUSY", header(dead.get(0), "aerosink.error.result.name"));
        assertEquals(9, aerospike.records("test").stream().filter(r -> topic.equals(r.setName())).count());
    }

    /**
     * A key is done for the offsets only once its dead letter is in the DLQ. Here the DLQ topic refuses every
     * message: the task must fail without committing past the refused key, so that it is retried after a restart.
     */
    @Test
    void noOffsetIsCommittedPastAKeyWhoseDeadLetterWasNotWritten() {
        String name = "dlq-refused";
        String topic = "dlq_refused";
        String dlq = "dlq_refused_dlq";
        createTopic(topic, 1);
        // Every dead letter is larger than 64 bytes: the DLQ topic refuses them all.
        connect.kafka().createTopic(dlq, 1, 1, Map.of("max.message.bytes", "64"));
        aerospike.inject(Fault.resultCode(RECORD_TOO_BIG).forKey("test", topic, 0L));
        putConnector(name, withDeadLetterQueue(jsonConfig(topic, false), dlq));

        for (int i = 0; i < 3; i++) {
            produce(topic, String.valueOf(i), "{\"_key\": " + i + ", \"v\": " + i + "}");
        }
        // Whether keys 1 and 2 were written before the task stopped is a race; the offset is what must hold.
        awaitTaskState(name, "FAILED");
        Long committed = committedOffsets(name).get(new TopicPartition(topic, 0));
        assertTrue(committed == null || committed == 0, "key 0 (offset 0) is neither in Aerospike nor in the DLQ, "
                + "yet offset " + committed + " was committed: after a restart it is never retried");
    }

    /** As above, for a record that cannot be converted (no key field): it is dead-lettered from put(). */
    @Test
    void noOffsetIsCommittedPastAnUnconvertibleRecordWhoseDeadLetterWasNotWritten() {
        String name = "dlq-refused-unconvertible";
        String topic = "dlq_refused_unconvertible";
        String dlq = "dlq_refused_unconvertible_dlq";
        createTopic(topic, 1);
        connect.kafka().createTopic(dlq, 1, 1, Map.of("max.message.bytes", "64"));
        putConnector(name, withDeadLetterQueue(jsonConfig(topic, false), dlq));

        produce(topic, "0", "{\"no_key_field\": 0, \"padding\": \"" + "x".repeat(100) + "\"}");
        for (int i = 1; i < 3; i++) {
            produce(topic, String.valueOf(i), "{\"_key\": " + i + ", \"v\": " + i + "}");
        }
        // Whether keys 1 and 2 were written before the task stopped is a race; the offset is what must hold.
        awaitTaskState(name, "FAILED");
        Long committed = committedOffsets(name).get(new TopicPartition(topic, 0));
        assertTrue(committed == null || committed == 0, "the record at offset 0 is not in the DLQ, "
                + "yet offset " + committed + " was committed: after a restart it is never retried");
    }

    private int written(String namespace, String topic, int records) {
        int n = 0;
        for (long i = 0; i < records; i++) {
            n += aerospike.get(namespace, topic, i) != null ? 1 : 0;
        }
        return n;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
