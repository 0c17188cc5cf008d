package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.aerosink.connect.testserver.AerospikeTestServer;
import io.aerosink.connect.testserver.Fault;
import io.aerosink.connect.testserver.StoredRecord;

/**
 * Items 4 and 5: an Aerospike outage in mid-stream is waited out (nothing dead-lettered, nothing lost), and a
 * connector, task or worker restarted in mid-stream loses nothing and leaves every key at its newest version.
 */
class ResilienceIT extends ConnectTestBase {

    private static final Duration OUTAGE = Duration.ofSeconds(5);

    @Test
    void anOutageInMidStreamIsWaitedOutWithoutDeadLettering() throws Exception {
        String name = "outage";
        String topic = "outage";
        String dlq = "outage_dlq";
        int partitions = 2;
        int records = 1500;
        createTopic(topic, partitions);
        createTopic(dlq, 1);
        // A server of its own, so that stopping it cannot disturb the other tests of this class.
        try (AerospikeTestServer server = AerospikeTestServer.start()) {
            Map<String, String> config = withDeadLetterQueue(jsonConfig(topic, false), dlq);
            config.put("aerospike.hosts", server.host());
            config.put("aerospike.timeout.ms", "2000");
            config.put("retry.backoff.ms", "100");
            config.put("retry.backoff.max.ms", "1000");
            config.put("max.retries", "2");
            putConnector(name, config);

            // Produce steadily for about three seconds, while the server goes away and comes back.
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < records; i++) {
                    producer().send(record(topic, i, "{\"_key\": " + i + ", \"n\": " + i + "}"));
                    if (i % 10 == 9) {
                        producer().flush();
                        pause(20);
                    }
                }
                producer().flush();
            });
            Await.until(Duration.ofSeconds(30), "the first 200 records in Aerospike", () -> server.recordCount("test") >= 200);
            server.stop();
            int atStop = server.recordCount("test");
            long stoppedAt = System.nanoTime();
            // The outage itself: the length of time the server stays away is what is being tested.
            Thread.sleep(OUTAGE.toMillis());
            server.restart();
            long outageMs = (System.nanoTime() - stoppedAt) / 1_000_000;

            producing.get(60, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(60), "all " + records + " records in Aerospike after a " + outageMs + " ms outage",
                    () -> server.recordCount("test") == records,
                    () -> server.recordCount("test") + " records, task " + describe(taskState(name)));
            for (long i = 0; i < records; i++) {
                StoredRecord stored = server.get("test", topic, i);
                assertEquals(i, stored.bin("n"), "record " + i);
            }
            awaitOffsetsCommittedToEnd(name, topic, partitions);
            assertEquals("RUNNING", taskState(name).state());
            assertTrue(readAll(dlq).isEmpty(), "an outage dead-letters nothing");
            assertTrue(atStop < records, "the server went away in mid-stream (" + atStop + " records written before)");
            deleteConnector(name);
        }
    }

    @Test
    void aSlowServerPausesConsumptionUntilWritesCatchUp() {
        String name = "slow";
        String topic = "slow";
        String dlq = "slow_dlq";
        int records = 300;
        createTopic(topic, 1);
        createTopic(dlq, 1);
        try (AerospikeTestServer server = AerospikeTestServer.start()) {
            Map<String, String> config = withDeadLetterQueue(jsonConfig(topic, false), dlq);
            config.put("aerospike.hosts", server.host());
            config.put("aerospike.timeout.ms", "20000");
            config.put("batch.size", "10");
            config.put("max.buffered.records", "20");
            config.put("max.in.flight.batches", "1");
            // Small polls, so that the buffer fills over several put() calls (room is checked before each).
            config.put("consumer.override.max.poll.records", "10");
            // The first batch hangs longer than put() waits for room, so the task pauses its partitions.
            Fault slow = server.inject(Fault.delay(Duration.ofSeconds(7)).times(1));
            putConnector(name, config);

            for (int i = 0; i < records; i++) {
                producer().send(record(topic, i, "{\"_key\": " + i + ", \"n\": " + i + "}"));
            }
            producer().flush();
            Await.until(Duration.ofSeconds(90), "all " + records + " records in Aerospike",
                    () -> server.recordCount("test") == records,
                    () -> server.recordCount("test") + " records, task " + describe(taskState(name)));
            assertEquals(1, slow.hits());
            awaitOffsetsCommittedToEnd(name, topic, 1);
            assertEquals("RUNNING", taskState(name).state());
            assertTrue(readAll(dlq).isEmpty(), "slowness dead-letters nothing");
            deleteConnector(name);
        }
    }

    @Test
    void connectorAndTasksRestartedOverRestInMidStream() {
        String name = "restart-connector";
        versionedStreamSurvives(name, "restart_connector", () -> {
            RestResponse response = rest("POST", "connectors/" + name + "/restart?includeTasks=true&onlyFailed=false", null);
            assertTrue(response.status() == 202 || response.status() == 204, "restart: " + response);
        });
    }

    @Test
    void taskRestartedInMidStream() {
        String name = "restart-task";
        versionedStreamSurvives(name, "restart_task", () -> {
            RestResponse response = rest("POST", "connectors/" + name + "/tasks/0/restart", null);
            assertEquals(204, response.status(), "restart: " + response);
        });
    }

    @Test
    void workerReplacedInMidStream() {
        String name = "restart-worker";
        versionedStreamSurvives(name, "restart_worker", () -> {
            connect.removeWorker();
            connect.addWorker();
        });
    }

    /**
     * Produces five versions of 200 keys (keyed so that all versions of a key share a partition): versions 1 and
     * 2, then the restart once part of them is written, then versions 3 to 5 at once, while the connector comes
     * back. Every key must end at version 5: what the newest offsets say.
     */
    private void versionedStreamSurvives(String name, String topic, Runnable restart) {
        int keys = 200;
        int versions = 5;
        int partitions = 2;
        createTopic(topic, partitions);
        putConnector(name, jsonConfig(topic, false));

        produceVersion(topic, keys, 1);
        produceVersion(topic, keys, 2);
        Await.until(Duration.ofSeconds(30), "the first versions in Aerospike", () -> count(topic, keys) >= keys / 2);
        restart.run();
        for (int version = 3; version <= versions; version++) {
            produceVersion(topic, keys, version);
        }
        awaitTaskRunning(name);
        Await.until(Duration.ofSeconds(90), "every key at version " + versions,
                () -> atVersion(topic, keys, versions) == keys,
                () -> atVersion(topic, keys, versions) + " keys at version " + versions + ", task " + describe(taskState(name)));
        for (long key = 0; key < keys; key++) {
            StoredRecord record = aerospike.get("test", topic, key);
            // Upserts merge bins: every version's marker bin is there, and the version bin is the newest.
            for (int v = 1; v <= versions; v++) {
                assertEquals(Boolean.TRUE, record.bin("v" + v), "key " + key + " saw version " + v + ": " + record);
            }
            assertEquals((long) versions, record.bin("version"), "key " + key);
        }
        awaitOffsetsCommittedToEnd(name, topic, partitions);
        assertEquals("RUNNING", taskState(name).state());
        deleteConnector(name);
    }

    private void produceVersion(String topic, int keys, int version) {
        for (int key = 0; key < keys; key++) {
            producer().send(record(topic, key, "{\"_key\": " + key + ", \"version\": " + version + ", \"v" + version + "\": true}"));
        }
        producer().flush();
    }

    private int count(String topic, int keys) {
        int n = 0;
        for (long key = 0; key < keys; key++) {
            n += aerospike.get("test", topic, key) != null ? 1 : 0;
        }
        return n;
    }

    private int atVersion(String topic, int keys, int version) {
        int n = 0;
        for (long key = 0; key < keys; key++) {
            StoredRecord record = aerospike.get("test", topic, key);
            n += record != null && Long.valueOf(version).equals(record.bin("version")) ? 1 : 0;
        }
        return n;
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int key, String value) {
        return new ProducerRecord<>(topic, String.valueOf(key).getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
