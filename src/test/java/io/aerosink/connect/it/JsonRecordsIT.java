package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aerosink.connect.testserver.StoredRecord;

/**
 * Item 1: JSON values, with schema envelopes (Structs) and schemaless (Maps), become Aerospike records with the
 * right user key, bins and TTL; fields starting with '_' are never bins; tombstones delete.
 */
class JsonRecordsIT extends ConnectTestBase {

    private static final String STRUCT_SCHEMA = """
            {"type": "struct", "name": "reading", "fields": [
              {"field": "_key", "type": "int64"},
              {"field": "temperature", "type": "double"},
              {"field": "humidity", "type": "float"},
              {"field": "status", "type": "string"},
              {"field": "tags", "type": "array", "items": {"type": "string"}, "optional": true},
              {"field": "_meta", "type": "struct", "optional": true, "fields": [
                {"field": "source", "type": "string"}]},
              {"field": "_ttl", "type": "int32", "optional": true}
            ]}""";

    private static final String ID_SCHEMA = """
            {"type": "struct", "fields": [
              {"field": "id", "type": "string"},
              {"field": "level", "type": "int32"},
              {"field": "_meta", "type": "string", "optional": true}
            ]}""";

    @Test
    void structsWithSchemasBecomeRecordsWithKeyBinsAndTtl() {
        String topic = "structs";
        String byId = "structs_by_id";
        createTopic(topic, 1);
        createTopic(byId, 1);
        Map<String, String> config = jsonConfig(topic + "," + byId, true);
        // Integer keys in the Kafka record key, so that tombstones address the same user key as the values.
        config.put("key.converter", JSON_CONVERTER);
        config.put("key.converter.schemas.enable", "false");
        config.put("ttl.seconds", "3600");
        config.put("ttl.field", "_ttl");
        // Per-topic overrides: a key field that does not start with '_' is also a bin.
        config.put("topic." + byId + ".key.field", "id");
        config.put("topic." + byId + ".ttl.seconds", "120");
        config.put("topic." + byId + ".aerospike.set", "");
        putConnector("json-structs", config);

        produce(topic, "1", envelope(STRUCT_SCHEMA, """
                {"_key": 1, "temperature": 21.5, "humidity": 40.25, "status": "ok", "tags": ["a", "b"],
                 "_meta": {"source": "s1"}, "_ttl": 60}"""));
        produce(topic, "2", envelope(STRUCT_SCHEMA, """
                {"_key": 2, "temperature": -3.0, "humidity": 99.5, "status": "cold", "_meta": null, "_ttl": null}"""));
        produce(topic, "3", envelope(STRUCT_SCHEMA, """
                {"_key": 3, "temperature": 0.0, "humidity": 0.0, "status": "forever", "_ttl": -1}"""));
        produce(topic, "4", envelope(STRUCT_SCHEMA, """
                {"_key": 4, "temperature": 1.0, "humidity": 2.0, "status": "doomed"}"""));
        produce(byId, "\"dev-7\"", envelope(ID_SCHEMA, """
                {"id": "dev-7", "level": 3, "_meta": "ignored"}"""));

        StoredRecord one = awaitRecord("test", topic, 1L);
        assertEquals(Map.of("temperature", 21.5, "humidity", 40.25, "status", "ok"), withoutList(one.bins(), "tags"));
        assertEquals(List.of("a", "b"), one.list("tags"));
        assertEquals(1L, one.userKey(), "send.key stores the user key");
        assertEquals(topic, one.setName(), "aerospike.set defaults to the topic");
        assertTtl(60, one);

        StoredRecord two = awaitRecord("test", topic, 2L);
        assertEquals(Set.of("temperature", "humidity", "status"), two.bins().keySet(), "null fields and _fields are no bins");
        assertEquals(-3.0, two.bin("temperature"));
        assertTtl(3600, two);

        StoredRecord three = awaitRecord("test", topic, 3L);
        assertEquals(-1, three.ttlSeconds(), "_ttl -1: never expires");

        StoredRecord device = awaitRecord("test", null, "dev-7");
        assertEquals(Map.of("id", "dev-7", "level", 3L), device.bins(), "a key field without '_' is a bin too");
        assertNull(device.setName(), "an empty aerospike.set writes without a set");
        assertTtl(120, device);

        awaitRecord("test", topic, 4L);
        produce(topic, "4", (String) null);
        Await.until("the tombstone of key 4 to delete its record", () -> aerospike.get("test", topic, 4L) == null);
        assertNotNull(aerospike.get("test", topic, 1L), "a tombstone deletes its own key only");
    }

