package io.aerosink.connect.client;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.errors.ConnectException;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Host;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.exp.Expression;
import com.aerospike.client.policy.AuthMode;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.ClientPolicy;

import io.aerosink.connect.config.ConnectionConfig;

/** {@link BatchClient} over the Aerospike Java client. */
public final class AerospikeBatchClient implements BatchClient {

    private final IAerospikeClient client;
    /** The call's policy with sendKey off and on; see {@link #operate}. */
    private final BatchPolicy withoutKey;
    private final BatchPolicy withKey;
    /** How the client connects, for {@link #refusal}'s own connection. */
    private final ClientPolicy clientPolicy;
    private final ConnectionConfig config;

    private AerospikeBatchClient(IAerospikeClient client, ClientPolicy clientPolicy, ConnectionConfig config) {
        this.client = client;
        this.clientPolicy = clientPolicy;
        this.config = config;
        BatchPolicy policy = batchPolicy(config);
        this.withoutKey = new BatchPolicy(policy);
        this.withoutKey.sendKey = false;
        this.withKey = new BatchPolicy(policy);
        this.withKey.sendKey = true;
    }

    /**
     * Connects to the cluster. A refused login, a refused TLS handshake or seeds of another cluster (by
     * {@code aerospike.cluster.name}) fail at once, naming the settings to fix;
     * a cluster that cannot be reached is an outage like any other, which the writes wait out.
     */
    public static AerospikeBatchClient connect(ConnectionConfig config) {
        ClientLog.bridge();
        ClientPolicy clientPolicy = new ClientPolicy();
        clientPolicy.timeout = config.connectTimeoutMs();
        clientPolicy.tlsPolicy = TlsPolicies.of(config.tls());
        clientPolicy.authMode = config.authMode();
        // With PKI the certificate names the user; the client refuses a password alongside it.
        if (config.authMode() != AuthMode.PKI && !config.user().isBlank()) {
            clientPolicy.user = config.user();
            clientPolicy.password = config.password().value();
        }
        if (!config.clusterName().isBlank()) {
            clientPolicy.clusterName = config.clusterName();
        }
        clientPolicy.failIfNotConnected = true;
        IAerospikeClient client;
        try {
            client = new AerospikeClient(clientPolicy, hosts(config));
        } catch (AerospikeException e) {
            String refusal = refusal(e, clientPolicy, config);
            if (refusal != null) {
                throw new ConnectException(refusal, e);
            }
            // Down when the task starts: the cluster is found once it is back.
            clientPolicy.failIfNotConnected = false;
            client = new AerospikeClient(clientPolicy, hosts(config));
        }
        return new AerospikeBatchClient(client, clientPolicy, config);
    }

    /**
     * Connects once more, with a client of its own, when this one has no node: a cluster that was down when the
     * task started and came back refusing it, or whose login changed meanwhile, shows to this client only as an
     * empty cluster, for ever. A cluster this client is connected to accepts it, and is not asked.
     */
    @Override
    public String refusal() {
        if (client.getNodes().length > 0) {
            return null;
        }
        ClientPolicy probe = new ClientPolicy(clientPolicy);
        probe.failIfNotConnected = true;
        try (AerospikeClient connected = new AerospikeClient(probe, hosts(config))) {
            return null;
        } catch (AerospikeException e) {
            return refusal(e, probe, config);
        }
    }

    /** What a failed connection says to fix, or null when the seeds could not be reached (an outage). */
    private static String refusal(AerospikeException e, ClientPolicy clientPolicy, ConnectionConfig config) {
        Integer login = LoginRefusal.codeOf(e);
        if (login != null) {
            return LoginRefusal.message(login, config);
        }
        String otherCluster = ClusterNameRefusal.problem(e, config);
        if (otherCluster != null) {
            return otherCluster;
        }
        return clientPolicy.tlsPolicy == null ? null : TlsRefusal.problem(e, clientPolicy.tlsPolicy, config);
    }

    private static Host[] hosts(ConnectionConfig config) {
        return config.hosts().toArray(new Host[0]);
    }

    /** The cluster as the client sees it now, for the task's start line: its name when checked, and its nodes. */
    public String describeCluster(ConnectionConfig config) {
        Node[] nodes = client.getNodes();
        String seeds = String.join(",", config.hosts().stream().map(h -> h.name + ":" + h.port).toList());
        String name = config.clusterName().isBlank() ? "cluster" : "cluster '" + config.clusterName() + "'";
        if (nodes.length == 0) {
            return name + " at " + seeds + ", not reachable yet (writes wait for it)";
        }
        return name + " with " + nodes.length + (nodes.length == 1 ? " node" : " nodes") + " (seeds " + seeds + ")";
    }

    static BatchPolicy batchPolicy(ConnectionConfig config) {
        BatchPolicy policy = BatchPolicy.WriteDefault();
        policy.totalTimeout = config.timeoutMs();
        policy.socketTimeout = config.timeoutMs();
        // The write path retries per key with its own backoff and tells outages from key failures;
        // retries inside the client would only blur which attempt was in doubt.
        policy.maxRetries = 0;
        return policy;
    }

    /**
     * Runs the batch with the {@code sendKey} its records ask for. The client sends a key that is alone on its
     * node as a single-record command, which takes {@code sendKey} from the {@link BatchPolicy} rather than the
     * record's own policy; so the call's policy must agree with its records, and a batch mixing topics of both
     * settings goes as two calls.
     */
    @Override
    public void operate(List<BatchRecord> records, Expression batchFilter) {
        List<BatchRecord> keyed = new ArrayList<>();
        List<BatchRecord> unkeyed = new ArrayList<>();
        for (BatchRecord record : records) {
            (sendsKey(record) ? keyed : unkeyed).add(record);
        }
        if (unkeyed.isEmpty() || keyed.isEmpty()) {
            client.operate(policy(keyed.isEmpty() ? withoutKey : withKey, batchFilter), records);
            return;
        }
        AerospikeException first = null;
        for (List<BatchRecord> part : List.of(keyed, unkeyed)) {
            try {
                client.operate(policy(part == keyed ? withKey : withoutKey, batchFilter), part);
            } catch (AerospikeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The call's policy; a filter of the call's own makes a copy, since the policies are shared by the writers. */
    private static BatchPolicy policy(BatchPolicy shared, Expression batchFilter) {
        if (batchFilter == null) {
            return shared;
        }
        BatchPolicy policy = new BatchPolicy(shared);
        policy.filterExp = batchFilter;
        return policy;
    }

    @Override
    public Record[] get(Key[] keys, String... binNames) {
        return client.get(withoutKey, keys, binNames);
    }

    private static boolean sendsKey(BatchRecord record) {
        if (record instanceof BatchWrite write) {
            return write.policy != null && write.policy.sendKey;
        }
        if (record instanceof BatchDelete delete) {
            return delete.policy != null && delete.policy.sendKey;
        }
        return false;
    }

    @Override
    public void close() {
        client.close();
    }
}
