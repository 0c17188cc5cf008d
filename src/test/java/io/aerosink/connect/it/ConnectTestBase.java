package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aerosink.connect.AerospikeSinkConnector;
import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * One Kafka broker, one Connect worker and one {@link AerospikeTestServer} per test class, with the helpers the
 * integration tests share: REST calls as a user makes them, producing, reading topics and consumer group offsets.
 * Each test uses its own connector name and topics, so the tests of a class do not see each other's records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConnectTestBase {

    static final String CONNECTOR_CLASS = AerospikeSinkConnector.class.getName();
    static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    static final String BYTES_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";
    /** How often the worker commits sink offsets: short, so that tests see commits quickly. */
    static final int OFFSET_FLUSH_MS = 1000;

    static final ObjectMapper JSON = new ObjectMapper();

    protected EmbeddedConnectCluster connect;
    protected AerospikeTestServer aerospike;
    private KafkaProducer<byte[], byte[]> producer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    void startCluster() {
        aerospike = AerospikeTestServer.start(new AerospikeTestServer.Options().namespaces("test", "sensors"));
        Map<String, String> worker = new HashMap<>();
        // The connector ships META-INF/services, so the worker need not scan every class of the classpath.
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.flush.interval.ms", String.valueOf(OFFSET_FLUSH_MS));
        // A worker that comes back gets its tasks at once instead of after the default five-minute delay.
        worker.put("scheduled.rebalance.max.delay.ms", "1000");
        worker.put("task.shutdown.graceful.timeout.ms", "10000");
        worker.putAll(workerProps());
        connect = new EmbeddedConnectCluster.Builder()
                .name(getClass().getSimpleName())
                .numBrokers(1)
                .numWorkers(workers())
                .workerProps(worker)
                .brokerProps(brokerProps())
                .build();
        connect.start();
    }

    @AfterAll
    void stopCluster() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (connect != null) {
            connect.stop();
        }
        if (aerospike != null) {
            aerospike.close();
        }
    }

    /** In-process Connect workers to start (1; 0 for a class that runs its worker elsewhere). */
    protected int workers() {
        return 1;
    }

    /** Extra or overriding worker settings of a test class. */
    protected Map<String, String> workerProps() {
        return Map.of();
    }

    protected Properties brokerProps() {
        return new Properties();
    }

    // ---------------------------------------------------------------- connector configs

    /** A config a user could write for JSON values, pointing at this class's test server; tests add to it. */
    protected Map<String, String> jsonConfig(String topics, boolean schemas) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", topics);
        config.put("key.converter", STRING_CONVERTER);
        config.put("value.converter", JSON_CONVERTER);
        config.put("value.converter.schemas.enable", String.valueOf(schemas));
        config.put("aerospike.hosts", aerospike.host());
        config.put("aerospike.namespace", "test");
        config.put("linger.ms", "20");
        return config;
    }

    /** Adds Connect's dead-letter settings for {@code dlqTopic} to {@code config}. */
    static Map<String, String> withDeadLetterQueue(Map<String, String> config, String dlqTopic) {
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlqTopic);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    /**
     * The example config {@code config/<file>} as the REST create request it is, with what differs here
     * substituted: the test server's address, the topics, the connector name and, when given, the DLQ topic.
     */
    protected ObjectNode exampleRequest(String file, String name, String topics, String dlqTopic) {
        return exampleRequest(ExampleConfigs.read(file), name, topics, dlqTopic);
    }

    /** {@link #exampleRequest(String, String, String, String)} for an example already read. */
    protected ObjectNode exampleRequest(ObjectNode request, String name, String topics, String dlqTopic) {
        String file = request.get("name").asText();
        request.put("name", name);
        ObjectNode config = (ObjectNode) request.get("config");
        config.put("aerospike.hosts", aerospike.host());
        config.put("topics", topics);
        config.put("tasks.max", "1");
        if (dlqTopic != null) {
            assertNotNull(config.get("errors.deadletterqueue.topic.name"), file + " configures a DLQ");
            config.put("errors.deadletterqueue.topic.name", dlqTopic);
        }
        return request;
    }

    static Map<String, String> configOf(ObjectNode request) {
        Map<String, String> config = new LinkedHashMap<>();
        request.get("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }

    // ---------------------------------------------------------------- REST

    record RestResponse(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    /** The URL of a REST resource, e.g. {@code connectors}, on a running worker. */
    protected String restUrl(String resource) {
        return connect.endpointForResource(resource);
    }

    /** A raw HTTP request to the worker's REST API, e.g. {@code rest("POST", "connectors", json)}. */
    protected RestResponse rest(String method, String resource, String jsonBody) {
        URI uri = URI.create(restUrl(resource));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90))
                .header("Accept", "application/json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new RestResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a connector with {@code POST /connectors} and the JSON document of a create request. */
    protected void postConnector(ObjectNode request) {
        RestResponse response = rest("POST", "connectors", request.toString());
        assertEquals(201, response.status(), () -> "POST /connectors: " + response.body());
        awaitTaskRunning(request.get("name").asText());
    }

    /** Creates a connector with {@code PUT /connectors/{name}/config}, as {@code configureConnector} does. */
    protected void putConnector(String name, Map<String, String> config) {
        RestResponse response = rest("PUT", "connectors/" + name + "/config", JSON.valueToTree(config).toString());
        assertTrue(response.status() == 201 || response.status() == 200, () -> "PUT connector config: " + response);
        awaitTaskRunning(name);
    }

    /** State and trace of a task, from {@code GET /connectors/{name}/status}. */
    record TaskStatus(String state, String trace) {
    }

    /** Task 0 of {@code connector}, or null when the connector or its task is not (yet) there. */
    protected TaskStatus taskState(String connector) {
        RestResponse response = rest("GET", "connectors/" + connector + "/status", null);
        if (response.status() != 200) {
            return null;
        }
        for (JsonNode task : response.json().path("tasks")) {
            if (task.path("id").asInt() == 0) {
                return new TaskStatus(task.path("state").asText(), task.hasNonNull("trace") ? task.get("trace").asText() : null);
            }
        }
        return null;
    }

    protected void awaitTaskRunning(String connector) {
        awaitTaskState(connector, "RUNNING");
    }

    protected TaskStatus awaitTaskState(String connector, String state) {
        Await.until(Duration.ofSeconds(90), "task 0 of " + connector + " to be " + state, () -> {
            TaskStatus task = taskState(connector);
            return task != null && state.equals(task.state());
        }, () -> String.valueOf(describe(taskState(connector))));
        return taskState(connector);
    }

    static String describe(TaskStatus task) {
        return task == null ? "no task" : task.state() + (task.trace() == null ? "" : " " + task.trace());
    }

    protected void deleteConnector(String name) {
        RestResponse response = rest("DELETE", "connectors/" + name, null);
        assertTrue(response.status() == 204 || response.status() == 200, () -> "DELETE connector: " + response);
    }

    // ---------------------------------------------------------------- Kafka

    protected void createTopic(String topic, int partitions) {
        connect.kafka().createTopic(topic, partitions);
    }

    protected KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = connect.kafka().createProducer(Map.of("linger.ms", 5, "acks", "all"));
        }
        return producer;
    }

    protected RecordMetadata produce(String topic, String key, byte[] value) {
        return produce(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
    }

    protected RecordMetadata produce(String topic, String key, String value) {
        return produce(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    protected RecordMetadata produce(ProducerRecord<byte[], byte[]> record) {
        try {
            return producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not produce to " + record.topic(), e.getCause());
        }
    }

    /** Sends all records and waits until the broker has acknowledged every one. */
    protected void produceAll(List<ProducerRecord<byte[], byte[]>> records) {
        records.forEach(producer()::send);
        producer().flush();
    }

    /** Every record of {@code topic} up to its current end offsets. */
    protected List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try {
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            connect.kafka().consumeAll(30_000, topic).forEach(out::add);
            return out;
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("could not read " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The offsets committed by the sink connector's consumer group {@code connect-<name>}. */
    protected Map<TopicPartition, Long> committedOffsets(String connector) {
        try (Admin admin = connect.kafka().createAdminClient()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + connector)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> out = new HashMap<>();
            offsets.forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp, om.offset());
                }
            });
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not list offsets of connect-" + connector, e.getCause());
        }
    }

    protected Map<TopicPartition, Long> endOffsets(String topic, int partitions) {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            try {
                out.put(tp, connect.kafka().endOffset(tp));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("no end offset for " + tp, e);
            }
        }
        return out;
    }

    /** Waits until the connector's group has committed the end offset of every partition of {@code topic}. */
    protected void awaitOffsetsCommittedToEnd(String connector, String topic, int partitions) {
        Map<TopicPartition, Long> end = endOffsets(topic, partitions);
        Await.until(Duration.ofSeconds(60), "connect-" + connector + " to commit " + end,
                () -> committedOffsets(connector).entrySet().containsAll(end.entrySet()),
                () -> "committed " + committedOffsets(connector) + ", task " + describe(taskState(connector)));
    }
}