    @Test
    void schemalessMapsFromTheExampleConfigBecomeRecords() {
        String topic = "sensors_json_it";
        createTopic(topic, 2);
        ObjectNode request = exampleRequest("aerospike-sink-json.json", "json-schemaless", topic, topic + "_dlq");
        // The user's own POST of the example file (only the address, topic and names substituted).
        postConnector(request);
        String namespace = request.get("config").get("aerospike.namespace").asText();

        for (int i = 1; i <= 20; i++) {
            produce(topic, "sensor-" + i, """
                    {"_key": "sensor-%d", "temperature": %d.5, "humidity": %d, "online": true,
                     "location": {"room": "r%d"}, "_meta": {"producer": "it"}, "_seq": %d}""".formatted(i, i, 40 + i, i, i));
        }
        for (int i = 1; i <= 20; i++) {
            StoredRecord record = awaitRecord(namespace, topic, "sensor-" + i);
            assertEquals(Set.of("temperature", "humidity", "online", "location"), record.bins().keySet());
            assertEquals(i + 0.5, record.bin("temperature"));
            assertEquals(40L + i, record.bin("humidity"));
            assertEquals(Boolean.TRUE, record.bin("online"));
            assertEquals(Map.of("room", "r" + i), record.map("location"));
            assertEquals("sensor-" + i, record.userKey());
            assertEquals(-1, record.ttlSeconds(), "ttl.seconds 0 takes the namespace default (never expire here)");
        }

        produce(topic, "sensor-3", (String) null);
        produce(topic, "sensor-4", (String) null);
        Await.until("tombstones to delete sensor-3 and sensor-4", () ->
                aerospike.get(namespace, topic, "sensor-3") == null && aerospike.get(namespace, topic, "sensor-4") == null);
        assertEquals(18, aerospike.records(namespace).stream().filter(r -> topic.equals(r.setName())).count());
        awaitOffsetsCommittedToEnd("json-schemaless", topic, 2);
        assertTrue(readAll(topic + "_dlq").isEmpty(), "nothing was dead-lettered");
    }

    @Test
    void aTopicRenamedByATransformStillMapsAndCommitsByItsOriginalTopic() {
        String topic = "routed_src";
        createTopic(topic, 1);
        Map<String, String> config = jsonConfig(topic, false);
        config.put("transforms", "route");
        config.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
        config.put("transforms.route.regex", "routed_(.*)");
        config.put("transforms.route.replacement", "renamed_$1");
        config.put("topic." + topic + ".ttl.seconds", "600");
        putConnector("json-routed", config);

        for (int i = 0; i < 5; i++) {
            produce(topic, String.valueOf(i), "{\"_key\": " + i + ", \"v\": " + i + "}");
        }
        for (long i = 0; i < 5; i++) {
            StoredRecord record = awaitRecord("test", topic, i);
            assertEquals(i, record.bin("v"));
            assertTtl(600, record);
        }
        assertEquals(0, aerospike.records("test").stream().filter(r -> "renamed_src".equals(r.setName())).count(),
                "${topic} is the original topic");
        awaitOffsetsCommittedToEnd("json-routed", topic, 1);
    }

    static String envelope(String schema, String payload) {
        return "{\"schema\": " + schema + ", \"payload\": " + payload + "}";
    }

    private StoredRecord awaitRecord(String namespace, String set, Object key) {
        return Await.value(Duration.ofSeconds(30), namespace + "/" + set + "/" + key + " in Aerospike",
                () -> aerospike.get(namespace, set, key));
    }

    private static Map<String, Object> withoutList(Map<String, Object> bins, String list) {
        Map<String, Object> copy = new java.util.HashMap<>(bins);
        assertTrue(copy.remove(list) != null, list + " is a bin");
        return copy;
    }

    private static void assertTtl(int expected, StoredRecord record) {
        long ttl = record.ttlSeconds();
        assertTrue(ttl <= expected && ttl >= expected - 30, "TTL " + ttl + " s, expected about " + expected + " s: " + record);
    }
}
