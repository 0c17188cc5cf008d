package io.aerosink.connect.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One kind of input of the worker benchmark: its topic, how many rows and keys, how they are encoded, and the
 * connector config a user would start from (an example of config/), pointed at the bench's topic and server.
 * Row {@code seq} writes key {@code seq} (or {@code seq % keys} for hot keys) with {@code temperature = seq}, so that
 * a stored record tells which row it came from.
 * <p>
 * The avro case starts from config/aerospike-sink-avro.json, the example Avro users start from, with the sink's own
 * decoder in place of its AvroConverter; like the json case it keeps that example's batch.size and linger.ms (the
 * defaults), where single runs with the fixed-layout example's.
 */
final class WorkerCase {

    static final List<String> NAMES = List.of("packed", "single", "json", "struct", "avro", "hot", "distinct");

    private enum Encoding { FIXED, JSON, JSON_WITH_SCHEMA, AVRO }

    final String name;
    final String label;
    final int rows;
    final int rowsPerMessage;
    /** 0: every row has a key of its own. */
    final int keys;
    private final Encoding encoding;
    private final String example;
    /** The avro case's values and settings; null for the others. */
    private final AvroSensorRows avro;

    private WorkerCase(String name, String label, int rows, int rowsPerMessage, int keys, Encoding encoding,
                       String example) {
        this.name = name;
        this.label = label;
        this.rows = rows;
        this.rowsPerMessage = rowsPerMessage;
        this.keys = keys;
        this.encoding = encoding;
        this.example = example;
        this.avro = encoding == Encoding.AVRO ? new AvroSensorRows(topic()) : null;
    }

    static List<WorkerCase> of(BenchOptions o) {
        List<WorkerCase> cases = new ArrayList<>();
        for (String name : o.workerCases) {
            cases.add(switch (name) {
                case "packed" -> new WorkerCase(name, "fixed layout, 100 rows/message", o.workerRecords, 100, 0,
                        Encoding.FIXED, "aerospike-sink-fixed-layout.json");
                case "single" -> new WorkerCase(name, "fixed layout, 1 row/message", o.workerRecords, 1, 0,
                        Encoding.FIXED, "aerospike-sink-fixed-layout.json");
                case "json" -> new WorkerCase(name, "schemaless JSON (JsonConverter, schemas.enable=false), "
                        + "1 row/message", o.workerRecords, 1, 0, Encoding.JSON, "aerospike-sink-json.json");
                case "struct" -> new WorkerCase(name, "Structs from JsonConverter (schemas.enable=true), "
                        + "1 row/message", o.workerRecords, 1, 0, Encoding.JSON_WITH_SCHEMA,
                        "aerospike-sink-json.json");
                case "avro" -> new WorkerCase(name, "native Avro (value.format=avro), 1 row/message",
                        o.workerRecords, 1, 0, Encoding.AVRO, "aerospike-sink-avro.json");
                case "hot" -> new WorkerCase(name, String.format("hot keys: %d keys x %,d updates, 1 row/message",
                        o.hotKeys, o.hotRows / o.hotKeys), o.hotRows, 1, o.hotKeys, Encoding.FIXED,
                        "aerospike-sink-fixed-layout.json");
                case "distinct" -> new WorkerCase(name, String.format("all-distinct keys, %,d rows, 1 row/message",
                        o.hotRows), o.hotRows, 1, 0, Encoding.FIXED, "aerospike-sink-fixed-layout.json");
                default -> throw new IllegalArgumentException("unknown worker case " + name);
            });
        }
        return cases;
    }

    String topic() {
        return "w-" + name;
    }

    String set() {
        return "w-" + name;
    }

    /** Its rows need the schema registry, which starts while the other cases' rows are produced. */
    boolean needsRegistry() {
        return encoding == Encoding.AVRO;
    }

    int messages() {
        return (rows + rowsPerMessage - 1) / rowsPerMessage;
    }

    int key(int seq) {
        return keys == 0 ? seq : seq % keys;
    }

    /** The row whose value key {@code key} must end with: its last update (rows are a multiple of keys). */
    int newestSeq(int key) {
        return keys == 0 ? key : rows - keys + key;
    }

    /** Message {@code m}'s Kafka key: its first row's key as a string (StringConverter), so a key keeps its partition. */
    byte[] messageKey(int m) {
        return String.valueOf(key(m * rowsPerMessage)).getBytes(StandardCharsets.UTF_8);
    }

    byte[] messageValue(int m) {
        int first = m * rowsPerMessage;
        int count = Math.min(rowsPerMessage, rows - first);
        if (encoding == Encoding.FIXED) {
            return SensorRows.sequenced(first, count, keys);
        }
        int k = key(first);
        if (encoding == Encoding.AVRO) {
            return avro.value(first, k);
        }
        if (encoding == Encoding.JSON_WITH_SCHEMA) {
            return SensorRows.jsonWithSchema(topic(), SensorRows.struct(k).put("temperature", (double) first));
        }
        return String.format("{\"_key\":%d,\"temperature\":%d.0,\"humidity\":%s,\"pressure\":%s,\"status\":%d}", k,
                first, SensorRows.humidity(k), SensorRows.pressure(k), SensorRows.status(k))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The example config with this case's topic, server and set; {@code overrides} last. */
    Map<String, String> config(String hosts, String namespace, Map<String, String> overrides) {
        Map<String, String> config = new LinkedHashMap<>();
        try {
            JsonNode node = new ObjectMapper().readTree(Path.of("config", example).toFile()).get("config");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                config.put(e.getKey(), e.getValue().asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config/" + example, e);
        }
        config.put("topics", topic());
        config.put("aerospike.hosts", hosts);
        config.put("aerospike.namespace", namespace);
        config.put("aerospike.set", set());
        if (config.containsKey("errors.deadletterqueue.topic.name")) {
            config.put("errors.deadletterqueue.topic.name", topic() + "_dlq");
        }
        if (encoding == Encoding.JSON_WITH_SCHEMA) {
            config.put("value.converter.schemas.enable", "true");
        }
        if (encoding == Encoding.AVRO) {
            // The example's AvroConverter setting; ByteArrayConverter has no registry.
            config.remove("value.converter.schema.registry.url");
            config.putAll(avro.connectorConfig());
        }
        config.putAll(overrides);
        return config;
    }
}
