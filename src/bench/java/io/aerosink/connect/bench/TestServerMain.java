package io.aerosink.connect.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * The test server as a process of its own, so that a bench run can give the database its own CPU
 * ({@code SinkBenchmark --server own-core} starts it, see {@link ServerProcess}). Serves namespace {@code test}
 * without a journal and prints {@value #LISTENING} and its address; then answers one line per command on stdin,
 * {@value #CLEAR} (drop every record and collect them) or {@value #COUNT} {@code namespace set}, until stdin closes.
 */
public final class TestServerMain {

    static final String LISTENING = "listening on";
    static final String CLEAR = "clear";
    static final String COUNT = "count";

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
            System.out.println(LISTENING + " " + server.host());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split("\\s+");
                if (words[0].equals(CLEAR)) {
                    server.clear();
                    // As the bench does in its own JVM before each run: the next run must not pay for this one's
                    // records with the server's garbage collections.
                    System.gc();
                    System.out.println("ok");
                } else if (words[0].equals(COUNT) && words.length == 3) {
                    System.out.println(server.records(words[1]).stream().filter(r -> words[2].equals(r.setName())).count());
                } else {
                    System.out.println("unknown command: " + line);
                }
                System.out.flush();
            }
        }
    }
}
