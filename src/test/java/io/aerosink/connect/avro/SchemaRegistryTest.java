package io.aerosink.connect.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aerosink.connect.config.RegistryConfig;
import io.aerosink.connect.tls.TestCertificates;

class SchemaRegistryTest {

    private static final Schema SCHEMA = AvroPayloads.parse("""
            {"type": "record", "name": "R", "fields": [{"name": "v", "type": "long"}]}""");

    private static RegistryConfig config(String... settings) {
        Map<String, String> props = new HashMap<>();
        props.put(RegistryConfig.REQUEST_TIMEOUT_MS, "3000");
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        return new RegistryConfig(props);
    }

    @Test
    void anUnknownIdIsRememberedForAMinuteThenAskedAgain() {
        AtomicLong now = new AtomicLong(1_000);
        try (RegistryStub stub = RegistryStub.start()) {
            SchemaRegistry registry = new SchemaRegistry(config(RegistryConfig.URL, stub.url()), now::get);
            assertThrows(AvroDecodeException.class, () -> registry.schema(1));
            assertThrows(AvroDecodeException.class, () -> registry.schema(1));
            assertEquals(1, stub.requests().size());
            int id = stub.register(SCHEMA);
            now.addAndGet(SchemaRegistry.UNKNOWN_REMEMBERED_MS);
            assertEquals(SCHEMA, registry.schema(id));
            assertEquals(2, stub.requests().size());
        }
    }

    @Test
    void theNextUrlIsTriedWhenOneCannotAnswer() {
        try (RegistryStub down = RegistryStub.start(); RegistryStub up = RegistryStub.start()) {
            down.failWith(500);
            int id = up.register(SCHEMA);
            SchemaRegistry registry = new SchemaRegistry(config(RegistryConfig.URL, down.url() + "," + up.url()));
            assertEquals(SCHEMA, registry.schema(id));
            assertEquals(List.of("/schemas/ids/" + id), down.requests());
        }
    }

    @Test
    void anHttpsRegistryIsTrustedThroughTheConfiguredTruststore(@TempDir Path dir) {
        TestCertificates certificates = TestCertificates.forHost("registry-ca", "localhost");
        try (RegistryStub stub = RegistryStub.startHttps(certificates.serverContext())) {
            int id = stub.register(SCHEMA);
            Path truststore = certificates.writeTruststore(dir.resolve("registry-trust.p12"));
            SchemaRegistry trusting = new SchemaRegistry(config(RegistryConfig.URL, stub.url(),
                    RegistryConfig.TRUSTSTORE_LOCATION, truststore.toString(),
                    RegistryConfig.TRUSTSTORE_PASSWORD, TestCertificates.password()));
            assertEquals(SCHEMA, trusting.schema(id));
            assertEquals(null, trusting.problem());

            SchemaRegistry untrusting = new SchemaRegistry(config(RegistryConfig.URL, stub.url()));
            assertThrows(RegistryUnavailableException.class, () -> untrusting.schema(id));
            assertTrue(untrusting.problem().contains("cannot reach the schema registry"), untrusting.problem());
        }
    }

    @Test
    void aTruststoreThatCannotBeReadNamesItsSettings(@TempDir Path dir) {
        ConnectException e = assertThrows(ConnectException.class, () -> new SchemaRegistry(config(
                RegistryConfig.URL, "https://localhost:1", RegistryConfig.TRUSTSTORE_LOCATION,
                dir.resolve("missing.p12").toString())));
        assertTrue(e.getMessage().contains(RegistryConfig.TRUSTSTORE_LOCATION), e.getMessage());
    }
}
