package io.aerosink.connect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;

import io.aerosink.connect.config.ConnectionConfig;
import io.aerosink.connect.config.TlsConfig;
import io.aerosink.connect.errors.FailureClass;
import io.aerosink.connect.errors.ResultClassifier;
import io.aerosink.connect.testserver.AerospikeTestServer;
import io.aerosink.connect.tls.TestCertificates;

/**
 * {@link AerospikeBatchClient#connect} over TLS against the test server: each TLS setup the node refuses fails at
 * start naming the setting to fix, while a cluster that is down stays an outage.
 */
class TlsConnectTest {
    private static final String TLS_NAME = "node-1.aerospike";
    private static final TestCertificates CERTIFICATES = TestCertificates.forHost("connect-test-ca", TLS_NAME);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private AerospikeTestServer server(boolean requireClientCertificate) {
        AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options()
                .tls(CERTIFICATES.serverContext(), requireClientCertificate).pkiUser("connect"));
        open.add(server);
        return server;
    }

    private Map<String, String> tls(String hosts) {
        Map<String, String> props = new HashMap<>();
        props.put(ConnectionConfig.HOSTS, hosts);
        props.put(ConnectionConfig.CONNECT_TIMEOUT_MS, "2000");
        props.put(TlsConfig.ENABLED, "true");
        props.put(TlsConfig.TRUSTSTORE_LOCATION, CERTIFICATES.writeTruststore(dir.resolve("trust.p12")).toString());
        props.put(TlsConfig.TRUSTSTORE_PASSWORD, TestCertificates.password());
        return props;
    }

    private Map<String, String> pki(String hosts) {
        Map<String, String> props = tls(hosts);
        props.put(ConnectionConfig.AUTH_MODE, "pki");
        props.put(TlsConfig.KEYSTORE_LOCATION,
                CERTIFICATES.writeClientKeystore(dir.resolve("connect.p12"), "connect").toString());
        props.put(TlsConfig.KEYSTORE_PASSWORD, TestCertificates.password());
        return props;
    }

    private AerospikeBatchClient connect(Map<String, String> props) {
        AerospikeBatchClient client = AerospikeBatchClient.connect(new ConnectionConfig(props));
        open.add(client);
        return client;
    }

    private static List<com.aerospike.client.BatchRecord> oneWrite() {
        return new ArrayList<>(List.of(new BatchWrite(new Key("test", "s", 1L),
                new Operation[] {Operation.put(new Bin("v", 1L))})));
    }

    @Test
    void pkiWithTheClientCertificateWritesOverTls() {
        AerospikeTestServer server = server(true);
        connect(pki(server.tlsHost(TLS_NAME))).operate(oneWrite(), null);
        assertEquals(1L, server.get("test", "s", 1L).bin("v"));
        assertEquals(1, server.loginCount());
    }

    @Test
    void aCertificateOfAnUnknownUserFailsAtStartNamingTheKeystore() {
        AerospikeTestServer server = server(true);
        Map<String, String> props = pki(server.tlsHost(TLS_NAME));
        props.put(TlsConfig.KEYSTORE_LOCATION,
                CERTIFICATES.writeClientKeystore(dir.resolve("mallory.p12"), "mallory").toString());
        ConnectException e = assertThrows(ConnectException.class, () -> connect(props));
        assertTrue(e.getMessage().contains("refused the login by client certificate")
                && e.getMessage().contains("INVALID_USER")
                && e.getMessage().contains(TlsConfig.KEYSTORE_LOCATION), e.getMessage());
    }

    @Test
    void anUntrustedServerCertificateFailsAtStartNamingTheTruststore() {
        AerospikeTestServer server = server(false);
        Map<String, String> props = tls(server.tlsHost(TLS_NAME));
        props.remove(TlsConfig.TRUSTSTORE_LOCATION);
        props.remove(TlsConfig.TRUSTSTORE_PASSWORD);
        ConnectException e = assertThrows(ConnectException.class, () -> connect(props));
        assertTrue(e.getMessage().contains("not trusted by the JVM's default truststore")
                && e.getMessage().contains("set " + TlsConfig.TRUSTSTORE_LOCATION), e.getMessage());
    }

    @Test
    void aTruststoreOfAnotherAuthorityFailsAtStartNamingItsFile() {
        AerospikeTestServer server = server(false);
        Map<String, String> props = tls(server.tlsHost(TLS_NAME));
        String other = TestCertificates.forHost("other-ca", TLS_NAME).writeTruststore(dir.resolve("other.p12"))
                .toString();
        props.put(TlsConfig.TRUSTSTORE_LOCATION, other);
        ConnectException e = assertThrows(ConnectException.class, () -> connect(props));
        assertTrue(e.getMessage().contains("not trusted by " + other), e.getMessage());
    }

    @Test
    void aMissingClientCertificateFailsAtStartNamingTheKeystore() {
        AerospikeTestServer server = server(true);
        ConnectException e = assertThrows(ConnectException.class, () -> connect(tls(server.tlsHost(TLS_NAME))));
        assertTrue(e.getMessage().contains("without a client certificate")
                && e.getMessage().contains("set " + TlsConfig.KEYSTORE_LOCATION), e.getMessage());
    }

    @Test
    void aTlsNameTheCertificateDoesNotCarryFailsAtStartNamingTheHosts() {
        AerospikeTestServer server = server(false);
        ConnectException e = assertThrows(ConnectException.class, () -> connect(tls(server.tlsHost("node-2"))));
        assertTrue(e.getMessage().contains("'node-2'") && e.getMessage().contains(ConnectionConfig.HOSTS),
                e.getMessage());
    }

    @Test
    void aWrongKeystorePasswordFailsAtStartNamingItAndNotShowingIt() {
        AerospikeTestServer server = server(true);
        Map<String, String> props = pki(server.tlsHost(TLS_NAME));
        props.put(TlsConfig.KEYSTORE_PASSWORD, "not-it");
        ConnectException e = assertThrows(ConnectException.class, () -> connect(props));
        assertTrue(e.getMessage().startsWith(TlsConfig.KEYSTORE_PASSWORD + " does not open"), e.getMessage());
        assertFalse(e.getMessage().contains("not-it"));
    }

    @Test
    void aClusterThatIsDownIsStillAnOutageWithTls() {
        int port = AerospikeTestServer.freePort();
        AerospikeBatchClient client = connect(tls("127.0.0.1:" + TLS_NAME + ":" + port));
        AerospikeException e = assertThrows(AerospikeException.class, () -> client.operate(oneWrite(), null));
        assertEquals(FailureClass.OUTAGE, ResultClassifier.classifyCode(e.getResultCode()));
    }

    @Test
    void aClusterDownAtStartThatComesBackWithACertificateOfAnotherAuthorityIsARefusalNamingTheTruststore() {
        int port = AerospikeTestServer.freePort();
        AerospikeBatchClient client = connect(tls("127.0.0.1:" + TLS_NAME + ":" + port));
        assertNull(client.refusal(), "nothing answers: an outage");
        TestCertificates other = TestCertificates.forHost("other-ca", TLS_NAME);
        open.add(AerospikeTestServer.start(new AerospikeTestServer.Options().port(port)
                .tls(other.serverContext(), false)));
        String refusal = client.refusal();
        assertTrue(refusal != null && refusal.contains("not trusted by")
                && refusal.contains(TlsConfig.TRUSTSTORE_LOCATION), refusal);
    }
}
