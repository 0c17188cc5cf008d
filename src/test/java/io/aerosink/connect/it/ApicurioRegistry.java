package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Apicurio Registry 3.0.9 per failsafe JVM (in-memory storage, on a free port of 127.0.0.1), started by the
 * first test class that asks for it and stopped when the JVM exits, and the directory holding Apicurio's Kafka
 * Connect converter as a worker plugin. The build fetches both from Maven Central before the integration tests
 * (see the pom's maven-dependency-plugin); the registry's output goes to {@code target/apicurio/registry.log}.
 * The Avro benchmark uses it too, for the converter path.
 */
public final class ApicurioRegistry {

    static final String VERSION = "3.0.9";
    public static final String CONVERTER_CLASS = "io.apicurio.registry.utils.converter.AvroConverter";
    private static final String RUNNER = "apicurio-registry-app-" + VERSION + "-runner.jar";
    private static final String CONVERTER_JAR = "apicurio-avro-converter/apicurio-registry-utils-converter-" + VERSION + ".jar";
    private static final String HOW_TO_GET = "`mvn -B verify` fetches it from Maven Central and puts it there before the"
            + " integration tests; to run an IT from an IDE, run `mvn -B -DskipTests pre-integration-test` once first";
    /** Start-up took 10-45 s on a loaded 2-core machine; the deadline leaves room for worse. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static ApicurioRegistry shared;

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean ready;

    private ApicurioRegistry(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The registry of this JVM, launched on the first call. Returns at once: {@link #awaitReady()} waits for it, so a
     * test class can start its Connect cluster meanwhile.
     */
    public static synchronized ApicurioRegistry shared() {
        if (shared == null) {
            shared = launch();
        }
        return shared;
    }

    /** The worker {@code plugin.path} that holds Apicurio's converter and its jars, and no Kafka jar. */
    public static String converterPluginPath() {
        Path dir = Path.of(System.getProperty("aerosink.apicurio.plugin.path", "target/apicurio/plugins")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve(CONVERTER_JAR))) {
            fail("Apicurio's Kafka Connect converter " + VERSION + " is not in " + dir + " (no " + CONVERTER_JAR + "): "
                    + HOW_TO_GET + ".");
        }
        try (Stream<Path> jars = Files.list(dir.resolve(CONVERTER_JAR).getParent())) {
            List<String> kafka = jars.map(jar -> jar.getFileName().toString())
                    .filter(name -> name.startsWith("kafka-") || name.startsWith("connect-")).toList();
            if (!kafka.isEmpty()) {
                fail("the converter's plugin directory must not hold Kafka jars (the worker has them): " + kafka);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.toString();
    }

    private static ApicurioRegistry launch() {
        Path dir = Path.of(System.getProperty("aerosink.apicurio.registry.dir", "target/apicurio/registry")).toAbsolutePath();
        Path runner = dir.resolve(RUNNER);
        if (!Files.isRegularFile(runner)) {
            fail("Apicurio Registry " + VERSION + " is not unpacked in " + dir + " (no " + RUNNER + "): " + HOW_TO_GET
                    + " (io.apicurio:apicurio-registry-app:" + VERSION + ", classifier all, type tar.gz).");
        }
        int port = freePort();
        Path log = dir.resolveSibling("registry.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-jar", runner.toString());
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ApicurioRegistry registry = new ApicurioRegistry(process, port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(registry::stop, "apicurio-registry-stop"));
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits until the ccompat API answers; fails at once with the log's path if the registry process ends. */
    public ApicurioRegistry awaitReady() {
        if (!ready) {
            Await.until(START_TIMEOUT, "Apicurio Registry to answer on " + ccompatUrl(), () -> {
                if (!process.isAlive()) {
                    fail("Apicurio Registry exited with " + process.exitValue() + " before it answered; see " + log);
                }
                return answers();
            }, () -> "see " + log);
            ready = true;
        }
        return this;
    }

    private boolean answers() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Confluent-compatible API, for registering schemas as a Confluent client does. */
    public String ccompatUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    /** The native v3 API, which Apicurio's converter reads schemas from. */
    public String registryUrl() {
        return "http://127.0.0.1:" + port + "/apis/registry/v3";
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
