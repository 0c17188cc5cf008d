package io.aerosink.connect.write;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;

import io.aerosink.connect.client.AerospikeBatchClient;
import io.aerosink.connect.config.ConnectionConfig;
import io.aerosink.connect.config.WriteConfig;
import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * A {@link BatchWriter} sending through the real Aerospike client to the protocol test server, with the task
 * thread's part played by {@link Writes}: for tests of what a real server makes of the writes.
 */
final class LiveWritePath implements AutoCloseable {

    final AerospikeTestServer server;
    final AerospikeBatchClient client;
    final Writes writes = new Writes();
    BatchWriter writer;

    LiveWritePath(AerospikeTestServer.Options options, String callTimeoutMs) {
        server = AerospikeTestServer.start(options);
        client = AerospikeBatchClient.connect(new ConnectionConfig(Map.of(
                ConnectionConfig.HOSTS, server.host(), ConnectionConfig.TIMEOUT_MS, callTimeoutMs)));
    }

    /** Starts the writer with these write settings, linger.ms 0 unless given. */
    BatchWriter start(Map<String, String> settings, String name) {
        Map<String, String> config = new HashMap<>(Map.of(WriteConfig.LINGER_MS, "0"));
        config.putAll(settings);
        writer = new BatchWriter(client, new WriteConfig(config), name, System::nanoTime);
        return writer;
    }

    /** Settles what the writer finished until {@code done} holds. */
    void settleUntil(String what, Duration atMost, BooleanSupplier done) {
        Awaitility.await(what).atMost(atMost).until(() -> {
            writes.settle(writer);
            return done.getAsBoolean();
        });
    }

    @Override
    public void close() throws InterruptedException {
        if (writer != null) {
            writer.stop(5_000);
        }
        client.close();
        server.close();
    }
}
