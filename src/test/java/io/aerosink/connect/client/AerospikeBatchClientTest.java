package io.aerosink.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.BatchWritePolicy;

import io.aerosink.connect.config.ConnectionConfig;
import io.aerosink.connect.errors.FailureClass;
import io.aerosink.connect.errors.ResultClassifier;
import io.aerosink.connect.testserver.AerospikeTestServer;

/** The client seam against the protocol test server, with the real Aerospike client. */
class AerospikeBatchClientTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private AerospikeTestServer server(AerospikeTestServer.Options options) {
        AerospikeTestServer server = AerospikeTestServer.start(options);
        open.add(server);
        return server;
    }

    private AerospikeBatchClient connect(String hosts, String... settings) {
        Map<String, String> props = new HashMap<>();
        props.put(ConnectionConfig.HOSTS, hosts);
        props.put(ConnectionConfig.TIMEOUT_MS, "2000");
        props.put(ConnectionConfig.CONNECT_TIMEOUT_MS, "2000");
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        AerospikeBatchClient client = AerospikeBatchClient.connect(new ConnectionConfig(props));
        open.add(client);
        return client;
    }

    private static BatchWrite write(long userKey, boolean sendKey) {
        BatchWritePolicy policy = new BatchWritePolicy();
        policy.sendKey = sendKey;
        return new BatchWrite(policy, new Key("test", "s", userKey), new Operation[] {Operation.put(new Bin("v", 1L))});
    }

    @Test
    void theRightUserAndPasswordConnectAndWrite() {
        AerospikeTestServer server = server(new AerospikeTestServer.Options().user("writer", "s3cret"));
        AerospikeBatchClient client = connect(server.host(), ConnectionConfig.USER, "writer",
                ConnectionConfig.PASSWORD, "s3cret");
        client.operate(new ArrayList<>(List.of(write(1, false))), null);
        assertEquals(1L, server.get("test", "s", 1L).bin("v"));
    }

    @Test
    void aWrongPasswordFailsAtStartNamingTheSettingsAndNotThePassword() {
        AerospikeTestServer server = server(new AerospikeTestServer.Options().user("writer", "s3cret"));
        ConnectException e = assertThrows(ConnectException.class, () -> connect(server.host(),
                ConnectionConfig.USER, "writer", ConnectionConfig.PASSWORD, "wrong-one"));
        assertTrue(e.getMessage().contains("aerospike.user") && e.getMessage().contains("aerospike.password")
                && e.getMessage().contains("INVALID_CREDENTIAL") && e.getMessage().contains("'writer'"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-one"), "the password never appears in a message");
    }

    @Test
    void anUnknownUserFailsAtStart() {
        AerospikeTestServer server = server(new AerospikeTestServer.Options().user("writer", "s3cret"));
        ConnectException e = assertThrows(ConnectException.class, () -> connect(server.host(),
                ConnectionConfig.USER, "nobody", ConnectionConfig.PASSWORD, "s3cret"));
        assertTrue(e.getMessage().contains("INVALID_USER"), e.getMessage());
    }

    @Test
    void seedsOfAnotherClusterFailAtStartNamingBothNames() {
        AerospikeTestServer server = server(new AerospikeTestServer.Options().clusterName("sensors-eu"));
        ConnectException e = assertThrows(ConnectException.class, () -> connect(server.host(),
                ConnectionConfig.CLUSTER_NAME, "sensors-us"));
        assertTrue(e.getMessage().contains(ConnectionConfig.CLUSTER_NAME) && e.getMessage().contains("'sensors-us'")
                && e.getMessage().contains("'sensors-eu'"), e.getMessage());
    }

    @Test
    void aClusterNameIsRefusedByANodeWithoutOne() {
        // A server without cluster-name in its configuration answers the info command with "null".
        AerospikeTestServer server = server(new AerospikeTestServer.Options());
        ConnectException e = assertThrows(ConnectException.class, () -> connect(server.host(),
                ConnectionConfig.CLUSTER_NAME, "sensors-us"));
        assertTrue(e.getMessage().contains("cluster name none"), e.getMessage());
    }

    @Test
    void theRightClusterNameConnectsAndWrites() {
        AerospikeTestServer server = server(new AerospikeTestServer.Options().clusterName("sensors-eu"));
        AerospikeBatchClient client = connect(server.host(), ConnectionConfig.CLUSTER_NAME, "sensors-eu");
        client.operate(new ArrayList<>(List.of(write(1, false))), null);
        assertEquals(1L, server.get("test", "s", 1L).bin("v"));
    }

    @Test
    void aClusterThatCannotBeReachedIsAnOutageNotAStartFailure() {
        int port = AerospikeTestServer.freePort();
        AerospikeBatchClient client = connect("127.0.0.1:" + port);
        AerospikeException e = assertThrows(AerospikeException.class,
                () -> client.operate(new ArrayList<>(List.of(write(1, false))), null));
        assertEquals(FailureClass.OUTAGE, ResultClassifier.classifyCode(e.getResultCode()));
    }

    @Test
    void aClusterDownAtStartIsAskedWhetherItRefusesOnlyOnceItAnswers() {
        int port = AerospikeTestServer.freePort();
        AerospikeBatchClient client = connect("127.0.0.1:" + port, ConnectionConfig.CLUSTER_NAME, "sensors-us");
        assertNull(client.refusal(), "nothing answers: an outage");
        server(new AerospikeTestServer.Options().port(port).clusterName("sensors-eu"));
        String refusal = client.refusal();
        assertTrue(refusal != null && refusal.contains(ConnectionConfig.CLUSTER_NAME)
                && refusal.contains("'sensors-eu'"), refusal);
    }

    @Test
    void aClusterThatAcceptsTheClientDoesNotRefuseIt() {
        AerospikeTestServer server = server(new AerospikeTestServer.Options().user("writer", "s3cret"));
        AerospikeBatchClient client = connect(server.host(), ConnectionConfig.USER, "writer",
                ConnectionConfig.PASSWORD, "s3cret");
        assertNull(client.refusal());
    }

    @Test
    void aSessionTokenTheNodeRefusesFailsTheCallAsAnOutageAndTheClientsNextLoginEndsIt() {
        AerospikeTestServer server = server(new AerospikeTestServer.Options().user("writer", "s3cret"));
        AerospikeBatchClient client = connect(server.host(), ConnectionConfig.USER, "writer",
                ConnectionConfig.PASSWORD, "s3cret");
        long logins = server.loginCount();
        server.forgetSessions();
        // No record command has run yet, so the call opens a new socket and authenticates it with the old token.
        AerospikeException e = assertThrows(AerospikeException.class,
                () -> client.operate(new ArrayList<>(List.of(write(1, false))), null));
        assertEquals("Authentication failed", e.getBaseMessage());
        assertEquals(FailureClass.OUTAGE, ResultClassifier.classifyCall(e));
        Awaitility.await("the write after the client logged in again").atMost(Duration.ofSeconds(30))
                .ignoreException(AerospikeException.class)
                .until(() -> {
                    client.operate(new ArrayList<>(List.of(write(1, false))), null);
                    return true;
                });
        assertEquals(1L, server.get("test", "s", 1L).bin("v"));
        assertTrue(server.loginCount() > logins, "the client logged in again");
    }

    @Test
    void sendKeyTakesEffectForAKeyAloneInItsBatch() {
        // Regression (defect 8): client 9.2 sends a one-key batch as a single-record command, which reads
        // sendKey from the BatchPolicy, not the record's BatchWritePolicy: the key was never stored.
        AerospikeTestServer server = server(new AerospikeTestServer.Options());
        AerospikeBatchClient client = connect(server.host());
        client.operate(new ArrayList<>(List.of(write(1, true))), null);
        assertEquals(1L, server.get("test", "s", 1L).userKey());
        client.operate(new ArrayList<>(List.of(write(2, false))), null);
        assertNull(server.get("test", "s", 2L).userKey());
    }

    @Test
    void aBatchMixingSendKeySettingsHonoursEachRecords() {
        AerospikeTestServer server = server(new AerospikeTestServer.Options());
        AerospikeBatchClient client = connect(server.host());
        List<BatchRecord> records = new ArrayList<>(List.of(write(1, true), write(2, false), write(3, true)));
        client.operate(records, null);
        assertEquals(1L, server.get("test", "s", 1L).userKey());
        assertNull(server.get("test", "s", 2L).userKey());
        assertEquals(3L, server.get("test", "s", 3L).userKey());
        records.forEach(r -> assertEquals(ResultCode.OK, r.resultCode));
    }

    @Test
    void theClusterIsDescribedByItsNodesOrAsNotReachableYet() {
        AerospikeTestServer server = server(new AerospikeTestServer.Options());
        Map<String, String> props = Map.of(ConnectionConfig.HOSTS, server.host(), ConnectionConfig.CLUSTER_NAME, "");
        ConnectionConfig config = new ConnectionConfig(props);
        String reachable = connect(server.host()).describeCluster(config);
        assertEquals("cluster with 1 node (seeds " + server.host() + ")", reachable);

        ConnectionConfig down = new ConnectionConfig(Map.of(ConnectionConfig.HOSTS, "127.0.0.1:1",
                ConnectionConfig.CONNECT_TIMEOUT_MS, "500"));
        String unreachable = connect("127.0.0.1:1").describeCluster(down);
        assertEquals("cluster at 127.0.0.1:1, not reachable yet (writes wait for it)", unreachable);
    }
}
