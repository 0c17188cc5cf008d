package io.aerosink.connect.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.Bin;
import com.aerospike.client.ResultCode;

import io.aerosink.connect.client.InMemoryBatchClient;
import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.config.WriteConfig;

class BatchWriterTest {

    private final InMemoryBatchClient client = new InMemoryBatchClient();
    private BatchWriter writer;

    @AfterEach
    void stop() throws InterruptedException {
        client.open();
        if (writer != null) {
            writer.stop(5_000);
        }
    }

    private BatchWriter start(int batchSize, int lingerMs, int maxBuffered, int maxRetries) {
        writer = new BatchWriter(client, new WriteConfig(Map.of(
                WriteConfig.BATCH_SIZE, String.valueOf(batchSize),
                WriteConfig.LINGER_MS, String.valueOf(lingerMs),
                WriteConfig.MAX_BUFFERED_RECORDS, String.valueOf(maxBuffered),
                WriteConfig.MAX_RETRIES, String.valueOf(maxRetries),
                WriteConfig.RETRY_BACKOFF_MS, "5",
                WriteConfig.RETRY_BACKOFF_MAX_MS, "20")), "test", System::nanoTime);
        return writer;
    }

    /** Offsets continue across calls, as they do across put() calls. */
    private final List<RecordTicket> consumed = new ArrayList<>();

    private void accept(Object... keys) {
        int before = consumed.size();
        List<PendingWrite> writes = Writes.upserts(consumed, keys);
        writer.accept(consumed.subList(before, consumed.size()), writes);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(2);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> offsets(long next) {
        return Map.of(new TopicPartition("t", 0), new OffsetAndMetadata(next));
    }

    @Test
    void fullBatchesGoAtOnceAndTheRestWaitsForLinger() throws InterruptedException {
        start(10, 60_000, 1000, 3);
        Object[] keys = new Object[25];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (long) i;
        }
        accept(keys);
        await(() -> client.calls().size() == 2);
        assertEquals(List.of(10, 10), client.calls().stream().map(List::size).toList());
        assertEquals(offsets(20), writer.committable());
        assertEquals(5, writer.held());
    }

