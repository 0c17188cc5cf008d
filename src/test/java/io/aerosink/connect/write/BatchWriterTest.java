package io.aerosink.connect.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.Bin;
import com.aerospike.client.ResultCode;

import io.aerosink.connect.client.InMemoryBatchClient;
import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.config.WriteConfig;
import io.aerosink.connect.layout.RowDecoder;
import io.aerosink.connect.layout.RowLayout;
import io.aerosink.connect.mapping.KeyWrite;

class BatchWriterTest {

    private static final TopicPartition T0 = new TopicPartition("t", 0);

    private final InMemoryBatchClient client = new InMemoryBatchClient();
    /** Plays the task thread's part: tracks tickets, closes what the writer settled, keeps the failures. */
    private final Writes writes = new Writes();
    private final List<FailedWrite> failures = writes.failures;
    private BatchWriter writer;

    @AfterEach
    void stop() throws InterruptedException {
        client.open();
        if (writer != null) {
            writer.stop(5_000);
        }
    }

    private BatchWriter start(int batchSize, int lingerMs, int maxBuffered, int maxRetries) {
        return start(batchSize, lingerMs, maxBuffered, maxRetries, 4);
    }

    private BatchWriter start(int batchSize, int lingerMs, int maxBuffered, int maxRetries, int inFlight) {
        writer = new BatchWriter(client, new WriteConfig(Map.of(
                WriteConfig.MAX_IN_FLIGHT_BATCHES, String.valueOf(inFlight),
                WriteConfig.BATCH_SIZE, String.valueOf(batchSize),
                WriteConfig.LINGER_MS, String.valueOf(lingerMs),
                WriteConfig.MAX_BUFFERED_RECORDS, String.valueOf(maxBuffered),
                WriteConfig.MAX_RETRIES, String.valueOf(maxRetries),
                WriteConfig.RETRY_BACKOFF_MS, "5",
                WriteConfig.RETRY_BACKOFF_MAX_MS, "20")), "test", System::nanoTime);
        return writer;
    }

    private void accept(Object... keys) {
        writer.accept(writes.upserts(keys));
    }

    private void settle() {
        writes.settle(writer);
    }

    private Map<TopicPartition, OffsetAndMetadata> committable() {
        settle();
        return writes.tracker.committable(Map.of());
    }

    private int openRecords() {
        settle();
        return writes.tracker.openCount();
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(condition);
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(long next) {
        return Map.of(T0, new OffsetAndMetadata(next));
    }

    private long sentCount(Object userKey) {
        return client.calls().stream().flatMap(List::stream).filter(r -> r.key.equals(Writes.key(userKey))).count();
    }

    @Test
    void fullBatchesGoAtOnceAndTheRestWaitsForLinger() {
        start(10, 60_000, 1000, 3);
        Object[] keys = new Object[25];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (long) i;
        }
        accept(keys);
        await("two full batches", () -> client.calls().size() == 2 && committable().equals(offsets(20)));
        assertEquals(List.of(10, 10), client.calls().stream().map(List::size).toList());
        assertEquals(5, writer.held());
    }

