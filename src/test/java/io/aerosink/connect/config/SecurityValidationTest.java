package io.aerosink.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.aerospike.client.Host;
import com.aerospike.client.policy.AuthMode;

import io.aerosink.connect.tls.TestCertificates;

/** The TLS and authentication settings as the validate endpoint reports them, and as the task parses them. */
class SecurityValidationTest {

    @TempDir
    static Path dir;

    private static final TestCertificates CERTIFICATES = TestCertificates.forHost("validation-ca", "db");
    private static String truststore;
    private static String keystore;

    @BeforeAll
    static void stores() {
        truststore = CERTIFICATES.writeTruststore(dir.resolve("trust.p12")).toString();
        keystore = CERTIFICATES.writeClientKeystore(dir.resolve("client.p12"), "connect").toString();
    }

    private static Map<String, String> valid() {
        Map<String, String> props = new HashMap<>();
        props.put("topics", "sensors");
        props.put(MappingConfig.NAMESPACE, "test");
        return props;
    }

    private static Map<String, String> tls() {
        Map<String, String> props = valid();
        props.put(TlsConfig.ENABLED, "true");
        props.put(TlsConfig.TRUSTSTORE_LOCATION, truststore);
        props.put(TlsConfig.TRUSTSTORE_PASSWORD, TestCertificates.password());
        return props;
    }

