package io.aerosink.connect.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The test server as a child process with the machine's last core to itself, while this process keeps the others:
 * the database then gets the CPU it would have on hardware of its own, and the raw run measures what it can take
 * rather than what is left to it by the client. Driven by {@link TestServerMain}'s commands on stdin.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader replies;
    private final PrintWriter commands;
    final String host;
    final int serverCore;

    private ServerProcess(Process process, BufferedReader replies, PrintWriter commands, String host, int serverCore) {
        this.process = process;
        this.replies = replies;
        this.commands = commands;
        this.host = host;
        this.serverCore = serverCore;
    }

    /** Starts the server pinned to the last core and pins this process to the others; needs Linux's taskset. */
    static ServerProcess start() throws IOException, InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2 || !Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            throw new IllegalStateException("--server own-core needs at least 2 cores and /usr/bin/taskset");
        }
        int serverCore = cores - 1;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder("taskset", "-c", String.valueOf(serverCore), java,
                "-Xms8g", "-Xmx8g", "-Xmn7g", "-XX:+AlwaysPreTouch", "-cp", System.getProperty("java.class.path"),
                TestServerMain.class.getName(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader replies = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String first = replies.readLine();
        if (first == null || !first.startsWith(TestServerMain.LISTENING)) {
            process.destroyForcibly();
            throw new IllegalStateException("test server process did not start: " + first);
        }
        ServerProcess server = new ServerProcess(process, replies, commands,
                first.substring(TestServerMain.LISTENING.length()).trim(), serverCore);
        try {
            server.pin(ProcessHandle.current().pid(), server.clientCores());
        } catch (IllegalStateException e) {
            process.destroyForcibly();
            throw e;
        }
        return server;
    }

    /** The cores left to the bench, and to the worker it starts: all but the server's. */
    String clientCores() {
        return "0-" + (serverCore - 1);
    }

    /** Pins every thread of process {@code pid} to {@code cores} (taskset's list form). */
    void pin(long pid, String cores) throws InterruptedException {
        int exit;
        try {
            exit = new ProcessBuilder("taskset", "-a", "-p", "-c", cores, String.valueOf(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("taskset could not run", e);
        }
        if (exit != 0) {
            throw new IllegalStateException("taskset could not pin process " + pid + " to cores " + cores);
        }
    }

    /**
     * Moves the bench (and the Kafka broker in it) onto the server's core, so that a worker it starts has the other
     * cores to itself, as a worker has where the broker and the database run on machines of their own.
     */
    void shareServerCore() throws InterruptedException {
        pin(ProcessHandle.current().pid(), String.valueOf(serverCore));
    }

    /** Undoes {@link #shareServerCore()}. */
    void leaveServerCore() throws InterruptedException {
        pin(ProcessHandle.current().pid(), clientCores());
    }

    /** Drops every stored record. */
    void clear() {
        ask(TestServerMain.CLEAR);
    }

    /** Records stored in {@code set} of {@code namespace}. */
    long count(String namespace, String set) {
        return Long.parseLong(ask(TestServerMain.COUNT + " " + namespace + " " + set));
    }

    /** Record writes into {@code set} since the last {@link #clear()}. */
    long writes(String set) {
        return Long.parseLong(ask(TestServerMain.WRITES + " " + set));
    }

    /** The CPU the server process has used so far, all its threads, in nanoseconds. */
    long cpuNanos() {
        return ProcessCpu.processNanos(process.pid());
    }

    private String ask(String command) {
        commands.println(command);
        try {
            String reply = replies.readLine();
            if (reply == null) {
                throw new IllegalStateException("test server process ended");
            }
            return reply;
        } catch (IOException e) {
            throw new IllegalStateException("test server process did not answer '" + command + "'", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        commands.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
