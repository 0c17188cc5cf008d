package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * A hundred rows of 2 MiB waiting together, well inside batch.size: sent as one batch they made a request of about
 * 200 MiB, which a real server refuses by dropping the connection, and the task retried it as an outage forever.
 * The test server enforces the same 128 MiB limit.
 */
class LargeRecordsIT extends ConnectTestBase {

    private static final int ROW_BYTES = 2 * 1024 * 1024;
    private static final int ROWS = 100;

    @Override
    protected Properties brokerProps() {
        Properties props = new Properties();
        props.put("message.max.bytes", String.valueOf(3 * 1024 * 1024));
        return props;
    }

    @Test
    void largeRecordsWaitingTogetherAreWrittenInBatchesTheServerTakes() {
        String topic = "embeddings";
        createTopic(topic, 1);
        try (AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options()
                .maxRecordBytes(4L * 1024 * 1024))) {
            Map<String, String> config = jsonConfig(topic, false);
            config.put("aerospike.hosts", server.host());
            config.put("aerospike.timeout.ms", "30000");
            config.put("value.converter", BYTES_CONVERTER);
            config.put("value.format", "fixed");
            config.put("value.layout", "_key:<i8, embedding:|V" + (ROW_BYTES - 8));
            // Long enough for all hundred rows to be waiting when the first batch is taken.
            config.put("linger.ms", "5000");
            config.put("errors.tolerance", "all");
            putConnector(topic, config);

            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (long k = 0; k < ROWS; k++) {
                byte[] row = ByteBuffer.allocate(ROW_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(k).array();
                records.add(new ProducerRecord<>(topic, null, row));
            }
            try (var producer = connect.kafka().createProducer(Map.of("max.request.size", 3 * 1024 * 1024,
                    "acks", "all"))) {
                records.forEach(producer::send);
                producer.flush();
            }
            Await.until(Duration.ofMinutes(3), "all " + ROWS + " rows in Aerospike", () -> server.recordCount("test") == ROWS,
                    () -> server.recordCount("test") + " rows written, task " + describe(taskState(topic)));
            awaitOffsetsCommittedToEnd(topic, topic, 1);
            assertEquals("RUNNING", taskState(topic).state());
            assertTrue(server.batchRequestCount() >= ROWS * (long) ROW_BYTES / (8L * 1024 * 1024),
                    "batches of at most batch.max.bytes: " + server.batchRequestCount());
        }
    }
}