    @Test
    void aFewRecordsGoWhenTheLingerTimeIsUpWithoutFurtherCalls() {
        start(1000, 50, 1000, 3);
        long start = System.nanoTime();
        accept(1L, 2L, 3L);
        await("three records written", () -> client.size() == 3);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(50).toNanos());
        assertEquals(1, client.calls().size());
        await("offsets", () -> committable().equals(offsets(3)));
    }

    @Test
    void aFullBufferSendsWhatIsReadyWithoutWaitingForLinger() throws InterruptedException {
        // Hot keys: 12 records of 3 keys fold into 3 writes, fewer than a batch; no put can add to a full buffer,
        // so waiting out linger.ms would only stall the task.
        start(10, 600_000, 12, 3);
        Object[] keys = new Object[12];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (long) (i % 3);
        }
        accept(keys);
        assertTrue(writer.awaitCapacity(30_000), "room again long before linger.ms");
        assertEquals(List.of(3), client.calls().stream().map(List::size).toList());
        await("offsets", () -> committable().equals(offsets(12)));
        assertEquals(11L, client.get(Writes.key(2L)).bins().get("v"));
    }

    @Test
    void repeatedKeyEndsWithTheNewestValueAndIsNeverTwiceInFlight() {
        start(2, 0, 1000, 3);
        client.hold();
        accept("k", "x");
        accept("k", "k", "y", "k");
        client.open();
        await("all written", () -> openRecords() == 0 && committable().equals(offsets(6)));
        assertEquals(5L, client.get(Writes.key("k")).bins().get("v"));
        for (List<BatchRecord> call : client.calls()) {
            Set<Object> keys = new HashSet<>();
            call.forEach(r -> assertTrue(keys.add(r.key), "key twice in one call"));
        }
    }

    @Test
    void dataErrorFailsThatKeyAloneAndItsOffsetWaitsForTheReport() {
        start(100, 0, 1000, 3);
        client.failKey(Writes.key(2L), ResultCode.RECORD_TOO_BIG);
        accept(1L, 2L, 3L);
        await("two written, one failed", () -> client.size() == 2 && openRecords() == 1 && failures.size() == 1);
        assertEquals(offsets(1), committable());
        assertEquals(ResultCode.RECORD_TOO_BIG, failures.get(0).failure().resultCode());
        assertEquals(1L, failures.get(0).failure().record().kafkaOffset());
        failures.get(0).ticket().close();
        assertEquals(offsets(3), committable());
    }

    @Test
    void keyBusyIsRetriedUntilItPasses() {
        start(100, 0, 1000, 3);
        client.failKey(Writes.key(1L), ResultCode.KEY_BUSY, ResultCode.KEY_BUSY);
        accept(1L);
        await("written", () -> client.size() == 1 && committable().equals(offsets(1)));
        assertTrue(failures.isEmpty());
    }

    @Test
    void anOverloadedOrSlowClusterIsWaitedOutAndNeverDeadLettered() {
        // max.retries 0: a per-key transient code would be dead-lettered at once; these must not be.
        start(100, 0, 1000, 0);
        client.failKey(Writes.key(1L), ResultCode.DEVICE_OVERLOAD, ResultCode.TIMEOUT, ResultCode.DEVICE_OVERLOAD,
                ResultCode.SERVER_MEM_ERROR);
        accept(1L);
        await("written", () -> client.size() == 1 && committable().equals(offsets(1)));
        assertTrue(failures.isEmpty());
        assertNull(writer.fatalError());
    }

    @Test
    void transientErrorsPastMaxRetriesFailWithTheLastCode() {
        start(100, 0, 1000, 1);
        client.failKey(Writes.key(1L), ResultCode.KEY_BUSY, ResultCode.XDR_KEY_BUSY);
        accept(1L);
        await("failed", () -> openRecords() == 1 && failures.size() == 1);
        assertEquals(ResultCode.XDR_KEY_BUSY, failures.get(0).failure().resultCode());
        assertEquals(2, client.calls().size());
    }

    @Test
    void retriedInsertMeetingItsOwnInDoubtAttemptIsNotAFailure() {
        start(100, 0, 1000, 3);
        writer.accept(List.of(Writes.put(writes.ticket("seed", 0, 0), 1L, WriteAction.UPSERT, new Bin("v", 0L))));
        await("seeded", () -> client.size() == 1);
        client.inDoubtFaults(true);
        client.failKey(Writes.key(1L), ResultCode.KEY_BUSY);
        writer.accept(List.of(Writes.put(writes.ticket("t", 0, 0), 1L, WriteAction.INSERT, new Bin("v", 1L))));
        await("committable", () -> committable().containsKey(T0));
        assertTrue(failures.isEmpty());
    }

    @Test
    void outageIsRetriedWithoutLimitAndNothingFails() {
        start(100, 0, 1000, 0);
        client.failCalls(new AerospikeException.Connection("connection refused"), 4);
        accept(1L, 2L);
        await("written", () -> client.size() == 2 && committable().equals(offsets(2)));
        assertTrue(failures.isEmpty());
        assertNull(writer.fatalError());
    }

    @Test
    void aClusterThatRefusesTheTaskWhileItLooksUnreachableStopsItNamingWhatToFix() {
        // As a cluster down at the task's start and back with another password looks: empty, to writes.
        start(100, 0, 1000, 0);
        client.failCalls(new AerospikeException(ResultCode.INVALID_NODE_ERROR, "Cluster is empty"), 100_000);
        client.refuse("Aerospike refused the login as user 'connect': check aerospike.user and aerospike.password");
        accept(1L);
        await("fatal", () -> writer.fatalError() != null);
        assertTrue(writer.fatalError().getMessage().contains("check aerospike.user and aerospike.password"),
                writer.fatalError().getMessage());
        assertTrue(failures.isEmpty(), "nothing is dead-lettered");
        assertTrue(committable().isEmpty());
    }

    @Test
    void anUnreachableClusterThatDoesNotRefuseTheTaskIsWaitedForAndAskedOnlyNowAndThen() {
        start(100, 0, 1000, 0);
        long started = System.nanoTime();
        client.failCalls(new AerospikeException(ResultCode.INVALID_NODE_ERROR, "Cluster is empty"), 100_000);
        accept(1L);
        await("20 calls in the outage", () -> client.arrivedCalls() >= 20 && client.refusalChecks() >= 1);
        long elapsed = System.nanoTime() - started;
        assertTrue(client.refusalChecks() <= 1 + elapsed / RefusalProbe.INTERVAL_NANOS,
                client.refusalChecks() + " checks in " + elapsed / 1_000_000 + " ms");
        assertNull(writer.fatalError());
        client.clearCallFaults();
        await("written", () -> client.size() == 1 && committable().equals(offsets(1)));
        assertTrue(failures.isEmpty());
    }

    @Test
    void aSessionTokenTheNodeRefusesIsWaitedOutLikeAnOutageNotDeadLettered() {
        // No retries for key failures: a refused token counted as one would dead-letter the record at once.
        start(100, 0, 1000, 0);
        client.failCalls(new AerospikeException("Authentication failed"), 3);
        accept(1L);
        await("written", () -> client.size() == 1 && committable().equals(offsets(1)));
        assertTrue(failures.isEmpty(), "nothing is dead-lettered: " + failures);
        assertNull(writer.fatalError());
    }

    @Test
    void namespaceNotFoundStopsTheTaskWithAClearError() {
        start(100, 0, 1000, 3);
        client.failCalls(new AerospikeException(ResultCode.INVALID_NAMESPACE, "Namespace not found"), 1);
        accept(1L);
        await("fatal", () -> writer.fatalError() != null);
        assertTrue(writer.fatalError().getMessage().contains("INVALID_NAMESPACE"), writer.fatalError().getMessage());
        assertTrue(writer.fatalError().getMessage().contains("aerospike.namespace"), writer.fatalError().getMessage());
        assertTrue(committable().isEmpty());
    }

    @Test
    void tooManyKeysPerBatchForTheServerStopsTheTaskNamingBatchSize() {
        start(100, 0, 1000, 3);
        client.failCalls(new AerospikeException(ResultCode.BATCH_MAX_REQUESTS_EXCEEDED, "Batch max requests"), 1);
        accept(1L);
        await("fatal", () -> writer.fatalError() != null);
        String message = writer.fatalError().getMessage();
        assertTrue(message.contains("batch.size (100)") && message.contains("batch-max-requests"), message);
    }

    @Test
    void batchesDisabledOnTheServerStopsTheTaskNamingTheServerSetting() {
        start(100, 0, 1000, 3);
        client.failCalls(new AerospikeException(ResultCode.BATCH_DISABLED, "Batch disabled"), 1);
        accept(1L);
        await("fatal", () -> writer.fatalError() != null);
        assertTrue(writer.fatalError().getMessage().contains("batch-index-threads"), writer.fatalError().getMessage());
    }

    @Test
    void anErrorInAWriterThreadFailsTheTaskWithItsCause() {
        // Before, an Error (not a RuntimeException) killed the thread silently: its batch stayed in flight.
        start(100, 0, 1000, 3);
        client.failNextCall(new AssertionError("writer thread broke"));
        accept(1L);
        await("fatal", () -> writer.fatalError() != null);
        assertTrue(writer.fatalError().getMessage().contains("writer thread broke"), writer.fatalError().getMessage());
    }

    @Test
    void offsetsUseOriginalCoordinatesWhenAnSmtRenamedTheTopic() {
        start(100, 0, 1000, 3);
        SinkRecord original = Writes.record("orders", 3, 41);
        SinkRecord renamed = original.newRecord("renamed-orders", 0, null, null, original.valueSchema(),
                original.value(), original.timestamp());
        RecordTicket ticket = new RecordTicket(renamed);
        writes.tracker.track(ticket);
        writer.accept(List.of(Writes.put(ticket, 1L, WriteAction.UPSERT, new Bin("v", 1L))));
        await("committable", () -> !committable().isEmpty());
        assertEquals(Map.of(new TopicPartition("orders", 3), new OffsetAndMetadata(42)), committable());
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
        assertTrue(writer.awaitCapacity(30_000));
    }

    @Test
    void revokeDropsWaitingWritesOfRevokedPartitions() throws InterruptedException {
        start(1000, 60_000, 1000, 3);
        writer.accept(List.of(
                Writes.put(writes.ticket("t", 0, 0), 1L, WriteAction.UPSERT, new Bin("v", 1L)),
                Writes.put(writes.ticket("t", 1, 0), 2L, WriteAction.UPSERT, new Bin("v", 1L))));
        writer.revoke(writes.tracker.forget(List.of(new TopicPartition("t", 1))), 1_000);
        assertEquals(1, writer.held());
        assertTrue(committable().isEmpty());
    }

    @Test
    void aRevokedPartitionsRetriedWriteIsNeverSentAgain() {
        // Regression (defect 3): an outage result re-queued the revoked partition's write, which was sent later,
        // over what the partition's new owner had written meanwhile.
        start(1, 0, 1000, 3);
        client.hold();
        writer.accept(List.of(Writes.put(writes.ticket("t", 1, 0), "revoked", WriteAction.UPSERT, new Bin("v", 1L))));
        await("the write in flight", () -> client.arrivedCalls() == 1);
        client.failCalls(new AerospikeException.Connection("connection reset"), 1);
        CompletableFuture<Void> closing = revokeWhileInFlight(new TopicPartition("t", 1));
        client.open();
        closing.join();
        accept("other");
        await("the other partition's write", () -> client.get(Writes.key("other")) != null && openRecords() == 0);
        assertEquals(1, sentCount("revoked"), "sent once, never retried");
        assertNull(client.get(Writes.key("revoked")));
        assertTrue(failures.isEmpty());
    }

    @Test
    void aRevokedPartitionsRefusedWriteIsNotDeadLettered() {
        start(1, 0, 1000, 3);
        client.hold();
        client.failKey(Writes.key("revoked"), ResultCode.RECORD_TOO_BIG);
        writer.accept(List.of(Writes.put(writes.ticket("t", 1, 0), "revoked", WriteAction.UPSERT, new Bin("v", 1L))));
        await("the write in flight", () -> client.arrivedCalls() == 1);
        CompletableFuture<Void> closing = revokeWhileInFlight(new TopicPartition("t", 1));
        client.open();
        closing.join();
        settle();
        assertTrue(failures.isEmpty(), "the new owner reports it, not this task");
    }

    @Test
    void revokeWaitsOnlyForTheRevokedPartitionsWritesInFlight() {
        // One writer thread, busy with partition 0: partition 1's write waits, and close must not wait for 0's.
        start(1, 0, 1000, 3, 1);
        client.hold();
        accept("busy");
        await("partition 0's write in flight", () -> client.arrivedCalls() == 1);
        writer.accept(List.of(Writes.put(writes.ticket("t", 1, 0), "idle", WriteAction.UPSERT, new Bin("v", 1L))));
        CompletableFuture<Void> closing = revokeAsync(new TopicPartition("t", 1));
        await("close returns while partition 0's write is still held", closing::isDone);
        assertTrue(client.calls().isEmpty());
    }

    /**
     * Revokes on a thread of its own, and returns once the revoke has marked the partition's lease and waits for its
     * write in flight: released before that, the write's result could be settled as the partition's still, which is
     * right then but not what these tests are about. Marking holds the writer's lock; the only timed wait in
     * {@code revoke} is the one for the writes in flight, after it.
     */
    private CompletableFuture<Void> revokeWhileInFlight(TopicPartition partition) {
        Set<PartitionLease> leases = writes.tracker.forget(List.of(partition));
        CompletableFuture<Void> closing = new CompletableFuture<>();
        Thread revoking = new Thread(() -> {
            try {
                writer.revoke(leases, 60_000);
                closing.complete(null);
            } catch (Throwable e) {
                closing.completeExceptionally(e);
            }
        }, "revoke-" + partition);
        revoking.start();
        await("the revoke waiting for the write in flight", () -> revoking.getState() == Thread.State.TIMED_WAITING);
        return closing;
    }

    private CompletableFuture<Void> revokeAsync(TopicPartition partition) {
        Set<PartitionLease> leases = writes.tracker.forget(List.of(partition));
        return CompletableFuture.runAsync(() -> {
            try {
                writer.revoke(leases, 60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aRefusedFoldOfTombstoneAndUpsertIsReplayedRecordByRecord() {
        // Regression (defect 4): folded into one replace and refused, both records were dead-lettered and the
        // record the tombstone deletes survived.
        start(10, 0, 1000, 3);
        client.refuseValue("too big", ResultCode.RECORD_TOO_BIG);
        writer.accept(List.of(Writes.put(writes.ticket("seed", 0, 0), "k", WriteAction.UPSERT, new Bin("old", 1L))));
        await("seeded", () -> client.get(Writes.key("k")) != null);
        client.hold();
        writer.accept(List.of(Writes.delete(writes.ticket("t", 0, 0), "k"),
                Writes.put(writes.ticket("t", 0, 1), "k", WriteAction.UPSERT, new Bin("a", "too big"))));
        client.open();
        await("both settled", () -> openRecords() == 1 && failures.size() == 1);
        assertNull(client.get(Writes.key("k")), "the tombstone deleted the record");
        assertEquals(1L, failures.get(0).failure().record().kafkaOffset());
        assertEquals(ResultCode.RECORD_TOO_BIG, failures.get(0).failure().resultCode());
    }

    @Test
    void aRefusedFoldOfTwoUpsertsWritesTheFirstAndDeadLettersOnlyTheSecond() {
        start(10, 0, 1000, 3);
        client.refuseValue("too big", ResultCode.RECORD_TOO_BIG);
        client.hold();
        writer.accept(List.of(Writes.put(writes.ticket("t", 0, 0), "k", WriteAction.UPSERT, new Bin("a", 1L)),
                Writes.put(writes.ticket("t", 0, 1), "k", WriteAction.UPSERT, new Bin("b", "too big"))));
        client.open();
        await("both settled", () -> openRecords() == 1 && failures.size() == 1);
        assertEquals(Map.of("a", 1L), client.get(Writes.key("k")).bins());
        assertEquals(1L, failures.get(0).failure().record().kafkaOffset());
    }

    /** Rows of "_key:<i8, v:<i8, w:<f8", which decode on send: numbers only. */
    private static final RowDecoder ROWS = new RowDecoder(RowLayout.parse("_key:<i8, v:<i8, w:<f8"));

    private PendingWrite row(long offset, long key, long v) {
        byte[] payload = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(key).putLong(v)
                .putDouble(v / 2.0).array();
        return Writes.write(writes.ticket("t", 0, offset),
                KeyWrite.putRowDecodedOnSend(Writes.key(key), ROWS, 0, 0, payload, 0, payload.length),
                Writes.policies(WriteAction.UPSERT));
    }

    @Test
    void rowsOfAHotKeyDecodedOnSendFoldIntoOneWriteOfTheNewestRow() {
        start(10, 0, 1000, 3);
        List<PendingWrite> rows = new ArrayList<>();
        for (long offset = 0; offset < 6; offset++) {
            rows.add(row(offset, offset == 5 ? 2 : 1, 10 + offset));
        }
        writer.accept(rows);
        await("offsets", () -> committable().equals(offsets(6)));
        assertEquals(Map.of("v", 14L, "w", 7.0), client.get(Writes.key(1L)).bins());
        assertEquals(Map.of("v", 15L, "w", 7.5), client.get(Writes.key(2L)).bins());
        assertEquals(1, sentCount(1L), "five rows of key 1, one write");
    }

    @Test
    void aRefusedFoldOfRowsDecodedOnSendIsReplayedRowByRow() {
        start(10, 0, 1000, 3);
        client.refuseValue(666L, ResultCode.RECORD_TOO_BIG);
        writer.accept(List.of(row(0, 1, 10), row(1, 1, 666)));
        await("both settled", () -> openRecords() == 1 && failures.size() == 1);
        assertEquals(Map.of("v", 10L, "w", 5.0), client.get(Writes.key(1L)).bins());
        assertEquals(1L, failures.get(0).failure().record().kafkaOffset());
        assertEquals(ResultCode.RECORD_TOO_BIG, failures.get(0).failure().resultCode());
    }

    @Test
    void stopWaitsForBatchesInFlight() throws InterruptedException {
        start(1, 0, 1000, 3);
        client.hold();
        accept(1L);
        await("the batch in flight", () -> client.arrivedCalls() == 1);
        Thread stopping = new Thread(() -> {
            try {
                writer.stop(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopping.start();
        await("stop() waiting for the batch", () -> stopping.getState() == Thread.State.TIMED_WAITING);
        client.open();
        stopping.join();
        assertNotNull(client.get(Writes.key(1L)));
        writer = null;
    }

    private static final Fence OFFSET_FENCE = Fence.of(new io.aerosink.connect.config.MappingConfig(Map.of(
            "aerospike.namespace", "test", "write.fence", "offset"), "t"));

    private PendingWrite fencedInsert(long offset, Object key) {
        return Writes.write(writes.ticket("t", 0, offset), io.aerosink.connect.mapping.KeyWrite.put(Writes.key(key),
                io.aerosink.connect.Puts.of(new Bin("v", offset)), 0),
                new WritePolicies(WriteAction.INSERT, 0, true, false, OFFSET_FENCE));
    }

    @Test
    void aReplayedFencedInsertCountsAsWrittenAndAGenuineClashIsStillRefused() {
        start(10, 0, 1000, 3);
        writer.accept(List.of(fencedInsert(7, "replayed")));
        await("first delivery written", () -> client.get(Writes.key("replayed")) != null && openRecords() == 0);
        assertEquals(Map.of("t/0", 7L << Fence.ROW_BITS), client.get(Writes.key("replayed")).bins().get("_fence"));

        writer.accept(List.of(Writes.put(writes.ticket("seed", 0, 0), "taken", WriteAction.UPSERT, new Bin("v", 0L))));
        await("seeded", () -> client.get(Writes.key("taken")) != null);
        // The same offset again, as after a rebalance, and an insert of a key some other writer created.
        writer.accept(List.of(fencedInsert(7, "replayed"), fencedInsert(8, "taken")));
        await("both settled", () -> openRecords() == 1 && failures.size() == 1);
        assertEquals(ResultCode.KEY_EXISTS_ERROR, failures.get(0).failure().resultCode());
        assertEquals("taken", failures.get(0).failure().key());
        assertEquals(1, writer.filteredCount());
    }
}
