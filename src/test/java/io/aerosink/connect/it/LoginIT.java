package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * A cluster with security: a refused login fails the task at start with a message naming the settings to fix
 * (before, the task stayed RUNNING and logged "Aerospike unreachable ... Cluster is empty" forever), and the right
 * credentials write; so does a cluster that was down when the task started and comes up refusing its login (before,
 * that one too was waited for as an outage for ever), and one whose password changed while the task ran (before, the
 * keys the client could not authenticate for were dead-lettered after max.retries). The test server answers the admin protocol's login as a real
 * server does.
 */
class LoginIT extends ConnectTestBase {

    @Test
    void aWrongPasswordFailsTheTaskAtStartAndTheRightOneWrites() {
        String topic = "secured";
        createTopic(topic, 1);
        try (AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options()
                .user("connect", "right-password"))) {
            Map<String, String> config = jsonConfig(topic, false);
            config.put("aerospike.hosts", server.host());
            config.put("aerospike.user", "connect");
            config.put("aerospike.password", "wrong-password");
            RestResponse created = rest("PUT", "connectors/secured/config", JSON.valueToTree(config).toString());
            assertEquals(201, created.status(), created::toString);

            TaskStatus failed = awaitTaskState("secured", "FAILED");
            assertTrue(failed.trace().contains("Aerospike refused the login as user 'connect'")
                    && failed.trace().contains("aerospike.password"), failed.trace());
            assertFalse(failed.trace().contains("wrong-password"), "the password is never shown");

            // A new config restarts the task, as an operator fixing the password would see it.
            config.put("aerospike.password", "right-password");
            putConnector("secured", config);
            produce(topic, "k", "{\"_key\": 7, \"reading\": 21}");
            Await.until(Duration.ofSeconds(60), "the record in Aerospike", () -> server.get("test", topic, 7L) != null);
            assertEquals(21L, server.get("test", topic, 7L).bin("reading"));
        }
    }

    @Test
    void aClusterDownAtStartThatComesUpRefusingTheLoginFailsTheTask() {
        String topic = "secured_later";
        createTopic(topic, 1);
        int port = AerospikeTestServer.freePort();
        Map<String, String> config = jsonConfig(topic, false);
        config.put("aerospike.hosts", "127.0.0.1:" + port);
        config.put("aerospike.user", "connect");
        config.put("aerospike.password", "wrong-password");
        putConnector("secured_later", config);
        awaitTaskRunning("secured_later");
        produce(topic, "k", "{\"_key\": 7, \"reading\": 21}");
        try (AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options().port(port)
                .user("connect", "right-password"))) {
            TaskStatus failed = awaitTaskState("secured_later", "FAILED");
            assertTrue(failed.trace().contains("Aerospike refused the login as user 'connect'")
                    && failed.trace().contains("aerospike.password"), failed.trace());
            assertFalse(failed.trace().contains("wrong-password"), "the password is never shown");
            assertEquals(0, server.recordCount("test"));
        }
    }

    @Test
    void aPasswordChangedWhileTheTaskRunsFailsItWithNothingDeadLettered() {
        String topic = "rotated";
        String dlq = "rotated_dlq";
        createTopic(topic, 1);
        try (AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options()
                .user("connect", "right-password"))) {
            Map<String, String> config = withDeadLetterQueue(jsonConfig(topic, false), dlq);
            config.put("aerospike.hosts", server.host());
            config.put("aerospike.user", "connect");
            config.put("aerospike.password", "right-password");
            putConnector("rotated", config);
            produce(topic, "k", "{\"_key\": 1, \"reading\": 21}");
            Await.until(Duration.ofSeconds(60), "the first record in Aerospike", () -> server.get("test", topic, 1L) != null);

            // An administrator changes the password and the node restarts: the sessions the client held are gone.
            server.changePassword("connect", "rotated-password");
            server.forgetSessions();
            server.stop();
            server.restart();
            produce(topic, "k", "{\"_key\": 2, \"reading\": 22}");

            TaskStatus failed = awaitTaskState("rotated", "FAILED");
            assertTrue(failed.trace().contains("Aerospike refused the login as user 'connect'")
                    && failed.trace().contains("aerospike.password"), failed.trace());
            assertEquals(null, server.get("test", topic, 2L));
            assertEquals(0L, endOffsets(dlq, 1).get(new TopicPartition(dlq, 0)), "nothing dead-lettered");
            long committed = committedOffsets("rotated").getOrDefault(new TopicPartition(topic, 0), 0L);
            assertTrue(committed <= 1, "the record that waited is not committed: " + committed);
        }
    }

}
