package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aerosink.connect.testserver.StoredRecord;

/**
 * The standalone example, config/connect-standalone.properties + config/aerospike-sink.properties, run as the README
 * says by ConnectStandalone in a JVM of its own whose working directory is an empty temporary directory, not the
 * checkout. Only the lines that name this machine are changed: the broker, the REST port, the offsets file (to keep
 * runs apart) and plugin.path, the one setting the example documents as relative to the working directory (Connect
 * reads plugin.path before config providers, so it cannot be made relative to the file). The worker finds the
 * connector only in target/plugins, and sensor rows produced to the example's topic end up in Aerospike.
 */
class StandaloneExampleIT extends ConnectTestBase {

    static final Path PLUGINS = Path.of("target", "plugins");
    static final Path WORKER_LOG = Path.of("target", "standalone-example-worker.log");

    @TempDir
    Path files;

    @TempDir
    Path elsewhere;

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

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void theStandaloneExampleRunsFromAnotherDirectory() throws IOException {
        int port = WorkerProcess.freePort();
        workerUrl = "http://127.0.0.1:" + port + "/";
        Path workerProps = files.resolve("connect-standalone.properties");
        Files.write(workerProps, substitute(ExampleConfigs.DIR.resolve("connect-standalone.properties"), Map.of(
                "bootstrap.servers", connect.kafka().bootstrapServers(),
                "listeners", "http://127.0.0.1:" + port,
                "offset.storage.file.filename", files.resolve("offsets").toString(),
                "plugin.path", PLUGINS.toAbsolutePath().toString())));
        Path connectorProps = files.resolve("aerospike-sink.properties");
        Files.write(connectorProps, substitute(ExampleConfigs.DIR.resolve("aerospike-sink.properties"),
                Map.of("aerospike.hosts", aerospike.host())));
        String topic = "sensors";
        createTopic(topic, 1);
        createTopic("sensors_dlq", 1);

        worker = WorkerProcess.start(PluginInstall.workerClasspath(pluginLib()),
                "org.apache.kafka.connect.cli.ConnectStandalone",
                List.of(workerProps.toString(), connectorProps.toString()), List.of(), elsewhere, WORKER_LOG);
        worker.awaitUp("the standalone worker's connector at " + workerUrl,
                () -> rest("GET", "connectors", null).body().contains("aerospike-sink-fixed-layout"));

        int[] keys = IntStream.range(0, 50).toArray();
        produce(topic, "rows-0", SensorRows.rows(keys));
        for (int key : keys) {
            StoredRecord record = Await.value(Duration.ofSeconds(60), "row " + key + " in sensors.sensors",
                    () -> aerospike.get("sensors", topic, (long) key));
            assertEquals(Map.of("temperature", SensorRows.temperature(key),
                    "humidity", (double) SensorRows.humidity(key),
                    "pressure", (double) SensorRows.pressure(key),
                    "status", (long) SensorRows.status(key)), record.bins(), "row " + key);
        }
        try (Stream<Path> left = Files.list(elsewhere)) {
            assertEquals(List.of(), left.toList(), "the worker writes nothing into its working directory");
        }
    }

    /** The file's lines with the value of each given key replaced; every key must be set in the file already. */
    private static List<String> substitute(Path file, Map<String, String> values) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            String key = eq > 0 && !line.startsWith("#") ? line.substring(0, eq).strip() : null;
            if (key != null && values.containsKey(key)) {
                lines.add(key + "=" + values.get(key));
                replaced.add(key);
            } else {
                lines.add(line);
            }
        }
        assertEquals(values.keySet().stream().sorted().toList(), replaced.stream().sorted().toList(),
                "the keys set in " + file);
        return lines;
    }

    private static Path pluginLib() {
        try (Stream<Path> components = Files.list(PLUGINS)) {
            List<Path> libs = components.map(c -> c.resolve("lib")).filter(Files::isDirectory).toList();
            assertTrue(libs.size() == 1, "one unpacked plugin under " + PLUGINS.toAbsolutePath() + ": " + libs);
            return libs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("no plugin under " + PLUGINS + ": the package phase builds it", e);
        }
    }
}
