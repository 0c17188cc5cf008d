package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * What a user of {@code bin/local-stack start} gets on its metrics URL: the script runs the broker and the worker, with
 * the JMX exporter agent and config/jmx-exporter.yml, registers the fixed-layout example and produces sensor rows
 * (every row its own key, so nothing folds); Aerospike is the test server in this JVM. The scrape has the sink's
 * series with the values the run implies, each typed as counter or gauge, a few of Connect's, and every series
 * the Grafana dashboard of docker/ queries.
 */
class MetricsScrapeIT {

    private static final int ROWS = 3000;
    private static final int ROWS_PER_MESSAGE = 100;
    /** Not the default (20,000): the gauge must show the configured bound. */
    private static final int MAX_BUFFERED = 7000;
    private static final Path DASHBOARD = Path.of("docker", "grafana", "dashboards", "aerosink.json");

    /** Kept after the run, with the worker's and the broker's logs under stack/logs. */
    private static final Path WORK = Path.of("target", "metrics-scrape-it").toAbsolutePath();

    @Test
    void theLocalStackWorkerServesTheSinksSeriesAndEveryOneTheDashboardQueries() throws Exception {
        ObjectNode request = ExampleConfigs.read("aerospike-sink-fixed-layout.json");
        String connector = request.get("name").asText();
        String topic = request.get("config").get("topics").asText();
        ((ObjectNode) request.get("config")).put("max.buffered.records", String.valueOf(MAX_BUFFERED));
        Files.createDirectories(WORK);
        Path config = WORK.resolve("connector.json");
        Files.writeString(config, ConnectTestBase.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(request));
        int metricsPort = WorkerProcess.freePort();
        String metricsUrl = "http://127.0.0.1:" + metricsPort + "/metrics";

        String namespace = request.get("config").get("aerospike.namespace").asText();
        try (AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options()
                .namespaces(namespace))) {
            Map<String, String> env = new HashMap<>(Map.of("LOCAL_STACK_DIR", WORK.resolve("stack").toString(),
                    "AEROSPIKE_HOSTS", server.host(), "CONNECTOR_CONFIG", config.toString(), "READY_TIMEOUT", "180",
                    "SENSOR_ROWS", String.valueOf(ROWS), "SENSOR_KEYS", String.valueOf(ROWS),
                    "SENSOR_ROWS_PER_MESSAGE", String.valueOf(ROWS_PER_MESSAGE)));
            for (String port : List.of("KAFKA_PORT", "CONTROLLER_PORT", "CONNECT_PORT")) {
                env.put(port, String.valueOf(WorkerProcess.freePort()));
            }
            env.put("METRICS_PORT", String.valueOf(metricsPort));
            // clean: stops what an aborted earlier run may have left, and starts from empty topics.
            localStack(env, "clean");
            try {
                String out = localStack(env, "start");
                assertTrue(out.contains("metrics on " + metricsUrl), out);

                List<Map<String, String>> tasks = taskBeans(awaitScrape(metricsUrl, "the task's series",
                        s -> !taskBeans(s, connector).isEmpty()), connector);
                assertEquals(1, tasks.size(), "tasks.max is 1: " + tasks);
                Map<String, String> task = tasks.get(0);
                assertEquals("0", task.get("task"), "the task label of Connect's own series of the one task: " + task);
                Map<String, String> ofTopic = new HashMap<>(task);
                ofTopic.put("topic", topic);
                // The topic's bean is registered as its first writes settle, and a scrape is not atomic: it reads
                // the beans one after another, so one may list the topic's bean, or read its count, just before
                // those writes are counted and still read the task's count after. A later scrape has both.
                PrometheusScrape scrape = awaitScrape(metricsUrl, "every row written and nothing held",
                        s -> s.value("aerosink_records_written_total", task).orElse(-1) == ROWS
                                && s.value("aerosink_records_written_total", ofTopic).orElse(-1) == ROWS
                                && s.value("aerosink_records_buffered", task).orElse(-1) == 0);
                assertEquals(ROWS, server.recordCount(namespace));
                assertSinkSeries(scrape, task, ofTopic);
                assertConnectSeries(scrape, connector);
                assertDashboardQueriesOnlyScrapedSeries(scrape);
                assertComposeMountsTheBuiltAgent();
            } finally {
                localStack(env, "stop");
            }
        }
    }

    /** The label sets of the connector's task beans (not its topic beans) in a scrape. */
    private static List<Map<String, String>> taskBeans(PrometheusScrape scrape, String connector) {
        return scrape.samples("aerosink_records_written_total").stream().map(PrometheusScrape.Sample::labels)
                .filter(l -> connector.equals(l.get("connector")) && !l.containsKey("topic")).toList();
    }

    /** Scrapes until {@code condition} holds of a scrape, and returns that one. */
    private static PrometheusScrape awaitScrape(String url, String what, Predicate<PrometheusScrape> condition) {
        AtomicReference<PrometheusScrape> last = new AtomicReference<>();
        Await.until(Duration.ofSeconds(120), what + " on " + url, () -> {
            last.set(PrometheusScrape.fetch(url));
            return last.get() != null && condition.test(last.get());
        }, () -> last.get() == null ? "no answer" : last.get().samples("aerosink_").toString());
        return last.get();
    }

    private static void assertSinkSeries(PrometheusScrape scrape, Map<String, String> task,
                                         Map<String, String> ofTopic) {
        assertEquals(ROWS, value(scrape, "aerosink_records_written_total", ofTopic));
        assertEquals(0, value(scrape, "aerosink_records_dead_lettered_total", task));
        assertEquals(0, value(scrape, "aerosink_records_dead_lettered_total", ofTopic));
        assertEquals(0, value(scrape, "aerosink_records_folded_total", task), "every row has a key of its own");
        assertEquals(MAX_BUFFERED, value(scrape, "aerosink_records_buffered_max", task));
        assertEquals(0, value(scrape, "aerosink_outage", task));
        assertEquals(0, value(scrape, "aerosink_outage_seconds", task));
        assertEquals(0, value(scrape, "aerosink_last_result_code", task));
        assertEquals(0, value(scrape, "aerosink_batches_in_flight", task));
        assertTrue(value(scrape, "aerosink_batch_calls_total", task) >= 1);
        double p50 = value(scrape, "aerosink_batch_latency_p50_ms", task);
        double p99 = value(scrape, "aerosink_batch_latency_p99_ms", task);
        double max = value(scrape, "aerosink_batch_latency_max_ms", task);
        assertTrue(0 < p50 && p50 <= p99 && p99 <= max, "p50 " + p50 + ", p99 " + p99 + ", max " + max);
        // Grows from the newest written record's timestamp on: positive once rows with timestamps are written.
        assertTrue(value(scrape, "aerosink_event_time_lag_ms", task) > 0);
        assertTrue(value(scrape, "aerosink_event_time_lag_ms", ofTopic) > 0);

        Set<String> names = new TreeSet<>();
        scrape.samples("aerosink_").forEach(s -> names.add(s.name()));
        for (String name : names) {
            assertEquals(name.endsWith("_total") ? "counter" : "gauge", scrape.type(name), name);
        }
    }

    /** Connect's own view of the task; its task label is Connect's task number, not the sink's id. */
    private static void assertConnectSeries(PrometheusScrape scrape, String connector) {
        Map<String, String> task = Map.of("connector", connector, "task", "0");
        assertEquals(ROWS / ROWS_PER_MESSAGE, value(scrape, "kafka_connect_sink_task_sink_record_read_total", task),
                "Connect counts Kafka records, each one message of " + ROWS_PER_MESSAGE + " rows");
        assertEquals("counter", scrape.type("kafka_connect_sink_task_offset_commit_completion_total"));
        assertTrue(value(scrape, "kafka_connect_sink_task_partition_count", task) >= 1);
        assertTrue(scrape.value("kafka_connect_sink_consumer_records_lag_max", task).isPresent(), scrape.text());
    }

    /** Docker cannot run here: instead every metric the dashboard's PromQL names must be among the scraped ones. */
    private static void assertDashboardQueriesOnlyScrapedSeries(PrometheusScrape scrape) throws IOException {
        JsonNode dashboard = ConnectTestBase.JSON.readTree(DASHBOARD.toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                queried.addAll(PromQlMetricNames.of(target.get("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            JsonNode query = variable.get("query");
            queried.addAll(PromQlMetricNames.ofVariableQuery((query.isObject() ? query.get("query") : query).asText()));
        }
        assertTrue(queried.contains("aerosink_records_written_total"), "names read from the dashboard: " + queried);
        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(scrape.names());
        assertTrue(missing.isEmpty(), "the dashboard queries series the exporter does not emit: " + missing
                + "; emitted: " + scrape.names());
    }

    /** docker/compose.yml mounts the agent from where the build (the pom's jmx.exporter.agent) puts it. */
    @SuppressWarnings("unchecked")
    private static void assertComposeMountsTheBuiltAgent() throws IOException {
        Path agent = Path.of(System.getProperty("aerosink.jmx.exporter.agent"));
        assertTrue(Files.isRegularFile(agent), agent + " after mvn package");
        try (Reader reader = Files.newBufferedReader(Path.of("docker", "compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            Map<String, Object> connect = (Map<String, Object>) ((Map<String, Object>) compose.get("services"))
                    .get("connect");
            List<Path> sources = ((List<String>) connect.get("volumes")).stream()
                    .map(v -> Path.of("docker").resolve(v.split(":")[0]).toAbsolutePath().normalize()).toList();
            assertTrue(sources.contains(agent.toAbsolutePath().normalize()), sources.toString());
        }
    }

    private static double value(PrometheusScrape scrape, String name, Map<String, String> labels) {
        return scrape.value(name, labels).orElseThrow(() -> new AssertionError(
                "no " + name + labels + " in the scrape:\n" + scrape.text()));
    }

    /**
     * Runs {@code bin/local-stack <command>} and returns its output, kept in target/ too. Start fetches Kafka's jars
     * into the fresh work directory, hence its long deadline.
     */
    private static String localStack(Map<String, String> env, String command) throws IOException, InterruptedException {
        Path log = Path.of("target", "metrics-scrape-it-local-stack-" + command + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "bin/local-stack", command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("local-stack " + command + " did not finish in 10 minutes; see " + log);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "local-stack " + command + ":\n" + out + "\nworker and broker logs in "
                + env.get("LOCAL_STACK_DIR") + "/logs");
        return out;
    }
}
