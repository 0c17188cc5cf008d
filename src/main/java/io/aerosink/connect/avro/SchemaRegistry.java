package io.aerosink.connect.avro;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.kafka.connect.errors.ConnectException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aerosink.connect.config.RegistryConfig;

/**
 * Writer schemas by id from a Confluent-compatible registry ({@code GET <url>/schemas/ids/<id>}), each fetched
 * once and kept: a registry id always names the same schema. An id the registry does not know is a data error of
 * its records (remembered for a minute, so a stream of bad ids does not become a stream of requests); a registry
 * that cannot answer is an outage; refused credentials stop the task.
 */
public final class SchemaRegistry {

    static final long UNKNOWN_REMEMBERED_MS = 60_000;
    static final int MAX_UNKNOWN = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> urls;
    private final HttpClient http;
    private final String authorization;
    private final Duration timeout;
    private final LongSupplier clock;
    private final Map<Integer, Schema> schemas = new LinkedHashMap<>();
    private final Map<Integer, Long> unknownUntil = new LinkedHashMap<>();

    public SchemaRegistry(RegistryConfig config) {
        this(config, System::currentTimeMillis);
    }

    SchemaRegistry(RegistryConfig config, LongSupplier clock) {
        if (config.urls().isEmpty()) {
            throw new ConnectException(RegistryConfig.URL + " is not set; value.avro.encoding=confluent needs it");
        }
        this.urls = config.urls().stream().map(u -> URI.create(u.endsWith("/") ? u : u + "/")).toList();
        this.timeout = Duration.ofMillis(config.requestTimeoutMs());
        this.clock = clock;
        String userInfo = config.userInfo().value();
        this.authorization = userInfo.isEmpty()
                ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (!config.truststoreLocation().isEmpty()) {
            builder.sslContext(trusting(config));
        }
        this.http = builder.build();
    }

    /** The writer schema with registry id {@code id}. */
    public Schema schema(int id) {
        Schema schema = schemas.get(id);
        if (schema != null) {
            return schema;
        }
        Long until = unknownUntil.get(id);
        if (until != null && clock.getAsLong() < until) {
            throw unknown(id);
        }
        unknownUntil.remove(id);
        schema = fetch(id);
        schemas.put(id, schema);
        return schema;
    }

    /** Whether the registry answers at all, for the validate endpoint: null when it does, else what went wrong. */
    public String problem() {
        String last = null;
        for (URI url : urls) {
            try {
                HttpResponse<String> response = send(url.resolve("subjects"));
                if (response.statusCode() == 401 || response.statusCode() == 403) {
                    return credentialsRefused(url, response.statusCode());
                }
                if (response.statusCode() / 100 == 2) {
                    return null;
                }
                last = "the schema registry at " + url + " answered HTTP " + response.statusCode();
            } catch (IOException e) {
                last = "cannot reach the schema registry at " + url + ": " + describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while reaching the schema registry";
            }
        }
        return last;
    }

    private Schema fetch(int id) {
        IOException failure = null;
        String failedWith = null;
        for (URI url : urls) {
            HttpResponse<String> response;
            try {
                response = send(url.resolve("schemas/ids/" + Integer.toUnsignedString(id)));
            } catch (IOException e) {
                failure = e;
                failedWith = "cannot reach the schema registry at " + url + ": " + describe(e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while fetching schema id " + id, e);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return parse(id, response.body());
            }
            if (status == 404) {
                remember(id);
                throw unknown(id);
            }
            if (status == 401 || status == 403) {
                throw new ConnectException(credentialsRefused(url, status));
            }
            failedWith = "the schema registry at " + url + " answered HTTP " + status + " for schema id " + id;
        }
        throw new RegistryUnavailableException(failedWith, failure);
    }

    private HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Schema parse(int id, String body) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            throw new RegistryUnavailableException("the schema registry's answer for schema id " + id
                    + " is not JSON: " + e.getMessage(), e);
        }
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new AvroDecodeException("schema id " + id + " is a " + type + " schema, not Avro");
        }
        if (answer.path("references").size() > 0) {
            throw new AvroDecodeException("schema id " + id + " uses schema references, which value.format=avro "
                    + "does not resolve");
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new RegistryUnavailableException("the schema registry's answer for schema id " + id
                    + " holds no schema", null);
        }
        try {
            return new Schema.Parser().setValidateDefaults(false).parse(text.asText());
        } catch (AvroRuntimeException e) {
            throw new AvroDecodeException("schema id " + id + " is not a valid Avro schema: " + e.getMessage());
        }
    }

    private void remember(int id) {
        if (unknownUntil.size() >= MAX_UNKNOWN) {
            unknownUntil.remove(unknownUntil.keySet().iterator().next());
        }
        unknownUntil.put(id, clock.getAsLong() + UNKNOWN_REMEMBERED_MS);
    }

    private AvroDecodeException unknown(int id) {
        return new AvroDecodeException("schema id " + Integer.toUnsignedString(id) + " is not in the schema registry");
    }

    private static String credentialsRefused(URI url, int status) {
        return "the schema registry at " + url + " refused the credentials (HTTP " + status + "); check "
                + RegistryConfig.USER_INFO;
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static SSLContext trusting(RegistryConfig config) {
        try (InputStream in = Files.newInputStream(Path.of(config.truststoreLocation()))) {
            KeyStore store = KeyStore.getInstance(config.truststoreType());
            store.load(in, config.truststorePassword().value().toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConnectException("cannot load the registry truststore " + config.truststoreLocation()
                    + " (" + RegistryConfig.TRUSTSTORE_LOCATION + ", " + RegistryConfig.TRUSTSTORE_TYPE + ", "
                    + RegistryConfig.TRUSTSTORE_PASSWORD + "): " + e.getMessage(), e);
        }
    }
}
