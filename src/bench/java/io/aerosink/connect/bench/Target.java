package io.aerosink.connect.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;

import io.aerosink.connect.AerospikeSinkConnector;
import io.aerosink.connect.config.ConnectionConfig;
import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * The Aerospike every run writes to: the in-process test server, the test server in a process on a core of its own,
 * or a cluster named by {@code --hosts}.
 */
final class Target implements AutoCloseable {

    final BenchOptions options;
    /** The in-process server, or null for an external cluster. */
    final AerospikeTestServer server;
    /** The test server's own process, or null. */
    private final ServerProcess process;
    final String hosts;

    private Target(BenchOptions options, AerospikeTestServer server, ServerProcess process, String hosts) {
        this.options = options;
        this.server = server;
        this.process = process;
        this.hosts = hosts;
    }

    static Target start(BenchOptions options) throws IOException, InterruptedException {
        if (options.serverOwnCore) {
            ServerProcess process = ServerProcess.start();
            return new Target(options, null, process, process.host);
        }
        if (!options.inProcess()) {
            return new Target(options, null, null, options.hosts);
        }
        // No journal: a benchmark has no use for the last requests decoded, and building them is not free.
        AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options()
                .namespaces(options.namespace).journalCapacity(0));
        return new Target(options, server, null, server.host());
    }

    String describe() {
        if (process != null) {
            return "AerospikeTestServer at " + hosts + " in a process of its own on core " + process.serverCore
                    + "; the bench on cores 0-" + (process.serverCore - 1);
        }
        return server != null ? "in-process AerospikeTestServer at " + hosts : "Aerospike cluster at " + hosts;
    }

    /** True when the runs write to a test server, whose record counts are exact. */
    boolean exactCounts() {
        return server != null || process != null;
    }

    /** A plain client to the target, for the naive run and for counting. */
    IAerospikeClient client() {
        List<Host> seeds = new ConnectionConfig(Map.of(ConnectionConfig.HOSTS, hosts)).hosts();
        return new AerospikeClient(new ClientPolicy(), seeds.toArray(new Host[0]));
    }

    /**
     * Frees the in-process server's memory between runs. A cluster keeps its records (runs use their own sets) unless
     * {@code --truncate true} asks to truncate the set just written.
     */
    void clear(IAerospikeClient client, String set) {
        if (server != null || process != null) {
            clear();
        } else if (options.truncate) {
            for (Node node : client.getNodes()) {
                Info.request(node, "truncate:namespace=" + options.namespace + ";set=" + set);
            }
        }
    }

    void clear() {
        if (server != null) {
            server.clear();
        } else if (process != null) {
            process.clear();
        }
    }

    /**
     * CPU by thread kind so far ({@link CpuByThreadKind#snapshot()}), with the test server's own process counted as
     * {@link CpuByThreadKind#SERVER} when it has one: its CPU is then the database's cost per row, which the bench
     * JVM's counters do not see.
     */
    Map<String, Long> cpuByKind() {
        Map<String, Long> byKind = CpuByThreadKind.snapshot();
        if (process != null && !byKind.isEmpty()) {
            byKind.merge(CpuByThreadKind.SERVER, process.cpuNanos(), Long::sum);
        }
        return byKind;
    }

    /**
     * Gives a worker process the client cores to itself: the worker stays on them, and the bench with its broker
     * moves to the server's core until {@link #leaveWorkerCores()}.
     */
    void giveWorkerCores(long workerPid) throws InterruptedException {
        ownProcess().pin(workerPid, process.clientCores());
        process.shareServerCore();
    }

    void leaveWorkerCores() throws InterruptedException {
        ownProcess().leaveServerCore();
    }

    /** The test server process's CPU so far, in nanoseconds. */
    long serverCpuNanos() {
        return ownProcess().cpuNanos();
    }

    private ServerProcess ownProcess() {
        if (process == null) {
            throw new IllegalStateException("needs the test server in a process of its own (--server own-core)");
        }
        return process;
    }

    /** Record writes into {@code set} since the last clear; only the test server in a process of its own counts them. */
    long writes(String set) {
        return ownProcess().writes(set);
    }

    /**
     * Records in {@code set}: exact from a test server, from the {@code sets} info command on a cluster; -1 when the
     * cluster does not answer it.
     */
    long count(IAerospikeClient client, String set) {
        if (server != null) {
            return server.records(options.namespace).stream().filter(r -> set.equals(r.setName())).count();
        }
        if (process != null) {
            return process.count(options.namespace, set);
        }
        long total = -1;
        for (Node node : client.getNodes()) {
            String info = Info.request(node, "sets/" + options.namespace + "/" + set);
            for (String kv : info.split("[:;]")) {
                if (kv.startsWith("objects=")) {
                    total = Math.max(total, 0) + Long.parseLong(kv.substring("objects=".length()));
                }
            }
        }
        return total;
    }

    /** The connector's settings for a run writing to {@code set}; {@code extra} adds or overrides. */
    Map<String, String> connectorProps(String set, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "aerosink-bench");
        props.put("connector.class", AerospikeSinkConnector.class.getName());
        props.put("tasks.max", "1");
        props.put("aerospike.hosts", hosts);
        props.put("aerospike.namespace", options.namespace);
        props.put("aerospike.set", set);
        props.put("batch.size", String.valueOf(options.batchSize));
        props.put("linger.ms", String.valueOf(options.lingerMs));
        props.put("max.in.flight.batches", String.valueOf(options.inFlight));
        props.put("max.buffered.records", String.valueOf(options.maxBuffered));
        props.putAll(extra);
        return props;
    }

    static Map<String, String> fixedLayout() {
        return Map.of("value.format", "fixed", "value.layout", SensorRows.LAYOUT);
    }

    @Override
    public void close() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (process != null) {
            process.close();
        }
    }
}
