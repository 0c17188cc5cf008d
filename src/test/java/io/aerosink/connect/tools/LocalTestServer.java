package io.aerosink.connect.tools;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * Runs the in-process Aerospike test server as a process of its own, so {@code bin/local-stack} can demo the whole
 * pipeline where no Aerospike is installed. Prints the record count of each namespace when it changes.
 *
 * <p>Arguments: {@code PORT NAMESPACE...}
 */
public final class LocalTestServer {

    private LocalTestServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: LocalTestServer PORT NAMESPACE...");
            System.exit(2);
        }
        String[] namespaces = Arrays.copyOfRange(args, 1, args.length);
        AerospikeTestServer server = AerospikeTestServer.start(
                new AerospikeTestServer.Options().port(Integer.parseInt(args[0])).namespaces(namespaces));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("Aerospike test server listening on " + server.host());
        String last = "";
        while (!stopped.await(2, TimeUnit.SECONDS)) {
            StringBuilder counts = new StringBuilder();
            for (String namespace : namespaces) {
                counts.append(namespace).append('=').append(server.recordCount(namespace)).append(' ');
            }
            if (!counts.toString().equals(last)) {
                last = counts.toString();
                System.out.println("records: " + last.strip());
            }
        }
    }
}
