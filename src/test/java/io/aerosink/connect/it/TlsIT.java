package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.aerosink.connect.testserver.AerospikeTestServer;
import io.aerosink.connect.tls.TestCertificates;

/**
 * TLS and authentication through a Connect worker and the real client, configured as users do: records over TLS
 * to a host spelled host:tlsname:port, PKI with a client certificate, and the two mistakes that only show when the
 * task connects (a wrong password, a server certificate the truststore does not trust), each failing the task at
 * start with the setting to fix; and what the validate endpoint can tell before, on the key to fix. The stores are
 * written at test time from an authority made in the test.
 */
class TlsIT extends ConnectTestBase {
    private static final String TLS_NAME = "aerospike-1.example";
    private static final TestCertificates CERTIFICATES = TestCertificates.forHost("tls-it-ca", TLS_NAME);

    @TempDir
    Path dir;

    private Map<String, String> tlsConfig(String topic, AerospikeTestServer server, Path truststore) {
        Map<String, String> config = jsonConfig(topic, false);
        config.put("aerospike.hosts", server.tlsHost(TLS_NAME));
        config.put("aerospike.tls.enabled", "true");
        config.put("aerospike.tls.truststore.location", truststore.toString());
        config.put("aerospike.tls.truststore.password", TestCertificates.password());
        return config;
    }

    private void createFailing(String name, Map<String, String> config) {
        RestResponse created = rest("PUT", "connectors/" + name + "/config", JSON.valueToTree(config).toString());
        assertEquals(201, created.status(), created::toString);
    }

    @Test
    void theValidateEndpointReportsAStoreItsPasswordDoesNotOpenAndPkiWithoutAKeystoreOnTheKeysToFix() {
        try (AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options()
                .tls(CERTIFICATES.serverContext(), true))) {
            Map<String, String> config = tlsConfig("validated", server,
                    CERTIFICATES.writeTruststore(dir.resolve("trust.p12")));
            config.put("name", "validated");
            config.put("aerospike.tls.truststore.password", "not-the-store-password");
            // The stores are opened only once the rules between keys hold, as a connection check should be.
            config.put("aerospike.auth.mode", "pki");
            JsonNode result = rest("PUT", "connector-plugins/" + CONNECTOR_CLASS + "/config/validate",
                    JSON.valueToTree(config).toString()).json();
            Map<String, String> errors = new TreeMap<>();
            for (JsonNode value : result.get("configs")) {
                JsonNode messages = value.get("value").get("errors");
                if (messages.size() > 0) {
                    errors.put(value.get("value").get("name").asText(), messages.get(0).asText());
                }
            }
            assertEquals(List.of("aerospike.auth.mode", "aerospike.tls.keystore.location"),
                    List.copyOf(errors.keySet()), errors.toString());
            assertTrue(errors.get("aerospike.tls.keystore.location").contains("client certificate"), errors.toString());

            config.put("aerospike.tls.keystore.location",
                    CERTIFICATES.writeClientKeystore(dir.resolve("kafka-connect.p12"), "kafka-connect").toString());
            config.put("aerospike.tls.keystore.password", TestCertificates.password());
            result = rest("PUT", "connector-plugins/" + CONNECTOR_CLASS + "/config/validate",
                    JSON.valueToTree(config).toString()).json();
            assertEquals(1, result.get("error_count").asInt(), result.toString());
            for (JsonNode value : result.get("configs")) {
                JsonNode messages = value.get("value").get("errors");
                if (messages.size() > 0) {
                    assertEquals("aerospike.tls.truststore.password", value.get("value").get("name").asText());
                    assertFalse(messages.toString().contains("not-the-store-password"));
                }
            }
        }
    }

    @Test
    void recordsAreWrittenOverTlsToAHostNamingItsTlsName() {
        String topic = "over_tls";
        createTopic(topic, 1);
        try (AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options()
                .tls(CERTIFICATES.serverContext(), false))) {
            putConnector(topic, tlsConfig(topic, server, CERTIFICATES.writeTruststore(dir.resolve("trust.p12"))));
            produce(topic, "k", "{\"_key\": 1, \"reading\": 21}");
            Await.until("the record written over TLS", () -> server.get("test", topic, 1L) != null);
            assertEquals(21L, server.get("test", topic, 1L).bin("reading"));
            deleteConnector(topic);
        }
    }

    @Test
    void pkiLogsInWithTheClientCertificateAndWrites() {
        String topic = "over_pki";
        createTopic(topic, 1);
        try (AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options()
                .tls(CERTIFICATES.serverContext(), true).pkiUser("kafka-connect"))) {
            Map<String, String> config = tlsConfig(topic, server,
                    CERTIFICATES.writeTruststore(dir.resolve("trust.p12")));
            config.put("aerospike.auth.mode", "PKI");
            config.put("aerospike.tls.keystore.location",
                    CERTIFICATES.writeClientKeystore(dir.resolve("kafka-connect.p12"), "kafka-connect").toString());
            config.put("aerospike.tls.keystore.password", TestCertificates.password());
            putConnector(topic, config);
            produce(topic, "k", "{\"_key\": 2, \"reading\": 22}");
            Await.until("the record written after a PKI login", () -> server.get("test", topic, 2L) != null);
            assertEquals(22L, server.get("test", topic, 2L).bin("reading"));
            assertTrue(server.loginCount() >= 1, "logged in by certificate");
            deleteConnector(topic);
        }
    }

    @Test
    void anUntrustedServerCertificateFailsTheTaskAtStartNamingTheTruststore() {
        String topic = "untrusted";
        createTopic(topic, 1);
        TestCertificates other = TestCertificates.forHost("another-ca", TLS_NAME);
        try (AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options()
                .tls(CERTIFICATES.serverContext(), false))) {
            createFailing(topic, tlsConfig(topic, server, other.writeTruststore(dir.resolve("other.p12"))));
            TaskStatus failed = awaitTaskState(topic, "FAILED");
            assertTrue(failed.trace().contains("its certificate is not trusted by")
                    && failed.trace().contains("set aerospike.tls.truststore.location"), failed.trace());
            deleteConnector(topic);
        }
    }

    @Test
    void aWrongPasswordOverTlsFailsTheTaskAtStartNamingThePassword() {
        String topic = "wrong_ldap_password";
        createTopic(topic, 1);
        try (AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options()
                .tls(CERTIFICATES.serverContext(), false).externalUser("ldap-user", "ldap-password"))) {
            Map<String, String> config = tlsConfig(topic, server,
                    CERTIFICATES.writeTruststore(dir.resolve("trust.p12")));
            config.put("aerospike.auth.mode", "external");
            config.put("aerospike.user", "ldap-user");
            config.put("aerospike.password", "not-the-ldap-password");
            createFailing(topic, config);
            TaskStatus failed = awaitTaskState(topic, "FAILED");
            assertTrue(failed.trace().contains("Aerospike refused the login as user 'ldap-user'")
                    && failed.trace().contains("aerospike.password"), failed.trace());
            assertFalse(failed.trace().contains("not-the-ldap-password"), "the password is never shown");
            assertFalse(failed.trace().contains(TestCertificates.password()), "nor a store password");
            deleteConnector(topic);
        }
    }
}