    @Test
    void aFewRecordsGoWhenTheLingerTimeIsUpWithoutFurtherCalls() throws InterruptedException {
        start(1000, 50, 1000, 3);
        long start = System.nanoTime();
        accept(1L, 2L, 3L);
        await(() -> client.size() == 3);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(50).toNanos());
        assertEquals(1, client.calls().size());
        assertEquals(offsets(3), writer.committable());
    }

    @Test
    void repeatedKeyEndsWithTheNewestValueAndIsNeverTwiceInFlight() throws InterruptedException {
        start(2, 0, 1000, 3);
        client.hold();
        accept("k", "x");
        accept("k", "k", "y", "k");
        client.open();
        await(() -> writer.openRecords() == 0 && writer.committable().equals(offsets(6)));
        assertEquals(5L, client.get(Writes.key("k")).bins().get("v"));
        for (List<BatchRecord> call : client.calls()) {
            Set<Object> keys = new HashSet<>();
            call.forEach(r -> assertTrue(keys.add(r.key), "key twice in one call"));
        }
    }

    @Test
    void dataErrorFailsThatKeyAloneAndItsOffsetWaitsForTheReport() throws InterruptedException {
        start(100, 0, 1000, 3);
        client.failKey(Writes.key(2L), ResultCode.RECORD_TOO_BIG);
        accept(1L, 2L, 3L);
        await(() -> client.size() == 2 && writer.openRecords() == 1);
        assertEquals(offsets(1), writer.committable());
        List<FailedWrite> failed = writer.takeFailures();
        assertEquals(1, failed.size());
        assertEquals(ResultCode.RECORD_TOO_BIG, failed.get(0).failure().resultCode());
        assertEquals(1L, failed.get(0).failure().record().kafkaOffset());
        writer.acknowledged(failed.stream().map(FailedWrite::ticket).toList());
        assertEquals(offsets(3), writer.committable());
    }

    @Test
    void transientErrorsAreRetriedUntilTheyPass() throws InterruptedException {
        start(100, 0, 1000, 3);
        client.failKey(Writes.key(1L), ResultCode.TIMEOUT, ResultCode.KEY_BUSY, ResultCode.DEVICE_OVERLOAD);
        accept(1L);
        await(() -> client.size() == 1);
        await(() -> writer.committable().equals(offsets(1)));
        assertTrue(writer.takeFailures().isEmpty());
    }

    @Test
    void transientErrorsPastMaxRetriesFailWithTheLastCode() throws InterruptedException {
        start(100, 0, 1000, 1);
        client.failKey(Writes.key(1L), ResultCode.TIMEOUT, ResultCode.KEY_BUSY);
        accept(1L);
        await(() -> !peekFailures().isEmpty());
        FailedWrite failed = seen.get(0);
        assertEquals(ResultCode.KEY_BUSY, failed.failure().resultCode());
        assertEquals(2, client.calls().size());
    }

    private final List<FailedWrite> seen = new ArrayList<>();

    private List<FailedWrite> peekFailures() {
        List<FailedWrite> taken = writer.takeFailures();
        seen.addAll(taken);
        return seen;
    }

    @Test
    void retriedInsertMeetingItsOwnInDoubtAttemptIsNotAFailure() throws InterruptedException {
        start(100, 0, 1000, 3);
        RecordTicket seed = Writes.ticket("seed", 0, 0);
        seed.seal();
        writer.accept(List.of(seed), List.of(Writes.put(seed, 1L, WriteAction.UPSERT, new Bin("v", 0L))));
        await(() -> client.size() == 1);
        client.inDoubtFaults(true);
        client.failKey(Writes.key(1L), ResultCode.TIMEOUT);
        RecordTicket ticket = Writes.ticket("t", 0, 0);
        ticket.seal();
        writer.accept(List.of(ticket), List.of(Writes.put(ticket, 1L, WriteAction.INSERT, new Bin("v", 1L))));
        await(() -> writer.committable().containsKey(new TopicPartition("t", 0)));
        assertTrue(writer.takeFailures().isEmpty());
    }

    @Test
    void outageIsRetriedWithoutLimitAndNothingFails() throws InterruptedException {
        start(100, 0, 1000, 0);
        client.failCalls(new AerospikeException.Connection("connection refused"), 4);
        accept(1L, 2L);
        await(() -> client.size() == 2);
        assertTrue(writer.takeFailures().isEmpty());
        assertNull(writer.fatalError());
        assertEquals(offsets(2), writer.committable());
    }

    @Test
    void namespaceNotFoundStopsTheTaskWithAClearError() throws InterruptedException {
        start(100, 0, 1000, 3);
        client.failCalls(new AerospikeException(ResultCode.INVALID_NAMESPACE, "Namespace not found"), 1);
        accept(1L);
        await(() -> writer.fatalError() != null);
        assertTrue(writer.fatalError().getMessage().contains("INVALID_NAMESPACE"), writer.fatalError().getMessage());
        assertTrue(writer.committable().isEmpty());
    }

    @Test
    void offsetsUseOriginalCoordinatesWhenAnSmtRenamedTheTopic() throws InterruptedException {
        start(100, 0, 1000, 3);
        SinkRecord original = Writes.record("orders", 3, 41);
        SinkRecord renamed = original.newRecord("renamed-orders", 0, null, null, original.valueSchema(),
                original.value(), original.timestamp());
        RecordTicket ticket = new RecordTicket(renamed);
        ticket.seal();
        writer.accept(List.of(ticket), List.of(Writes.put(ticket, 1L, WriteAction.UPSERT, new Bin("v", 1L))));
        await(() -> !writer.committable().isEmpty());
        assertEquals(Map.of(new TopicPartition("orders", 3), new OffsetAndMetadata(42)), writer.committable());
    }

    @Test
    void putBlocksWhileTheBufferIsFull() throws InterruptedException {
        start(5, 0, 10, 3);
        client.hold();
        Object[] keys = new Object[10];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (long) i;
        }
        accept(keys);
        assertFalse(writer.awaitCapacity(50));
        client.open();
        assertTrue(writer.awaitCapacity(5_000));
    }

    @Test
    void closeForgetsWaitingWritesOfRevokedPartitions() throws InterruptedException {
        start(1000, 60_000, 1000, 3);
        RecordTicket kept = Writes.ticket("t", 0, 0);
        RecordTicket revoked = Writes.ticket("t", 1, 0);
        kept.seal();
        revoked.seal();
        writer.accept(List.of(kept, revoked), List.of(
                Writes.put(kept, 1L, WriteAction.UPSERT, new Bin("v", 1L)),
                Writes.put(revoked, 2L, WriteAction.UPSERT, new Bin("v", 1L))));
        writer.close(List.of(new TopicPartition("t", 1)), 1_000);
        assertEquals(1, writer.held());
        Map<TopicPartition, OffsetAndMetadata> none = new HashMap<>(writer.committable());
        assertTrue(none.isEmpty());
    }

    @Test
    void stopWaitsForBatchesInFlight() throws InterruptedException {
        start(1, 0, 1000, 3);
        client.hold();
        accept(1L);
        await(() -> client.calls().isEmpty() && writer.held() == 1);
        Thread opener = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.open();
        });
        opener.start();
        writer.stop(5_000);
        assertNotNull(client.get(Writes.key(1L)));
        writer = null;
    }
}
