package io.aerosink.connect.bench;

import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * The in-process test server as a process of its own, so that a bench run can give the database its own CPU:
 * {@code taskset -c 1 ... TestServerMain --port 3300} beside {@code taskset -c 0 ... SinkBenchmark --hosts
 * 127.0.0.1:3300}. Serves namespace {@code test} without a journal until stdin closes or the process is killed.
 */
public final class TestServerMain {

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
            System.out.println("AerospikeTestServer listening on " + server.host());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
