package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Item 6: a bad config is reported key by key by the worker's validate endpoint, and a connector cannot be
 * created from it (HTTP 400 with the same errors); the example configs validate cleanly.
 */
class ValidationIT extends ConnectTestBase {

    private static final String VALIDATE = "connector-plugins/" + CONNECTOR_CLASS + "/config/validate";

    /** Missing namespace, unknown write action, and a 22-byte key field that would also be a bin. */
    private Map<String, String> badConfig(String name) {
        Map<String, String> config = jsonConfig("bad", false);
        config.put("name", name);
        config.remove("aerospike.namespace");
        config.put("write.action", "overwrite");
        config.put("key.field", "sensor_identifier_long");
        return config;
    }

    @Test
    void validateEndpointReportsEachBadKey() {
        RestResponse response = rest("PUT", VALIDATE, JSON.valueToTree(badConfig("bad")).toString());
        assertEquals(200, response.status(), response.body());
        JsonNode result = response.json();
        Map<String, List<String>> errors = errorsByKey(result);

        assertEquals(3, result.get("error_count").asInt(), "three errors: " + errors);
        assertEquals(List.of("aerospike.namespace", "key.field", "write.action"), errors.keySet().stream().sorted().toList());
        assertTrue(errors.get("aerospike.namespace").get(0).contains("Missing required configuration"), errors.toString());
        assertTrue(errors.get("write.action").get(0).contains("overwrite")
                && errors.get("write.action").get(0).contains("upsert, replace, insert, update, replace_only"), errors.toString());
        assertTrue(errors.get("key.field").get(0).contains("sensor_identifier_long")
                && errors.get("key.field").get(0).contains("15 bytes"), errors.toString());
    }

    @Test
    void validateEndpointReportsRulesThatSpanSeveralKeys() {
        Map<String, String> config = jsonConfig("rows", false);
        config.put("name", "rules");
        config.put("value.converter", BYTES_CONVERTER);
        config.put("value.format", "fixed");
        config.put("batch.size", "5000");
        config.put("max.buffered.records", "100");
        config.put("topic.rows.key.field", "_id");
        config.put("topic.other.key.field", "_id");
        Map<String, List<String>> errors = errorsByKey(rest("PUT", VALIDATE, JSON.valueToTree(config).toString()).json());

        assertTrue(errors.get("value.format").stream().anyMatch(e -> e.contains("value.layout")), errors.toString());
        assertTrue(errors.get("value.layout").stream().anyMatch(e -> e.contains("value.layout")), errors.toString());
        assertTrue(errors.get("batch.size").stream().anyMatch(e -> e.contains("max.buffered.records")), errors.toString());
        assertTrue(errors.get("topic.other.key.field").stream().anyMatch(e -> e.contains("not in topics")), errors.toString());
    }

    /**
     * Issue 14: an unknown write action, value.format=fixed without value.layout (a rule the bad write action used
     * to hide) and a misspelt batch.size, all three in one answer.
     */
    @Test
    void validateEndpointReportsThreeIndependentMistakesAtOnce() {
        Map<String, String> config = jsonConfig("rows", false);
        config.put("name", "three");
        config.put("value.converter", BYTES_CONVERTER);
        config.put("write.action", "overwrite");
        config.put("value.format", "fixed");
        config.put("batch.szie", "500");
        JsonNode result = rest("PUT", VALIDATE, JSON.valueToTree(config).toString()).json();
        Map<String, List<String>> errors = errorsByKey(result);

        assertEquals(List.of("batch.szie", "value.format", "value.layout", "write.action"),
                errors.keySet().stream().sorted().toList(), errors.toString());
        assertTrue(errors.get("write.action").get(0).contains("must be one of"), errors.toString());
        assertTrue(errors.get("value.layout").get(0).contains("value.format=fixed needs value.layout"), errors.toString());
        assertTrue(errors.get("batch.szie").get(0).contains("did you mean 'batch.size'?"), errors.toString());
        assertEquals(4, result.get("error_count").asInt(), "the layout rule is reported on both its keys: " + errors);
    }

    @Test
    void creatingAConnectorFromABadConfigFailsWithTheSameErrors() {
        ObjectNode request = JSON.createObjectNode();
        request.put("name", "bad-post");
        request.set("config", JSON.valueToTree(badConfig("bad-post")));
        RestResponse post = rest("POST", "connectors", request.toString());
        assertEquals(400, post.status(), post.body());
        String message = post.json().get("message").asText();
        assertTrue(message.contains("3 error"), message);
        for (String key : List.of("aerospike.namespace", "write.action", "key.field")) {
            assertTrue(message.contains(key), key + " in: " + message);
        }

        RestResponse put = rest("PUT", "connectors/bad-put/config", JSON.valueToTree(badConfig("bad-put")).toString());
        assertEquals(400, put.status(), put.body());

        assertEquals(404, rest("GET", "connectors/bad-post", null).status(), "no connector was created");
        assertEquals(404, rest("GET", "connectors/bad-put", null).status(), "no connector was created");
    }

    @Test
    void theExampleConfigsValidateCleanly() {
        for (String file : List.of("aerospike-sink-json.json", "aerospike-sink-fixed-layout.json", "aerospike-sink-npy.json")) {
            ObjectNode request = exampleRequest(file, "example", "example_topic", "example_dlq");
            Map<String, String> config = configOf(request);
            config.put("name", "example");
            JsonNode result = rest("PUT", VALIDATE, JSON.valueToTree(config).toString()).json();
            assertEquals(0, result.get("error_count").asInt(), file + ": " + errorsByKey(result));
        }
    }

    /** Keys with errors and their messages, from a ConfigInfos response. */
    private static Map<String, List<String>> errorsByKey(JsonNode result) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode config : result.get("configs")) {
            JsonNode value = config.get("value");
            if (value.get("errors").size() > 0) {
                List<String> messages = new java.util.ArrayList<>();
                value.get("errors").forEach(e -> messages.add(e.asText()));
                errors.put(value.get("name").asText(), messages);
            }
        }
        return new HashMap<>(errors);
    }
}
