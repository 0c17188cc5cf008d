package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A Connect worker (distributed or standalone) in a JVM of its own, for the tests that must load the connector the
 * way a real worker does: from plugin.path only, and for the worker benchmark, which measures its CPU. Its output
 * goes to a log file whose tail explains a failure.
 */
public final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** A free port of 127.0.0.1 for the worker's REST listener. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code main} with {@code args} on {@code classpath}, in {@code directory}, logging at warn unless raised. */
    public static WorkerProcess start(String classpath, String main, List<String> args, List<String> jvmArgs, Path directory,
                               Path log) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, main));
        command.addAll(args);
        try {
            return new WorkerProcess(new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits until {@code up}; fails at once, with the log's tail, if the worker exits first. */
    public void awaitUp(String what, BooleanSupplier up) {
        Await.until(Duration.ofSeconds(120), what, () -> {
            if (!process.isAlive()) {
                // An AssertionError, which Await does not retry: a dead worker will not come up.
                fail("the worker exited with " + process.exitValue() + "; " + logTail());
            }
            return up.getAsBoolean();
        }, this::logTail);
    }

    /** The worker's operating-system process id, whose CPU counters are under /proc/&lt;pid&gt;. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "worker log (" + log + "):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "no worker log: " + e;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