    @Test
    void tlsWithATruststoreAndTlsNamesIsValidAndParsed() {
        Map<String, String> props = tls();
        props.put(ConnectionConfig.HOSTS, "a:a.tls:4333, [::1]:b.tls:4333, c:3000");
        props.put(TlsConfig.PROTOCOLS, "TLSv1.2, TLSv1.3");
        assertEquals(Map.of(), ConfigErrors.of(props));
        ConnectionConfig connection = new SinkConfig(props).connection();
        List<Host> hosts = connection.hosts();
        assertEquals(List.of("a.tls", "b.tls"), List.of(hosts.get(0).tlsName, hosts.get(1).tlsName));
        assertEquals("::1", hosts.get(1).name);
        assertEquals(4333, hosts.get(1).port);
        assertEquals(null, hosts.get(2).tlsName);
        assertTrue(connection.tls().enabled());
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), connection.tls().protocols());
        assertEquals(AuthMode.INTERNAL, connection.authMode());
    }

    @Test
    void authModeTakesAnyCase() {
        Map<String, String> props = tls();
        props.put(ConnectionConfig.AUTH_MODE, "External_Insecure");
        props.put(ConnectionConfig.USER, "ldap-user");
        props.put(ConnectionConfig.PASSWORD, "pw");
        assertEquals(Map.of(), ConfigErrors.of(props));
        assertEquals(AuthMode.EXTERNAL_INSECURE, new SinkConfig(props).connection().authMode());
        props.put(ConnectionConfig.AUTH_MODE, "ldap");
        String message = ConfigErrors.of(props).get(ConnectionConfig.AUTH_MODE).get(0);
        assertTrue(message.contains("internal, external, external_insecure, pki"), message);
    }

    @Test
    void aHostSpellingWithAnEmptyTlsNameOrTooManyPartsIsRefused() {
        Map<String, String> props = tls();
        props.put(ConnectionConfig.HOSTS, "a::3000");
        assertTrue(ConfigErrors.of(props).get(ConnectionConfig.HOSTS).get(0).contains("empty TLS name"));
        props.put(ConnectionConfig.HOSTS, "a:b:c:3000");
        assertTrue(ConfigErrors.of(props).get(ConnectionConfig.HOSTS).get(0).contains("too many ':'"));
        props.put(ConnectionConfig.HOSTS, "a:a.tls:30o0");
        assertTrue(ConfigErrors.of(props).get(ConnectionConfig.HOSTS).get(0).contains("1-65535"));
    }

    @Test
    void pkiNeedsTlsAndAKeystoreAndNoUser() {
        Map<String, String> props = valid();
        props.put(ConnectionConfig.AUTH_MODE, "pki");
        props.put(ConnectionConfig.USER, "connect");
        props.put(ConnectionConfig.PASSWORD, "pw");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertTrue(errors.get(TlsConfig.ENABLED).get(0).contains("needs TLS"), errors.toString());
        assertTrue(errors.get(TlsConfig.KEYSTORE_LOCATION).get(0).contains("client certificate"), errors.toString());
        assertTrue(errors.get(ConnectionConfig.USER).get(0).contains("leave aerospike.user"), errors.toString());
        assertEquals(3, errors.get(ConnectionConfig.AUTH_MODE).size(), errors.toString());

        props = tls();
        props.put(ConnectionConfig.AUTH_MODE, "PKI");
        props.put(TlsConfig.KEYSTORE_LOCATION, keystore);
        props.put(TlsConfig.KEYSTORE_PASSWORD, TestCertificates.password());
        assertEquals(Map.of(), ConfigErrors.of(props));
    }

    @Test
    void externalNeedsTlsAndAUserButExternalInsecureNeedsNoTls() {
        Map<String, String> props = valid();
        props.put(ConnectionConfig.AUTH_MODE, "external");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertTrue(errors.get(TlsConfig.ENABLED).get(0).contains("external_insecure"), errors.toString());
        assertTrue(errors.get(ConnectionConfig.USER).get(0).contains("LDAP"), errors.toString());

        props.put(ConnectionConfig.AUTH_MODE, "external_insecure");
        props.put(ConnectionConfig.USER, "ldap-user");
        props.put(ConnectionConfig.PASSWORD, "pw");
        assertEquals(Map.of(), ConfigErrors.of(props));
    }

    @Test
    void tlsSettingsOrTlsNamesWithoutTlsOnAreReported() {
        Map<String, String> props = valid();
        props.put(TlsConfig.TRUSTSTORE_LOCATION, truststore);
        props.put(ConnectionConfig.HOSTS, "a:a.tls:4333");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertTrue(errors.get(TlsConfig.TRUSTSTORE_LOCATION).get(0).contains("aerospike.tls.enabled is false"));
        assertTrue(errors.get(ConnectionConfig.HOSTS).get(0).contains("TLS names"), errors.toString());
        assertEquals(2, errors.get(TlsConfig.ENABLED).size(), errors.toString());
    }

    @Test
    void aMissingStoreFileIsReportedOnItsLocation() {
        Map<String, String> props = tls();
        props.put(TlsConfig.TRUSTSTORE_LOCATION, dir.resolve("missing.p12").toString());
        props.put(TlsConfig.KEYSTORE_LOCATION, dir.resolve("missing-too.p12").toString());
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertTrue(errors.get(TlsConfig.TRUSTSTORE_LOCATION).get(0).contains("no file"), errors.toString());
        assertTrue(errors.get(TlsConfig.KEYSTORE_LOCATION).get(0).contains("no file"), errors.toString());
    }

    @Test
    void aWrongStorePasswordIsReportedOnThePasswordAndNeverShown() {
        Map<String, String> props = tls();
        props.put(TlsConfig.TRUSTSTORE_PASSWORD, "not-the-password");
        props.put(TlsConfig.KEYSTORE_LOCATION, keystore);
        props.put(TlsConfig.KEYSTORE_PASSWORD, "also-wrong");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertEquals(Map.of(TlsConfig.TRUSTSTORE_PASSWORD, List.of(TlsConfig.TRUSTSTORE_PASSWORD + " does not open "
                        + truststore + " (" + TlsConfig.TRUSTSTORE_LOCATION + ")"),
                TlsConfig.KEYSTORE_PASSWORD, List.of(TlsConfig.KEYSTORE_PASSWORD + " does not open " + keystore
                        + " (" + TlsConfig.KEYSTORE_LOCATION + ")")), errors);
    }

    @Test
    void aFileThatIsNoStoreAndAnUnknownTypeAreReported() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.p12"), "not a key store");
        Map<String, String> props = tls();
        props.put(TlsConfig.TRUSTSTORE_LOCATION, junk.toString());
        assertTrue(ConfigErrors.of(props).get(TlsConfig.TRUSTSTORE_LOCATION).get(0).contains("cannot read"));
        props = tls();
        props.put(TlsConfig.KEYSTORE_TYPE, "PKCS13");
        String message = ConfigErrors.of(props).get(TlsConfig.KEYSTORE_TYPE).get(0);
        assertTrue(message.contains("PKCS12") && message.contains("JKS"), message);
    }

    @Test
    void aTruststoreWithoutItsPasswordIsBlamedOnThePassword() {
        Map<String, String> props = tls();
        props.remove(TlsConfig.TRUSTSTORE_PASSWORD);
        String message = ConfigErrors.of(props).get(TlsConfig.TRUSTSTORE_PASSWORD).get(0);
        assertTrue(message.contains("without a password"), message);
    }

    @Test
    void unknownProtocolsAndCiphersAreReported() {
        Map<String, String> props = tls();
        props.put(TlsConfig.PROTOCOLS, "TLSv1.2,TLS1.3");
        props.put(TlsConfig.CIPHERS, "TLS_AES_128_GCM_SHA256,TLS_FAST");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertTrue(errors.get(TlsConfig.PROTOCOLS).get(0).contains("'TLS1.3'"), errors.toString());
        assertTrue(errors.get(TlsConfig.CIPHERS).get(0).contains("'TLS_FAST'"), errors.toString());
    }

    @Test
    void noPasswordIsEverInAnErrorMessage() {
        Map<String, String> props = tls();
        props.put(TlsConfig.TRUSTSTORE_PASSWORD, "secret-1");
        props.put(TlsConfig.KEYSTORE_LOCATION, keystore);
        props.put(TlsConfig.KEYSTORE_PASSWORD, "secret-2");
        props.put(TlsConfig.KEY_PASSWORD, "secret-3");
        props.put(ConnectionConfig.AUTH_MODE, "pki");
        props.put(ConnectionConfig.PASSWORD, "secret-4");
        String all = ConfigErrors.of(props).toString();
        assertFalse(all.isEmpty());
        assertFalse(all.contains("secret-"), all);
    }
}
