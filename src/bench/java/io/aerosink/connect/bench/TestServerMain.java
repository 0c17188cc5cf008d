package io.aerosink.connect.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * The test server as a process of its own, so that a bench run can give the database its own CPU
 * ({@code SinkBenchmark --server own-core} starts it, see {@link ServerProcess}). Serves namespace {@code test}
 * without a journal and prints {@value #LISTENING} and its address; then answers one line per command on stdin,
 * {@value #CLEAR} (drop every record and collect them), {@value #COUNT} {@code namespace set} or {@value #WRITES}
 * {@code set} (record writes into the set since the last clear: cheap enough to poll while a run goes, where counting
 * the records is not), until stdin closes.
 */
public final class TestServerMain {

    static final String LISTENING = "listening on";
    static final String CLEAR = "clear";
    static final String COUNT = "count";
    static final String WRITES = "writes";

    private TestServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 3300;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            }
        }
        try (AerospikeTestServer server = AerospikeTestServer.start(
                new AerospikeTestServer.Options().port(port).journalCapacity(0))) {
            Map<String, LongAdder> writes = new ConcurrentHashMap<>();
            server.onWrite(r -> writes.computeIfAbsent(String.valueOf(r.setName()), s -> new LongAdder()).increment());
            System.out.println(LISTENING + " " + server.host());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split("\\s+");
                if (words[0].equals(CLEAR)) {
                    server.clear();
                    writes.clear();
                    // As the bench does in its own JVM before each run: the next run must not pay for this one's
                    // records with the server's garbage collections.
                    System.gc();
                    System.out.println("ok");
                } else if (words[0].equals(COUNT) && words.length == 3) {
                    System.out.println(server.records(words[1]).stream().filter(r -> words[2].equals(r.setName())).count());
                } else if (words[0].equals(WRITES) && words.length == 2) {
                    LongAdder n = writes.get(words[1]);
                    System.out.println(n == null ? 0 : n.sum());
                } else {
                    System.out.println("unknown command: " + line);
                }
                System.out.flush();
            }
        }
    }
}
