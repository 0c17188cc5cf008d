package io.aerosink.connect.client;

import java.util.List;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.ClientPolicy;

import io.aerosink.connect.config.ConnectionConfig;

/** {@link BatchClient} over the Aerospike Java client. */
public final class AerospikeBatchClient implements BatchClient {

    private final IAerospikeClient client;
    private final BatchPolicy policy;

    AerospikeBatchClient(IAerospikeClient client, BatchPolicy policy) {
        this.client = client;
        this.policy = policy;
    }

    /** Connects to the cluster; throws {@code AerospikeException} when no seed answers. */
    public static AerospikeBatchClient connect(ConnectionConfig config) {
        ClientPolicy clientPolicy = new ClientPolicy();
        clientPolicy.timeout = config.connectTimeoutMs();
        if (!config.user().isBlank()) {
            clientPolicy.user = config.user();
            clientPolicy.password = config.password().value();
        }
        if (!config.clusterName().isBlank()) {
            clientPolicy.clusterName = config.clusterName();
        }
        // A cluster that is down when the task starts is an outage like any other: writes wait for it.
        clientPolicy.failIfNotConnected = false;
        return new AerospikeBatchClient(new AerospikeClient(clientPolicy, config.hosts().toArray(new com.aerospike.client.Host[0])),
                batchPolicy(config));
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

    @Override
    public void operate(List<BatchRecord> records) {
        client.operate(policy, records);
    }

    @Override
    public void close() {
        client.close();
    }
}
