package io.aerosink.connect.avro;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;

/**
 * A Confluent-compatible registry's read side for unit tests: {@code GET /schemas/ids/<id>} and {@code GET /subjects}
 * over a JDK HTTP(S) server, with the answers a test needs (a status to force, basic auth to demand). The
 * integration tests use a real Apicurio Registry instead.
 */
public final class RegistryStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int forcedStatus;
    private volatile String requiredAuthorization;

    private RegistryStub(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    public static RegistryStub start() {
        try {
            return new RegistryStub(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RegistryStub startHttps(SSLContext tls) {
        try {
            HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new RegistryStub(https);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://localhost:" + server.getAddress().getPort();
    }

    /** Registers {@code schema} under a new id and returns the id. */
    public int register(Schema schema) {
        int id = nextId.getAndIncrement();
        schemas.put(id, schema.toString());
        return id;
    }

    /** Answers every request with {@code status} (0: answer normally). */
    public void failWith(int status) {
        forcedStatus = status;
    }

    public void requireBasicAuth(String authorization) {
        requiredAuthorization = authorization;
    }

    /** The paths asked for, in order. */
    public List<String> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(path);
        String authorization = requiredAuthorization;
        if (authorization != null && !authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
            return;
        }
        if (forcedStatus != 0) {
            answer(exchange, forcedStatus, "{\"error_code\":" + forcedStatus + "}");
            return;
        }
        if (path.equals("/subjects")) {
            answer(exchange, 200, "[]");
            return;
        }
        if (path.startsWith("/schemas/ids/")) {
            String schema = schemas.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
            if (schema == null) {
                answer(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
                return;
            }
            ObjectNode body = JSON.createObjectNode().put("schema", schema);
            answer(exchange, 200, JSON.writeValueAsString(body));
            return;
        }
        answer(exchange, 404, "{\"error_code\":404}");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
