package io.aerosink.connect.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Registers a schema with a Confluent-compatible schema registry; just enough REST to get an id. */
public final class SchemaRegistryClient {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public SchemaRegistryClient(String baseUrl) {
        this.baseUri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    /** Registers (or finds, since registration is idempotent) {@code schema} under {@code subject}. */
    public int register(String subject, String schema) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("subjects/" + subject + "/versions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(schema)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("schema registry answered " + response.statusCode() + ": " + response.body());
        }
        return parseId(response.body());
    }

    static String requestBody(String schema) {
        return "{\"schema\":\"" + schema.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    static int parseId(String responseBody) throws IOException {
        Matcher matcher = ID.matcher(responseBody);
        if (!matcher.find()) {
            throw new IOException("no schema id in schema registry answer: " + responseBody);
        }
        return Integer.parseInt(matcher.group(1));
    }
}
