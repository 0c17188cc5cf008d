package io.aerosink.connect.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.policy.AuthMode;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.TlsPolicy;

import io.aerosink.connect.config.TlsConfig;
import io.aerosink.connect.tls.TestCertificates;
import io.aerosink.connect.tls.TlsContexts;

/**
 * The server over TLS with the real client: records travel over TLS, PKI logs in as the client certificate's
 * common name, EXTERNAL sends the clear password. What the client reports when TLS fails is pinned here, since the
 * connector has to tell those failures from an outage: a handshake refused either way is the same "Connection
 * failed" as an unreachable seed, and only a wrong TLS name shows in the message.
 */
class AerospikeTestServerTlsTest {
    private static final String TLS_NAME = "aerospike-test";
    private static final String HANDSHAKE_FAILED = "Error -8: Connection failed";

    @TempDir
    Path dir;

    /** One authority for the class: making RSA keys is what takes the time here. */
    private static final TestCertificates CERTIFICATES = TestCertificates.forHost("test-ca", TLS_NAME);

    /** A client policy over TLS, trusting the test authority or not, with a client certificate for a user or not. */
    private ClientPolicy policy(boolean trusting, String certificateUser) {
        Map<String, String> props = new HashMap<>();
        props.put(TlsConfig.ENABLED, "true");
        if (trusting) {
            props.put(TlsConfig.TRUSTSTORE_LOCATION, CERTIFICATES.writeTruststore(dir.resolve("trust.p12")).toString());
            props.put(TlsConfig.TRUSTSTORE_PASSWORD, TestCertificates.password());
        }
        if (certificateUser != null) {
            Path keystore = CERTIFICATES.writeClientKeystore(dir.resolve(certificateUser + ".p12"), certificateUser);
            props.put(TlsConfig.KEYSTORE_LOCATION, keystore.toString());
            props.put(TlsConfig.KEYSTORE_PASSWORD, TestCertificates.password());
        }
        ClientPolicy policy = new ClientPolicy();
        policy.tlsPolicy = new TlsPolicy();
        policy.tlsPolicy.context = TlsContexts.build(new TlsConfig(props));
        policy.timeout = 2_000;
        return policy;
    }

    private static AerospikeTestServer.Options tls(TestCertificates certificates, boolean requireClientCertificate) {
        return new AerospikeTestServer.Options().tls(certificates.serverContext(), requireClientCertificate);
    }

    private static Host host(AerospikeTestServer server, String tlsName) {
        return new Host("127.0.0.1", tlsName, server.port());
    }

    private static String seedError(AerospikeException e) {
        String[] lines = e.getMessage().split(System.lineSeparator());
        return lines[lines.length - 1].replaceFirst("^127\\.0\\.0\\.1 \\d+ ", "");
    }

    @Test
    void recordsAndBatchesTravelOverTls() {
        try (AerospikeTestServer server = AerospikeTestServer.start(tls(CERTIFICATES, false));
             AerospikeClient client = new AerospikeClient(policy(true, null), host(server, TLS_NAME))) {
            client.put(null, new Key("test", "s", 1L), new Bin("a", 1));
            List<BatchRecord> batch = List.of(
                    new BatchWrite(new Key("test", "s", 2L), Operation.array(Operation.put(new Bin("a", 2)))));
            assertTrue(client.operate(new BatchPolicy(), batch));
            assertEquals(1L, server.get("test", "s", 1L).bin("a"));
            assertEquals(2L, server.get("test", "s", 2L).bin("a"));
        }
    }

    @Test
    void anUntrustedServerCertificateLooksLikeAnUnreachableSeed() {
        try (AerospikeTestServer server = AerospikeTestServer.start(tls(CERTIFICATES, false))) {
            AerospikeException e = assertThrows(AerospikeException.class,
                    () -> new AerospikeClient(policy(false, null), host(server, TLS_NAME)));
            assertEquals(HANDSHAKE_FAILED, seedError(e));
            assertEquals(null, e.getCause());
        }
    }

    @Test
    void aTlsNameTheCertificateDoesNotCarryIsNamedInTheMessage() {
        try (AerospikeTestServer server = AerospikeTestServer.start(tls(CERTIFICATES, false))) {
            AerospikeException e = assertThrows(AerospikeException.class,
                    () -> new AerospikeClient(policy(true, null), host(server, "other-name")));
            assertEquals("Error -1: Invalid TLS name: other-name", seedError(e));
        }
    }

    @Test
    void aRequiredClientCertificateRefusesAClientWithoutOne() {
        try (AerospikeTestServer server = AerospikeTestServer.start(tls(CERTIFICATES, true))) {
            AerospikeException e = assertThrows(AerospikeException.class,
                    () -> new AerospikeClient(policy(true, null), host(server, TLS_NAME)));
            assertEquals(HANDSHAKE_FAILED, seedError(e));
        }
    }

