package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aerosink.connect.avro.AvroPayloads;
import io.aerosink.connect.avro.RegistryStub;
import io.aerosink.connect.testserver.AerospikeTestServer;
import io.aerosink.connect.testserver.StoredRecord;

/**
 * Item 10: the Confluent Hub archive that {@code mvn package} builds is a working plugin. The archive is unzipped
 * into a fresh directory that is the plugin.path of a Connect worker running in a JVM of its own, whose classpath
 * is the test classpath without the connector and without every jar the archive ships in lib/. So the worker can
 * only load the connector, and the Aerospike client, from the archive, through Connect's plugin isolation. (An
 * in-process worker would not do: when the same plugin version is on the classpath and in plugin.path,
 * Connect 4.3 picks the classpath copy.) A connector is created over REST from the archive's own
 * etc/aerospike-sink-json.json and writes to the Aerospike test server.
 */
class PluginArchiveIT extends ConnectTestBase {

    /** Built by the maven-assembly-plugin in the package phase, before failsafe runs. */
    static final Path COMPONENTS = Path.of("target", "components");
    static final Path WORKER_LOG = Path.of("target", "plugin-archive-worker.log");

    /** Static, so that it exists before {@code @BeforeAll}. */
    @TempDir
    static Path pluginPath;

    private Path component;
    private WorkerProcess worker;
    private String workerUrl;

    /** Only the broker runs in this JVM; the worker is a process of its own. */
    @Override
    protected int workers() {
        return 0;
    }

    @Override
    protected String restUrl(String resource) {
        return workerUrl + resource;
    }

    @BeforeAll
    void startPluginWorker() throws IOException {
        component = PluginInstall.unzip(PluginInstall.archive(COMPONENTS), pluginPath);
        int port = WorkerProcess.freePort();
        workerUrl = "http://127.0.0.1:" + port + "/";
        Path props = pluginPath.resolve("worker.properties");
        Files.writeString(props, String.join("\n",
                "bootstrap.servers=" + connect.kafka().bootstrapServers(),
                "listeners=http://127.0.0.1:" + port,
                "group.id=plugin-archive-worker",
                "config.storage.topic=plugin-archive-configs",
                "offset.storage.topic=plugin-archive-offsets",
                "status.storage.topic=plugin-archive-status",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "key.converter=" + STRING_CONVERTER,
                "value.converter=" + STRING_CONVERTER,
                "offset.flush.interval.ms=" + OFFSET_FLUSH_MS,
                "plugin.discovery=service_load",
                "plugin.path=" + pluginPath,
                "config.providers=file",
                "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
                ""));
        worker = WorkerProcess.start(PluginInstall.workerClasspath(component.resolve("lib")),
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(props.toString()), List.of(
                        // What the connector, the Aerospike client and Connect's runtime log at DEBUG is checked
                        // for secrets.
                        "-Dorg.slf4j.simpleLogger.log.io.aerosink=debug",
                        "-Dorg.slf4j.simpleLogger.log.com.aerospike=debug",
                        "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.connect.runtime=debug",
                        "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.config=debug"),
                Path.of("."), WORKER_LOG);
        worker.awaitUp("the plugin worker's REST API at " + workerUrl, () -> rest("GET", "connectors", null).status() == 200);
    }

