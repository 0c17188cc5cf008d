package io.aerosink.connect.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.aerospike.client.Bin;
import com.aerospike.client.ResultCode;

import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.config.WriteConfig;
import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * Large records through the real client against the test server, which drops the connection of any request over
 * 128 MiB as a real server does ("invalid proto size"): batches stay under batch.max.bytes, and a record too large
 * for any request is a data error of that record, not an outage that stalls its partition.
 */
class LargeRecordsTest {

    private static final int MIB = 1024 * 1024;

    private final LiveWritePath path = new LiveWritePath(
            new AerospikeTestServer.Options().maxRecordBytes(256L * MIB), "30000");
    private final AerospikeTestServer server = path.server;
    private final Writes writes = path.writes;
    private final List<FailedWrite> failures = writes.failures;
    private BatchWriter writer;

    @AfterEach
    void close() throws InterruptedException {
        path.close();
    }

    private void start(String batchMaxBytes) {
        writer = path.start(Map.of(WriteConfig.BATCH_MAX_BYTES, batchMaxBytes, WriteConfig.RETRY_BACKOFF_MAX_MS, "200"),
                "large");
    }

    private void awaitSettled() {
        path.settleUntil("every record settled", Duration.ofMinutes(2),
                () -> writes.tracker.openCount() == failures.size());
    }

    @Test
    void aHundredRecordsOfTwoMebibytesWaitingTogetherAreWrittenInBatchesUnderTheLimit() {
        // Sent as one batch they made a request of about 200 MiB, which the server dropped over and over.
        start(String.valueOf(8 * MIB));
        List<PendingWrite> pending = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            pending.add(Writes.put(writes.ticket("t", 0, k), (long) k, WriteAction.UPSERT, new Bin("blob", new byte[2 * MIB])));
        }
        writer.accept(pending);
        awaitSettled();
        assertTrue(failures.isEmpty(), failures.toString());
        for (long k = 0; k < 100; k++) {
            assertNotNull(server.get("test", "s", k), "record " + k);
        }
        assertTrue(server.batchRequestCount() >= 25, "batches of at most 8 MiB: " + server.batchRequestCount());
    }

    @Test
    void aRecordTooLargeForAnyRequestIsDeadLetteredAndTheOthersAreWritten() {
        start(String.valueOf(8 * MIB));
        writer.accept(List.of(
                Writes.put(writes.ticket("t", 0, 0), 1L, WriteAction.UPSERT, new Bin("v", 1L)),
                Writes.put(writes.ticket("t", 0, 1), 2L, WriteAction.UPSERT, new Bin("blob", new byte[130 * MIB])),
                Writes.put(writes.ticket("t", 0, 2), 3L, WriteAction.UPSERT, new Bin("v", 3L))));
        awaitSettled();
        assertEquals(1, failures.size());
        assertEquals(ResultCode.RECORD_TOO_BIG, failures.get(0).failure().resultCode());
        assertEquals(1L, failures.get(0).failure().record().kafkaOffset());
        assertTrue(failures.get(0).failure().reason().contains("128 MiB"), failures.get(0).failure().reason());
        assertNotNull(server.get("test", "s", 1L));
        assertNotNull(server.get("test", "s", 3L));
    }
}
