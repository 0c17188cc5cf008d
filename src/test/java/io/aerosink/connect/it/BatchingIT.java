package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aerosink.connect.testserver.JournalEntry;

/**
 * Item 2: both thresholds flush. A handful of records reach Aerospike about linger.ms after they were produced
 * although the batch is far from full, and a full batch goes at once although linger.ms is long; either way
 * records travel in batch requests, not one request per record.
 */
class BatchingIT extends ConnectTestBase {

    private static final int LINGER_MS = 200;

    private final List<String> connectors = new ArrayList<>();

    @AfterEach
    void deleteConnectors() {
        // Request counts are per server: no connector of an earlier test may still be writing.
        connectors.forEach(this::deleteConnector);
        connectors.clear();
    }

    @Test
    void lingerFlushesAHandfulOfRecordsLongBeforeTheBatchFills() {
        String topic = "linger";
        createTopic(topic, 1);
        Map<String, String> config = jsonConfig(topic, false);
        config.put("batch.size", "10000");
        config.put("linger.ms", String.valueOf(LINGER_MS));
        start("linger", config);
        aerospike.clearJournal();

        Instant produced = Instant.now();
        produceAll(records(topic, 0, 5));
        Await.until(Duration.ofSeconds(30), "5 records in Aerospike", () -> count(topic, 0, 5) == 5);
        List<JournalEntry> writes = writeRequests();
        Instant lastWrite = writes.get(writes.size() - 1).receivedAt();
        long latencyMs = Duration.between(produced, lastWrite).toMillis();
        assertTrue(latencyMs >= LINGER_MS - 50, "records waited for linger.ms before they were sent, but the last write came "
                + latencyMs + " ms after producing");
        assertTrue(latencyMs < 5_000, "records reach Aerospike within linger.ms plus a margin, not " + latencyMs + " ms");
        assertTrue(writes.size() <= 2, "5 records lingered into at most 2 requests: " + writes);
        assertEquals(5, writes.stream().mapToInt(JournalEntry::entryCount).sum(), "each record written once: " + writes);

        aerospike.clearJournal();
        produceAll(records(topic, 5, 1005));
        Await.until(Duration.ofSeconds(60), "1000 more records in Aerospike", () -> count(topic, 5, 1005) == 1000);
        long requests = aerospike.batchRequestCount() + aerospike.singleRecordRequestCount();
        assertTrue(requests <= 50, "1000 records went in batches, not in " + requests + " requests: " + writeRequests());
        assertTrue(aerospike.batchRequestCount() >= 1);
    }

    @Test
    void aFullBatchGoesAtOnceWithoutWaitingForTheLinger() {
        String topic = "full_batches";
        createTopic(topic, 1);
        Map<String, String> config = jsonConfig(topic, false);
        config.put("batch.size", "100");
        config.put("linger.ms", "120000");
        start("full-batches", config);
        aerospike.clearJournal();

        long started = System.nanoTime();
        produceAll(records(topic, 0, 1000));
        // 1000 distinct keys are exactly 10 full batches: none of them may wait for the two-minute linger.
        Await.until(Duration.ofSeconds(60), "1000 records in Aerospike", () -> count(topic, 0, 1000) == 1000,
                () -> count(topic, 0, 1000) + " records, requests: " + writeRequests().size());
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMs < 60_000, "written in " + elapsedMs + " ms");
        List<JournalEntry> writes = writeRequests();
        assertEquals(10, writes.size(), "ten batch requests of batch.size keys: " + writes);
        writes.forEach(w -> {
            assertEquals(JournalEntry.Kind.BATCH, w.kind());
            assertEquals(100, w.entryCount(), "every batch is full: " + w);
        });
    }

    private void start(String name, Map<String, String> config) {
        putConnector(name, config);
        connectors.add(name);
    }

    private static List<ProducerRecord<byte[], byte[]>> records(String topic, int from, int to) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String value = "{\"_key\": " + i + ", \"n\": " + i + "}";
            records.add(new ProducerRecord<>(topic, String.valueOf(i).getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    private int count(String topic, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += aerospike.get("test", topic, (long) i) != null ? 1 : 0;
        }
        return n;
    }

    /** Write requests in the journal: batches and single-record writes (one-record batches travel as those). */
    private List<JournalEntry> writeRequests() {
        return aerospike.journal().stream()
                .filter(e -> e.kind() == JournalEntry.Kind.BATCH || e.kind() == JournalEntry.Kind.WRITE)
                .toList();
    }
}
