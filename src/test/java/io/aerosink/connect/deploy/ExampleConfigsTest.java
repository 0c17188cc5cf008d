package io.aerosink.connect.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import io.aerosink.connect.tools.SensorRow;

/**
 * The example configs are shipped in the plugin's etc/ and used by the docker demo and bin/local-stack, which
 * substitute "aerospike.hosts" (and the schema registry URL) by key: keep the shape those scripts rely on.
 */
class ExampleConfigsTest {

    private static final Path CONFIG = Path.of("config");

    @ParameterizedTest
    @ValueSource(strings = {"aerospike-sink-fixed-layout.json", "aerospike-sink-npy.json", "aerospike-sink-avro.json",
        "aerospike-sink-json.json"})
    void isARestCreateRequestForTheConnector(String file) throws IOException {
        Map<String, Object> request = json(file);
        assertEquals(List.of("name", "config"), List.copyOf(request.keySet()));
        Map<String, Object> config = config(request);
        assertEquals("io.aerosink.connect.AerospikeSinkConnector", config.get("connector.class"));
        assertEquals("localhost:3000", config.get("aerospike.hosts"));
        assertEquals("sensors", config.get("aerospike.namespace"));
        assertEquals("all", config.get("errors.tolerance"));
        assertEquals("1", config.get("errors.deadletterqueue.topic.replication.factor"));
        config.forEach((key, value) -> assertTrue(value instanceof String, key + " must be a JSON string"));
        long lines = Files.readAllLines(CONFIG.resolve(file)).stream().filter(l -> l.contains("\"aerospike.hosts\"")).count();
        assertEquals(1, lines, "the registration script substitutes aerospike.hosts on its own line");
    }

    @Test
    void fixedLayoutMatchesTheProducersRows() throws IOException {
        Map<String, Object> config = config(json("aerospike-sink-fixed-layout.json"));
        assertEquals("org.apache.kafka.connect.converters.ByteArrayConverter", config.get("value.converter"));
        assertEquals("fixed", config.get("value.format"));
        assertEquals(SensorRow.LAYOUT, config.get("value.layout"));
    }

    @Test
    void npyConfigTakesTheLayoutFromEachPayload() throws IOException {
        Map<String, Object> config = config(json("aerospike-sink-npy.json"));
        assertEquals("org.apache.kafka.connect.converters.ByteArrayConverter", config.get("value.converter"));
        assertEquals("npy", config.get("value.format"));
        assertEquals(null, config.get("value.layout"), "the layout is each .npy header's descr");
    }

    @Test
    void everyExampleInConfigIsCheckedHere() throws IOException {
        try (var files = Files.list(CONFIG)) {
            List<String> examples = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList();
            assertEquals(List.of("aerospike-sink-avro.json", "aerospike-sink-fixed-layout.json", "aerospike-sink-json.json",
                    "aerospike-sink-npy.json"), examples, "a new example config needs its checks here and in ValidationIT");
        }
    }

    @Test
    void standalonePropertiesAgreeWithTheJsonConfig() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(CONFIG.resolve("aerospike-sink.properties"))) {
            properties.load(reader);
        }
        Map<String, Object> request = json("aerospike-sink-fixed-layout.json");
        assertEquals(request.get("name"), properties.remove("name"));
        assertEquals(config(request), properties);
    }

    @Test
    void avroConfigPointsAtASchemaRegistry() throws IOException {
        Map<String, Object> config = config(json("aerospike-sink-avro.json"));
        assertEquals("io.confluent.connect.avro.AvroConverter", config.get("value.converter"));
        assertEquals("http://localhost:8081", config.get("value.converter.schema.registry.url"));
    }

    @Test
    void jsonConfigIsSchemaless() throws IOException {
        Map<String, Object> config = config(json("aerospike-sink-json.json"));
        assertEquals("org.apache.kafka.connect.json.JsonConverter", config.get("value.converter"));
        assertEquals("false", config.get("value.converter.schemas.enable"));
    }

    @Test
    void manifestIsAHubManifestForThisSink() throws IOException {
        Map<String, Object> manifest = json(Path.of("manifest.json"));
        assertEquals("${project.version}", manifest.get("version"), "filled in by the assembly");
        assertEquals(List.of("sink"), manifest.get("component_types"));
        assertEquals("aerosink", ((Map<?, ?>) manifest.get("owner")).get("username"));
        assertEquals("aerosink-kafka-connect", manifest.get("name"));
        assertTrue(manifest.keySet().containsAll(List.of("title", "description", "features", "license", "tags")));
    }

    private static Map<String, Object> json(String file) throws IOException {
        return json(CONFIG.resolve(file));
    }

    private static Map<String, Object> json(Path path) throws IOException {
        try (Reader reader = Files.newBufferedReader(path)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> request) {
        return (Map<String, Object>) request.get("config");
    }
}
