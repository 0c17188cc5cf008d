package io.aerosink.connect.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.management.AttributeNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aerosink.connect.it.PluginInstall;
import io.aerosink.connect.it.WorkerProcess;

/**
 * A distributed Connect worker in a JVM of its own, as users run one: the plugin archive of {@code mvn package}
 * unzipped into its plugin.path, none of the plugin's jars on its classpath, connectors created by JSON over REST.
 * Its metrics are read over JMX, as a monitoring agent would, and only between measurements.
 */
final class ConnectWorker implements AutoCloseable {

    static final Path COMPONENTS = Path.of("target", "components");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkerProcess process;
    private final String url;
    private final JMXConnector jmxConnector;
    private final MBeanServerConnection jmx;
    private final HttpClient http = HttpClient.newHttpClient();

    private ConnectWorker(WorkerProcess process, String url, JMXConnector jmxConnector) throws IOException {
        this.process = process;
        this.url = url;
        this.jmxConnector = jmxConnector;
        this.jmx = jmxConnector.getMBeanServerConnection();
    }

    /** Unzips the plugin archive into {@code pluginPath} (emptied first) and returns the component's lib/. */
    static Path install(Path pluginPath) throws IOException {
        if (Files.exists(pluginPath)) {
            try (Stream<Path> files = Files.walk(pluginPath)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(pluginPath);
        return PluginInstall.unzip(PluginInstall.archive(COMPONENTS), pluginPath).resolve("lib");
    }

    /**
     * Starts worker {@code id} against {@code bootstrap} with {@code jvmArgs}, and waits until its REST API answers.
     */
    static ConnectWorker start(int id, Path dir, Path pluginPath, Path lib, String bootstrap, List<String> jvmArgs)
            throws IOException {
        int restPort = WorkerProcess.freePort();
        int jmxPort = WorkerProcess.freePort();
        Path props = dir.toAbsolutePath().resolve("worker-" + id + ".properties");
        Files.writeString(props, String.join("\n",
                "bootstrap.servers=" + bootstrap,
                "listeners=http://127.0.0.1:" + restPort,
                "group.id=aerosink-bench-worker-" + id,
                "config.storage.topic=bench-worker-" + id + "-configs",
                "offset.storage.topic=bench-worker-" + id + "-offsets",
                "status.storage.topic=bench-worker-" + id + "-status",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.converters.ByteArrayConverter",
                "plugin.discovery=service_load",
                "plugin.path=" + pluginPath.toAbsolutePath(),
                ""));
        List<String> args = new ArrayList<>(jvmArgs);
        args.addAll(List.of("-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-Djava.rmi.server.hostname=127.0.0.1"));
        WorkerProcess process = WorkerProcess.start(PluginInstall.workerClasspath(lib),
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(props.toString()), args, dir,
                dir.resolve("worker-" + id + ".log"));
        String url = "http://127.0.0.1:" + restPort + "/";
        HttpClient probe = HttpClient.newHttpClient();
        process.awaitUp("the worker's REST API at " + url, () -> status(probe, "GET", url + "connectors", null) == 200);
        JMXConnector jmx = JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
        return new ConnectWorker(process, url, jmx);
    }

    long pid() {
        return process.pid();
    }

    /** POSTs {@code {"name": name, "config": config}} to /connectors. */
    void create(String name, Map<String, String> config) throws IOException {
        String body = JSON.writeValueAsString(Map.of("name", name, "config", config));
        int status = status(http, "POST", url + "connectors", body);
        if (status != 201) {
            throw new IllegalStateException("creating connector " + name + " answered " + status + "; "
                    + process.logTail());
        }
    }

    /**
     * PUTs /connectors/{name}/pause and waits until the worker reports every task PAUSED: its consumer stays in the
     * group and fetches nothing until {@link #resume}.
     */
    void pause(String name) throws InterruptedException {
        status(http, "PUT", url + "connectors/" + name + "/pause", null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!tasksAre(name, "PAUSED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("connector " + name + " not paused a minute after PUT pause; "
                        + process.logTail());
            }
            Thread.sleep(50);
        }
    }

    /** PUTs /connectors/{name}/resume. */
    void resume(String name) {
        int status = status(http, "PUT", url + "connectors/" + name + "/resume", null);
        if (status != 202) {
            throw new IllegalStateException("resuming connector " + name + " answered " + status + "; "
                    + process.logTail());
        }
    }

    private boolean tasksAre(String name, String state) {
        HttpResponse<String> response = send(http, "GET", url + "connectors/" + name + "/status", null);
        if (response == null || response.statusCode() != 200) {
            return false;
        }
        try {
            JsonNode tasks = JSON.readTree(response.body()).path("tasks");
            if (tasks.isEmpty()) {
                return false;
            }
            for (JsonNode task : tasks) {
                if (!state.equals(task.path("state").asText())) {
                    return false;
                }
            }
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Connect's count of records its consumer handed to the connector's task; 0 before the task has polled. */
    long recordsRead(String connector) {
        return attribute("kafka.connect:type=sink-task-metrics,connector=" + connector + ",task=0",
                "sink-record-read-total");
    }

    /** One of the sink's own task counters ({@code batch-calls-total}, {@code records-written-total}, ...). */
    long sinkCounter(String connector, String attribute) {
        try {
            long sum = 0;
            for (ObjectName name : jmx.queryNames(new ObjectName("io.aerosink:type=sink-task-metrics,connector="
                    + connector + ",*"), null)) {
                if (name.getKeyProperty("topic") == null) {
                    sum += ((Number) jmx.getAttribute(name, attribute)).longValue();
                }
            }
            return sum;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + attribute + " of " + connector + " over JMX", e);
        }
    }

    String logTail() {
        return process.logTail();
    }

    private long attribute(String objectName, String attribute) {
        try {
            ObjectName name = new ObjectName(objectName);
            return jmx.isRegistered(name) ? ((Number) jmx.getAttribute(name, attribute)).longValue() : 0;
        } catch (AttributeNotFoundException notYet) {
            // Connect registers a task's bean before the metric within it.
            return 0;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + attribute + " of " + objectName + " over JMX", e);
        }
    }

    private static int status(HttpClient http, String method, String url, String body) {
        HttpResponse<String> response = send(http, method, url, body);
        return response == null ? -1 : response.statusCode();
    }

    /** The worker's answer, or null while it does not answer. */
    private static HttpResponse<String> send(HttpClient http, String method, String url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException notUpYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        jmxConnector.close();
        process.close();
    }
}
