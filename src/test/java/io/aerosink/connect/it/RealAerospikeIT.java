package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.model.Ulimit;

/**
 * Item 9: the happy path and a per-key failure against a real Aerospike server (Community Edition in Docker),
 * through the embedded Connect worker. Skipped, and reported as skipped, where no Docker engine is reachable.
 * The image can be changed with {@code -Daerosink.it.aerospike.image=aerospike/aerospike-server:TAG}.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealAerospikeIT extends ConnectTestBase {

    static final String IMAGE = System.getProperty("aerosink.it.aerospike.image", "aerospike/aerospike-server:8.1.0.1");
    /** The image's default config serves one in-memory namespace, "test". */
    static final String NAMESPACE = "test";
    static final int KEY_EXISTS = 5;

    @Container
    @SuppressWarnings("resource")
    static final GenericContainer<?> SERVER = new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withExposedPorts(3000)
            // asd refuses to start with fewer than 15,000 file descriptors; Docker's default limit is often 1,024.
            .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                    .withUlimits(new Ulimit[] {new Ulimit("nofile", 15_000L, 15_000L)}))
            .waitingFor(Wait.forLogMessage(".*service ready: soon there will be cake!.*", 1)
                    .withStartupTimeout(Duration.ofMinutes(3)));

    private AerospikeClient client;
    private String hosts;

    @BeforeAll
    void connectClient() {
        hosts = SERVER.getHost() + ":" + SERVER.getMappedPort(3000);
        // The server logs "ready" a moment before it takes connections: retry until the client gets in.
        AerospikeClient[] connected = new AerospikeClient[1];
        Await.until(Duration.ofSeconds(60), "a client connection to Aerospike at " + hosts, () -> {
            try {
                connected[0] = new AerospikeClient(new ClientPolicy(), SERVER.getHost(), SERVER.getMappedPort(3000));
                return true;
            } catch (AerospikeException e) {
                return false;
            }
        });
        client = connected[0];
    }

    @AfterAll
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void recordsAndTombstonesReachARealServer() {
        String name = "real-json";
        String topic = "real_json";
        String dlq = "real_json_dlq";
        createTopic(topic, 2);
        createTopic(dlq, 1);
        postConnector(realRequest(name, topic, dlq));

        for (int i = 0; i < 100; i++) {
            produce(topic, "k-" + i, """
                    {"_key": "k-%d", "count": %d, "ratio": %d.25, "label": "item %d", "ok": true,
                     "tags": ["x", "y"], "where": {"room": "r%d"}, "_meta": {"seq": %d}}""".formatted(i, i, i, i, i, i));
        }
        Await.until(Duration.ofSeconds(60), "100 records in Aerospike", () -> countPresent(topic, 100) == 100,
                () -> countPresent(topic, 100) + " records, task " + describe(taskState(name)));
        for (int i = 0; i < 100; i++) {
            Record record = client.get(null, new Key(NAMESPACE, topic, "k-" + i));
            assertEquals((long) i, record.getLong("count"));
            assertEquals(i + 0.25, record.getDouble("ratio"));
            assertEquals("item " + i, record.getString("label"));
            assertTrue(record.getBoolean("ok"));
            assertEquals(List.of("x", "y"), record.getList("tags"));
            assertEquals(Map.of("room", "r" + i), record.getMap("where"));
            assertEquals(Set.of("count", "ratio", "label", "ok", "tags", "where"), record.bins.keySet(),
                    "_key and _meta are no bins");
        }

        produce(topic, "k-7", (String) null);
        Await.until(Duration.ofSeconds(30), "the tombstone to delete k-7",
                () -> !client.exists(null, new Key(NAMESPACE, topic, "k-7")));
        awaitOffsetsCommittedToEnd(name, topic, 2);
        assertTrue(readAll(dlq).isEmpty(), "nothing dead-lettered");
        deleteConnector(name);
    }

    @Test
    void aKeyTheServerRefusesGoesToTheDeadLetterQueue() {
        String name = "real-insert";
        String topic = "real_insert";
        String dlq = "real_insert_dlq";
        createTopic(topic, 1);
        createTopic(dlq, 1);
        client.put(null, new Key(NAMESPACE, topic, "dup"), new Bin("origin", "seeded"));
        ObjectNode request = realRequest(name, topic, dlq);
        ((ObjectNode) request.get("config")).put("write.action", "insert");
        postConnector(request);

        produce(topic, "new-1", "{\"_key\": \"new-1\", \"origin\": \"kafka\"}");
        produce(topic, "dup", "{\"_key\": \"dup\", \"origin\": \"kafka\"}");
        produce(topic, "new-2", "{\"_key\": \"new-2\", \"origin\": \"kafka\"}");
        awaitOffsetsCommittedToEnd(name, topic, 1);

        assertEquals("kafka", client.get(null, new Key(NAMESPACE, topic, "new-1")).getString("origin"));
        assertEquals("kafka", client.get(null, new Key(NAMESPACE, topic, "new-2")).getString("origin"));
        assertEquals("seeded", client.get(null, new Key(NAMESPACE, topic, "dup")).getString("origin"),
                "insert never overwrites an existing record");
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(dlq);
        assertEquals(1, dead.size(), "only the existing key is dead-lettered");
        ConsumerRecord<byte[], byte[]> letter = dead.get(0);
        assertEquals("dup", header(letter, "aerosink.key"));
        assertEquals(String.valueOf(KEY_EXISTS), header(letter, "aerosink.error.result.code"));
        assertEquals("KEY_EXISTS_ERROR", header(letter, "aerosink.error.result.name"));
        assertEquals(topic, header(letter, "aerosink.original.topic"));
        assertEquals("1", header(letter, "aerosink.original.offset"));
        assertFalse(taskState(name).state().equals("FAILED"));
        deleteConnector(name);
    }

    /** The JSON example config, aimed at the container's "test" namespace. */
    private ObjectNode realRequest(String name, String topic, String dlq) {
        ObjectNode request = exampleRequest("aerospike-sink-json.json", name, topic, dlq);
        ObjectNode config = (ObjectNode) request.get("config");
        config.put("aerospike.hosts", hosts);
        config.put("aerospike.namespace", NAMESPACE);
        config.put("linger.ms", "20");
        return request;
    }

    private int countPresent(String topic, int n) {
        int present = 0;
        for (int i = 0; i < n; i++) {
            present += client.exists(null, new Key(NAMESPACE, topic, "k-" + i)) ? 1 : 0;
        }
        return present;
    }
}