    @Test
    void aClientCertificateOfAnotherAuthorityIsRefused() {
        TestCertificates stranger = TestCertificates.forHost("stranger-ca", TLS_NAME);
        try (AerospikeTestServer server = AerospikeTestServer.start(tls(stranger, true).pkiUser("connect"))) {
            ClientPolicy p = policy(false, "connect");
            p.tlsPolicy.context = TlsContexts.build(new TlsConfig(Map.of(TlsConfig.ENABLED, "true",
                    TlsConfig.TRUSTSTORE_LOCATION, stranger.writeTruststore(dir.resolve("s.p12")).toString(),
                    TlsConfig.TRUSTSTORE_PASSWORD, TestCertificates.password(),
                    TlsConfig.KEYSTORE_LOCATION, CERTIFICATES.writeClientKeystore(dir.resolve("c.p12"), "connect")
                            .toString(),
                    TlsConfig.KEYSTORE_PASSWORD, TestCertificates.password())));
            p.authMode = AuthMode.PKI;
            AerospikeException e = assertThrows(AerospikeException.class,
                    () -> new AerospikeClient(p, host(server, TLS_NAME)));
            assertEquals(HANDSHAKE_FAILED, seedError(e));
            assertEquals(0, server.loginCount());
        }
    }

    @Test
    void pkiLogsInAsTheCertificatesCommonNameWithoutUserOrPassword() {
        try (AerospikeTestServer server = AerospikeTestServer.start(tls(CERTIFICATES, true).pkiUser("connect"))) {
            ClientPolicy p = policy(true, "connect");
            p.authMode = AuthMode.PKI;
            try (AerospikeClient client = new AerospikeClient(p, host(server, TLS_NAME))) {
                client.put(null, new Key("test", "s", 1L), new Bin("a", 1));
                assertEquals(1L, server.get("test", "s", 1L).bin("a"));
                assertEquals(1, server.loginCount());
                assertTrue(server.authenticateCount() >= 1, "the token authenticates the command socket");
            }
        }
    }

    @Test
    void pkiWithTheCertificateOfAnUnknownUserOrNoneIsRefused() {
        try (AerospikeTestServer server = AerospikeTestServer.start(tls(CERTIFICATES, false).pkiUser("connect"))) {
            ClientPolicy stranger = policy(true, "mallory");
            stranger.authMode = AuthMode.PKI;
            assertEquals("Error 60: Login failed", seedError(assertThrows(AerospikeException.class,
                    () -> new AerospikeClient(stranger, host(server, TLS_NAME)))));
            ClientPolicy none = policy(true, null);
            none.authMode = AuthMode.PKI;
            assertTrue(seedError(assertThrows(AerospikeException.class,
                    () -> new AerospikeClient(none, host(server, TLS_NAME)))).startsWith("Error 65: "));
        }
    }

    @Test
    void aPkiOnlyUserCannotLogInByPassword() {
        try (AerospikeTestServer server = AerospikeTestServer.start(tls(CERTIFICATES, false).pkiUser("connect"))) {
            ClientPolicy p = policy(true, null);
            p.user = "connect";
            p.password = "guess";
            assertTrue(seedError(assertThrows(AerospikeException.class,
                    () -> new AerospikeClient(p, host(server, TLS_NAME)))).startsWith("Error 65: "));
        }
    }

    @Test
    void externalSendsTheClearPasswordWhichAnLdapUserIsCheckedAgainst() {
        try (AerospikeTestServer server = AerospikeTestServer.start(tls(CERTIFICATES, false)
                .externalUser("ldap-user", "ldap-pw"))) {
            ClientPolicy right = external(policy(true, null), "ldap-pw");
            try (AerospikeClient client = new AerospikeClient(right, host(server, TLS_NAME))) {
                client.put(null, new Key("test", "s", 1L), new Bin("a", 1));
                assertEquals(1L, server.get("test", "s", 1L).bin("a"));
            }
            ClientPolicy wrong = external(policy(true, null), "wrong");
            assertTrue(seedError(assertThrows(AerospikeException.class,
                    () -> new AerospikeClient(wrong, host(server, TLS_NAME)))).startsWith("Error 65: "));
            ClientPolicy internal = external(policy(true, null), "ldap-pw");
            internal.authMode = AuthMode.INTERNAL;
            assertTrue(seedError(assertThrows(AerospikeException.class,
                    () -> new AerospikeClient(internal, host(server, TLS_NAME)))).startsWith("Error 65: "),
                    "the hash alone cannot prove an LDAP password");
        }
    }

    @Test
    void externalInsecureSendsTheClearPasswordWithoutTls() {
        try (AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options()
                .externalUser("ldap-user", "ldap-pw"))) {
            ClientPolicy p = external(new ClientPolicy(), "ldap-pw");
            p.authMode = AuthMode.EXTERNAL_INSECURE;
            try (AerospikeClient client = new AerospikeClient(p, "127.0.0.1", server.port())) {
                client.put(null, new Key("test", "s", 1L), new Bin("a", 1));
                assertEquals(1, server.recordCount("test"));
            }
        }
    }

    private static ClientPolicy external(ClientPolicy policy, String password) {
        policy.authMode = AuthMode.EXTERNAL;
        policy.user = "ldap-user";
        policy.password = password;
        return policy;
    }
}