    @AfterAll
    void stopPluginWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void theArchiveIsAWorkingIsolatedPlugin() throws IOException {
        assertTrue(Files.isRegularFile(component.resolve("manifest.json")), "manifest.json at the component root");
        List<String> jars = PluginInstall.libJars(component.resolve("lib"));
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("aerosink-kafka-connect-")), "connector jar in lib/: " + jars);
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("aerospike-client")), "Aerospike client in lib/: " + jars);
        assertTrue(jars.stream().noneMatch(j -> j.startsWith("kafka-clients") || j.startsWith("connect-api")
                || j.startsWith("slf4j")), "the worker's own libraries are not shipped: " + jars);

        JsonNode plugins = rest("GET", "connector-plugins", null).json();
        JsonNode listed = null;
        for (JsonNode plugin : plugins) {
            if (CONNECTOR_CLASS.equals(plugin.get("class").asText())) {
                listed = plugin;
            }
        }
        assertNotNull(listed, "the worker finds the connector in plugin.path only: " + plugins);
        assertEquals("sink", listed.get("type").asText());
        assertTrue(listed.get("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), "a build version: " + listed);

        // Created over REST from the example config that the archive ships in etc/.
        String name = "plugin-json";
        String topic = "plugin_json";
        createTopic(topic, 1);
        createTopic(topic + "_dlq", 1);
        ObjectNode request = exampleRequest(ExampleConfigs.read(component.resolve("etc/aerospike-sink-json.json")),
                name, topic, topic + "_dlq");
        assertEquals(ExampleConfigs.read("aerospike-sink-json.json").get("config").size(), request.get("config").size(),
                "the archive ships the example of config/");
        postConnector(request);
        String namespace = request.get("config").get("aerospike.namespace").asText();

        for (int i = 0; i < 10; i++) {
            produce(topic, "p-" + i, "{\"_key\": \"p-" + i + "\", \"value\": " + i + ", \"_meta\": \"m\"}");
        }
        for (int i = 0; i < 10; i++) {
            String key = "p-" + i;
            StoredRecord record = Await.value(Duration.ofSeconds(30), key + " in Aerospike",
                    () -> aerospike.get(namespace, topic, key));
            assertEquals(Map.of("value", (long) i), record.bins());
        }
        awaitOffsetsCommittedToEnd(name, topic, 1);
        assertEquals("RUNNING", taskState(name).state());
    }

    /**
     * Packed rows in a worker whose JVM runs without jdk.incubator.vector, as most do: the connector digests their
     * keys one at a time, and every row lands under the key the client computes.
     */
    @Test
    void packedRowsAreWrittenWhereTheJvmHasNoVectorApi() throws IOException {
        String name = "plugin-packed";
        String topic = "plugin_packed";
        createTopic(topic, 1);
        createTopic(topic + "_dlq", 1);
        ObjectNode request = exampleRequest(
                ExampleConfigs.read(component.resolve("etc/aerospike-sink-fixed-layout.json")), name, topic,
                topic + "_dlq");
        postConnector(request);
        String namespace = request.get("config").get("aerospike.namespace").asText();

        int rows = 40;
        produce(topic, "batch", SensorRows.rows(IntStream.range(0, rows).toArray()));
        for (int key = 0; key < rows; key++) {
            long userKey = key;
            StoredRecord record = Await.value(Duration.ofSeconds(30), "row " + key + " in Aerospike",
                    () -> aerospike.get(namespace, topic, userKey));
            assertEquals(Map.of("temperature", SensorRows.temperature(key),
                    "humidity", (double) SensorRows.humidity(key),
                    "pressure", (double) SensorRows.pressure(key),
                    "status", (long) SensorRows.status(key)), record.bins(), "row " + key);
        }
        awaitOffsetsCommittedToEnd(name, topic, 1);
    }

    /**
     * A password given through Connect's FileConfigProvider logs in to a secured cluster, and appears nowhere in the
     * worker's log, though the connector, the Aerospike client and Connect's runtime log at DEBUG.
     */
    @Test
    void aPasswordFromAConfigProviderLogsInAndNeverReachesTheLog() throws IOException {
        String password = "pw-" + java.util.UUID.randomUUID();
        try (AerospikeTestServer secured = AerospikeTestServer.start(
                new AerospikeTestServer.Options().namespaces("test").user("writer", password))) {
            Path secrets = Files.writeString(pluginPath.resolve("aerospike-secrets.properties"),
                    "aerospike.password=" + password + "\n");
            String name = "plugin-secret";
            String topic = "plugin_secret";
            createTopic(topic, 1);
            Map<String, String> config = new java.util.LinkedHashMap<>();
            config.put("connector.class", CONNECTOR_CLASS);
            config.put("topics", topic);
            config.put("key.converter", STRING_CONVERTER);
            config.put("value.converter", JSON_CONVERTER);
            config.put("value.converter.schemas.enable", "false");
            config.put("aerospike.hosts", secured.host());
            config.put("aerospike.namespace", "test");
            config.put("aerospike.user", "writer");
            config.put("aerospike.password", "${file:" + secrets + ":aerospike.password}");
            config.put("linger.ms", "20");
            putConnector(name, config);
            for (int i = 0; i < 5; i++) {
                produce(topic, "s-" + i, "{\"_key\": \"s-" + i + "\", \"value\": " + i + "}");
            }
            for (int i = 0; i < 5; i++) {
                String key = "s-" + i;
                Await.value(Duration.ofSeconds(30), key + " in the secured Aerospike", () -> secured.get("test", topic, key));
            }
            awaitOffsetsCommittedToEnd(name, topic, 1);
            String log = worker.log();
            assertTrue(log.contains("AeroSink task started"), "the connector logged at the worker: " + worker.logTail());
            assertTrue(log.contains("; key digests one at a time (--add-modules jdk.incubator.vector"),
                    "a worker without the Vector API says it digests keys one at a time: " + worker.logTail());
            assertTrue(!log.contains(password), "the password is in the worker's log");
        }
    }

    /**
     * value.format=avro inside the isolated plugin: Avro and Jackson load from the archive's lib/, the writer schema is
     * fetched from a registry (a stub in this JVM) and parsed there.
     */
    @Test
    void theArchivesAvroDecoderWorksInIsolation() {
        String name = "plugin-avro";
        String topic = "plugin_avro";
        createTopic(topic, 1);
        try (RegistryStub registry = RegistryStub.start()) {
            Schema schema = AvroPayloads.parse("""
                    {"type": "record", "name": "R", "fields": [{"name": "_key", "type": "string"},
                      {"name": "value", "type": "long"}]}""");
            int id = registry.register(schema);
            Map<String, String> config = new java.util.LinkedHashMap<>();
            config.put("connector.class", CONNECTOR_CLASS);
            config.put("topics", topic);
            config.put("key.converter", STRING_CONVERTER);
            config.put("value.converter", BYTES_CONVERTER);
            config.put("value.format", "avro");
            config.put("value.schema.registry.url", registry.url());
            config.put("aerospike.hosts", aerospike.host());
            config.put("aerospike.namespace", "test");
            config.put("linger.ms", "20");
            putConnector(name, config);
            for (int i = 0; i < 10; i++) {
                GenericRecord record = new GenericData.Record(schema);
                record.put("_key", "a-" + i);
                record.put("value", (long) i);
                produce(topic, "a-" + i, AvroPayloads.confluent(id, record));
            }
            for (int i = 0; i < 10; i++) {
                String key = "a-" + i;
                StoredRecord stored = Await.value(Duration.ofSeconds(30), key + " in Aerospike",
                        () -> aerospike.get("test", topic, key));
                assertEquals(Map.of("value", (long) i), stored.bins());
            }
            awaitOffsetsCommittedToEnd(name, topic, 1);
        }
    }
}
