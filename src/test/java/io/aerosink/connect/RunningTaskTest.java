package io.aerosink.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;

import io.aerosink.connect.avro.AvroPayloads;
import io.aerosink.connect.avro.RegistryStub;
import io.aerosink.connect.client.InMemoryBatchClient;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.errors.DeadLetterReporter;
import io.aerosink.connect.errors.ErrorReporters;
import io.aerosink.connect.mapping.AvroRecordConverterTest;
import io.aerosink.connect.write.BatchWriter;

class RunningTaskTest {

    private static final String LAYOUT = "_key:<u8, temperature:<f8";

    private final InMemoryBatchClient client = new InMemoryBatchClient();
    private final FakeSinkTaskContext context = new FakeSinkTaskContext().assign("sensors", 0, 1);
    private RunningTask task;
    private BatchWriter writer;

    @AfterEach
    void stop() {
        client.open();
        if (task != null) {
            task.stop();
        }
    }

    private RunningTask start(String... settings) {
        return start(RunningTask.BACKPRESSURE_WAIT_MS, settings);
    }

    private RunningTask start(long backpressureWaitMs, String... settings) {
        Map<String, String> props = new HashMap<>();
        props.put("aerospike.namespace", "test");
        props.put("linger.ms", "0");
        props.put("errors.tolerance", "all");
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        SinkConfig config = new SinkConfig(props);
        writer = new BatchWriter(client, config.write(), "unit", System::nanoTime);
        task = new RunningTask(config, context, client,
                ErrorReporters.create(config.tolerateErrors(), context.errantRecordReporter()), writer,
                backpressureWaitMs);
        return task;
    }

    private static SinkRecord record(int partition, long offset, Object value) {
        return new SinkRecord("sensors", partition, null, null, null, value, offset);
    }

    private static byte[] rows(long... keys) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * keys.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long key : keys) {
            buffer.putLong(key).putDouble(key / 10.0);
        }
        return buffer.array();
    }

    private Map<TopicPartition, OffsetAndMetadata> awaitOffsets(Map<TopicPartition, OffsetAndMetadata> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Map<TopicPartition, OffsetAndMetadata> offsets = task.preCommit(Map.of());
        while (!offsets.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            // As the worker does: put() every poll, empty or not, reports what failed meanwhile.
            task.put(List.of());
            offsets = task.preCommit(Map.of());
        }
        assertEquals(expected, offsets);
        return offsets;
    }

    @Test
    void recordsAreWrittenAndOffsetsCommittedPerPartition() throws InterruptedException {
        start();
        task.put(List.of(record(0, 10, Map.of("_key", 1, "v", 1)), record(1, 20, Map.of("_key", 2, "v", 2)),
                record(0, 11, Map.of("_key", 3, "v", 3))));
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(12),
                new TopicPartition("sensors", 1), new OffsetAndMetadata(21)));
        assertEquals(3, client.size());
    }

    @Test
    void unconvertibleRecordIsDeadLetteredAndItsOffsetStillCommitted() throws InterruptedException {
        start();
        task.put(List.of(record(0, 0, Map.of("v", 1)), record(0, 1, Map.of("_key", 2, "v", 2))));
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(2)));
        assertEquals(1, context.deadLetters.size());
        String reason = (String) context.deadLetters.get(0).headers().lastWithName(DeadLetterReporter.REASON).value();
        assertTrue(reason.contains("'_key'"), reason);
    }

    @Test
    void withoutToleranceABadRecordStopsTheTaskNamingWhereItIs() {
        start("errors.tolerance", "none");
        ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of(record(1, 5, Map.of("v", 1)))));
        assertTrue(e.getMessage().contains("topic 'sensors' partition 1 offset 5") && e.getMessage().contains("'_key'"),
                e.getMessage());
    }

    @Test
    void refusedKeyIsDeadLetteredByTheNextCall() throws InterruptedException {
        start();
        client.failKey(new Key("test", "sensors", 2L), ResultCode.RECORD_TOO_BIG);
        task.put(List.of(record(0, 0, Map.of("_key", 1, "v", 1)), record(0, 1, Map.of("_key", 2, "v", 2))));
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(2)));
        assertEquals(1, context.deadLetters.size());
        assertEquals("RECORD_TOO_BIG",
                context.deadLetters.get(0).headers().lastWithName(DeadLetterReporter.RESULT_NAME).value());
    }

    @Test
    void packedRowsBecomeRecordsAndABadRowFailsAlone() throws InterruptedException {
        start("value.format", "fixed", "value.layout", LAYOUT);
        byte[] payload = rows(1, -1, 3);
        task.put(List.of(new SinkRecord("sensors", 0, null, null, Schema.BYTES_SCHEMA, payload, 4)));
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(5)));
        assertEquals(2, client.size());
        assertEquals(0.3, client.get(new Key("test", "sensors", 3L)).bins().get("temperature"));
        SinkRecord dead = context.deadLetters.get(0);
        assertArrayEquals(rows(-1), (byte[]) dead.value());
        assertEquals(1, dead.headers().lastWithName(DeadLetterReporter.ROW_INDEX).value());
    }

    @Test
    void payloadThatIsNotWholeRowsFailsWhole() throws InterruptedException {
        start("value.format", "fixed", "value.layout", LAYOUT);
        task.put(List.of(new SinkRecord("sensors", 0, null, null, Schema.BYTES_SCHEMA, new byte[37], 0)));
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(1)));
        String reason = (String) context.deadLetters.get(0).headers().lastWithName(DeadLetterReporter.REASON).value();
        assertTrue(reason.contains("payload of 37 bytes is not a multiple of the 16-byte row layout"), reason);
        assertEquals(0, client.size());
    }

    @Test
    void offsetsOfUnassignedPartitionsAreNotReturned() throws InterruptedException {
        start();
        task.put(List.of(record(0, 0, Map.of("_key", 1, "v", 1)), record(1, 0, Map.of("_key", 2, "v", 2))));
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(1),
                new TopicPartition("sensors", 1), new OffsetAndMetadata(1)));
        context.assignment.remove(new TopicPartition("sensors", 1));
        task.close(List.of(new TopicPartition("sensors", 1)));
        assertEquals(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(1)), task.preCommit(Map.of()));
    }

    @Test
    void unconvertibleRecordIsNotCommittedUntilItsDeadLetterIsAcknowledged() throws InterruptedException {
        start();
        context.holdAcknowledgements = true;
        task.put(List.of(record(0, 0, Map.of("v", 1)), record(0, 1, Map.of("_key", 2, "v", 2))));
        awaitWritten(1);
        assertEquals(Map.of(), task.preCommit(Map.of()));
        context.heldAcknowledgements.get(0).complete(null);
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(2)));
    }

    @Test
    void refusedKeyIsNotCommittedUntilItsDeadLetterIsAcknowledged() throws InterruptedException {
        start();
        context.holdAcknowledgements = true;
        client.failKey(new Key("test", "sensors", 1L), ResultCode.RECORD_TOO_BIG);
        task.put(List.of(record(0, 0, Map.of("_key", 1, "v", 1)), record(0, 1, Map.of("_key", 2, "v", 2))));
        awaitWritten(1);
        awaitDeadLetters(1);
        assertEquals(Map.of(), task.preCommit(Map.of()));
        context.heldAcknowledgements.get(0).complete(null);
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(2)));
    }

    @Test
    void deadLetterTheQueueRefusedStopsTheTaskFromPutAndIsNeverCommittedPast() throws InterruptedException {
        start();
        context.holdAcknowledgements = true;
        task.put(List.of(record(0, 0, Map.of("v", 1)), record(0, 1, Map.of("_key", 2, "v", 2))));
        awaitWritten(1);
        context.heldAcknowledgements.get(0).completeExceptionally(new IllegalStateException("DLQ topic refused it"));
        assertEquals(Map.of(), task.preCommit(Map.of()), "preCommit neither throws nor commits past the lost dead letter");
        ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of()));
        assertTrue(e.getMessage().contains("topic 'sensors' partition 0 offset 0")
                && e.getMessage().contains("DLQ topic refused it"), e.getMessage());
        assertEquals(Map.of(), task.preCommit(Map.of()));
    }

    /** Polls {@code done} every 5 ms for up to 10 s; the caller asserts what it waited for. */
    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private void awaitWritten(int records) throws InterruptedException {
        await(() -> client.size() >= records);
        assertEquals(records, client.size());
    }

    private void awaitDeadLetters(int letters) throws InterruptedException {
        await(() -> {
            task.put(List.of());
            return context.deadLetters.size() >= letters;
        });
        assertEquals(letters, context.deadLetters.size());
    }

    private static long[] keys(long first, int count) {
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            keys[i] = first + i;
        }
        return keys;
    }

    /** The put is blocked with the buffer at its bound of 1,000 writes (plus the batch of 100 that filled it). */
    private void assertPutWaitsAtTheBound(CompletableFuture<Void> put) throws InterruptedException {
        await(() -> writer.held() >= 1_000);
        Thread.sleep(200);
        assertFalse(put.isDone(), "put() waits while the buffer is full");
        assertTrue(writer.held() <= 1_000 + 100, writer.held() + " writes held");
    }

    /** 200 messages of 100 rows each: one put() of 20,000 writes, against a bound of 1,000. */
    private static List<SinkRecord> multiRowMessages() {
        List<SinkRecord> messages = new ArrayList<>();
        for (int m = 0; m < 200; m++) {
            messages.add(new SinkRecord("sensors", 0, null, null, Schema.BYTES_SCHEMA, rows(keys(m * 100L, 100)), m));
        }
        return messages;
    }

    /** Multi-row messages must not put all of a put()'s rows on top of max.buffered.records: put() waits as it goes. */
    @Test
    void putOfManyMultiRowMessagesWaitsForRoomAsItGoes() throws Exception {
        start(30_000, "value.format", "fixed", "value.layout", LAYOUT, "batch.size", "100",
                "max.buffered.records", "1000");
        client.hold();
        CompletableFuture<Void> put = CompletableFuture.runAsync(() -> task.put(multiRowMessages()));
        assertPutWaitsAtTheBound(put);
        client.open();
        put.get(30, TimeUnit.SECONDS);
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(200)));
        assertEquals(20_000, client.size());
        assertTrue(context.paused.isEmpty());
    }

    /** When Aerospike stays away, the rest of a large put goes on after one wait, with the partitions paused. */
    @Test
    void putOfManyMultiRowMessagesPausesOnceAndFinishesWhenAerospikeStaysAway() throws Exception {
        start(200, "value.format", "fixed", "value.layout", LAYOUT, "batch.size", "100",
                "max.buffered.records", "1000");
        client.hold();
        long started = System.nanoTime();
        task.put(multiRowMessages());
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs < 5_000, "one wait of 200 ms, not one per batch: took " + tookMs + " ms");
        assertEquals(context.assignment, context.paused);
        assertEquals(20_000, writer.held());
        client.open();
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(200)));
        task.put(List.of());
        assertTrue(context.paused.isEmpty(), "resumed once there is room");
    }

    /** One message of 20,000 rows: its rows go to the writer in batches as it converts, within the bound. */
    @Test
    void putOfOneLargeMultiRowMessageWaitsForRoomWithinTheMessage() throws Exception {
        start(30_000, "value.format", "fixed", "value.layout", LAYOUT, "batch.size", "100",
                "max.buffered.records", "1000");
        client.hold();
        SinkRecord message = new SinkRecord("sensors", 1, null, null, Schema.BYTES_SCHEMA, rows(keys(0, 20_000)), 41);
        CompletableFuture<Void> put = CompletableFuture.runAsync(() -> task.put(List.of(message)));
        assertPutWaitsAtTheBound(put);
        client.open();
        put.get(30, TimeUnit.SECONDS);
        awaitOffsets(Map.of(new TopicPartition("sensors", 1), new OffsetAndMetadata(42)));
        assertEquals(20_000, client.size());
    }

    @Test
    void aMessageIsNotCommittableWhileOneOfItsRowsIsUnwritten() throws InterruptedException {
        start("value.format", "fixed", "value.layout", LAYOUT, "retry.backoff.ms", "1", "retry.backoff.max.ms", "5");
        client.failKey(new Key("test", "sensors", 2L), repeat(ResultCode.DEVICE_OVERLOAD, 100_000));
        task.put(List.of(new SinkRecord("sensors", 0, null, null, Schema.BYTES_SCHEMA, rows(1, 2, 3), 7)));
        awaitWritten(2);
        assertEquals(Map.of(), task.preCommit(Map.of()));
        client.clearKeyFaults();
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(8)));
    }

    private static int[] repeat(int code, int times) {
        int[] codes = new int[times];
        java.util.Arrays.fill(codes, code);
        return codes;
    }

    @Test
    void aPartitionWithNothingOpenCommitsTheOffsetTheWorkerConsumed() throws InterruptedException {
        // Regression: a partition whose records an SMT dropped, or whose records are all written, never moved on.
        start();
        TopicPartition p0 = new TopicPartition("sensors", 0);
        TopicPartition p1 = new TopicPartition("sensors", 1);
        task.put(List.of(record(0, 4, Map.of("_key", 1, "v", 1))));
        awaitOffsets(Map.of(p0, new OffsetAndMetadata(5)));
        Map<TopicPartition, OffsetAndMetadata> consumed = Map.of(p0, new OffsetAndMetadata(90),
                p1, new OffsetAndMetadata(33));
        assertEquals(consumed, task.preCommit(consumed));
    }

    /** Fills the buffer with Aerospike held back until the task pauses its partitions. */
    private void pauseByBackpressure(int partition) {
        client.hold();
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(record(partition, i, Map.of("_key", i, "v", i)));
        }
        task.put(records);
        task.put(List.of(record(partition, 20, Map.of("_key", 20, "v", 20))));
        assertEquals(context.assignment, context.paused, "paused by back-pressure");
    }

    private void putUntilResumed(SinkRecord... delivering) throws InterruptedException {
        await(() -> {
            task.put(List.of(delivering));
            return context.paused.isEmpty();
        });
        assertEquals(Set.of(), context.paused);
    }

    @Test
    void partitionsPausedBeforeARebalanceAreResumedOnceThereIsRoom() throws InterruptedException {
        // Regression (defect 1): close() dropped the partitions from the task's own pause set, the worker paused
        // them again on assignment, and nothing ever resumed them.
        start(20, "max.buffered.records", "10", "batch.size", "5");
        pauseByBackpressure(0);
        client.open();
        Set<TopicPartition> assigned = Set.copyOf(context.assignment);
        context.assignment.clear();
        task.close(assigned);
        context.assignment.addAll(assigned);
        putUntilResumed();
    }

    @Test
    void pausedPartitionsAreResumedWhileANewPartitionDelivers() throws InterruptedException {
        // Regression (defect 2): resume was tried only on an empty put(); with a newly assigned partition
        // delivering on every poll, the old partitions stayed paused for good.
        start(20, "max.buffered.records", "10", "batch.size", "5");
        pauseByBackpressure(0);
        context.assign("sensors", 2);
        client.open();
        long[] offset = {100};
        await(() -> {
            task.put(List.of(record(2, offset[0]++, Map.of("_key", 1_000 + offset[0], "v", 1))));
            return !context.paused.contains(new TopicPartition("sensors", 0));
        });
        assertEquals(Set.of(), context.paused);
    }

    @Test
    void aPartitionAssignedDuringBackPressureIsPausedAtOnce() throws Exception {
        start(20, "max.buffered.records", "10", "batch.size", "5");
        pauseByBackpressure(0);
        context.assign("sensors", 2);
        CompletableFuture<Void> put = CompletableFuture.runAsync(() -> task.put(List.of(record(2, 0, Map.of("_key", 500, "v", 1)))));
        put.get(30, TimeUnit.SECONDS);
        assertTrue(context.paused.contains(new TopicPartition("sensors", 2)));
    }

    @Test
    void aFatalErrorDuringAPutStopsItInsteadOfBufferingWithoutBound() throws Exception {
        // Regression: after a fatal error awaitCapacity returned at once, and the rest of the put was buffered.
        start(30_000, "value.format", "fixed", "value.layout", LAYOUT, "batch.size", "100",
                "max.buffered.records", "1000");
        client.hold();
        CompletableFuture<Void> put = CompletableFuture.runAsync(() -> task.put(multiRowMessages()));
        await(() -> writer.held() >= 1_000);
        client.failCalls(new com.aerospike.client.AerospikeException(ResultCode.INVALID_NAMESPACE, "no such namespace"),
                1_000);
        client.open();
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> put.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof ConnectException && e.getCause().getMessage().contains("INVALID_NAMESPACE"),
                String.valueOf(e.getCause()));
        assertTrue(writer.held() <= 1_100, writer.held() + " writes held");
    }

    @Test
    void aRecordWithoutATopicIsADataErrorOfThatRecordAlone() throws InterruptedException {
        start();
        task.put(List.of(new SinkRecord(null, 0, null, null, null, Map.of("_key", 1, "v", 1), 3),
                record(0, 4, Map.of("_key", 2, "v", 2))));
        awaitWritten(1);
        assertEquals(1, context.deadLetters.size());
        String reason = (String) context.deadLetters.get(0).headers().lastWithName(DeadLetterReporter.REASON).value();
        assertTrue(reason.contains("no topic"), reason);
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(5)));
    }

    @Test
    void deadLettersTheWorkerCancelsForALostPartitionDoNotStopTheTask() throws InterruptedException {
        // The worker cancels the reports of partitions it lost (WorkerErrantRecordReporter.cancelFutures): the new
        // owner consumes those records again, so this is no lost letter of this task's.
        start();
        context.holdAcknowledgements = true;
        task.put(List.of(record(1, 0, Map.of("v", 1)), record(0, 0, Map.of("_key", 2, "v", 2))));
        awaitWritten(1);
        context.assignment.remove(new TopicPartition("sensors", 1));
        task.close(List.of(new TopicPartition("sensors", 1)));
        context.heldAcknowledgements.get(0).cancel(false);
        task.put(List.of());
        awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(1)));
    }

    @Test
    void aSchemaRegistryOutageHandsTheWholeBatchBackWithNothingTakenAndABackoff() throws InterruptedException {
        try (RegistryStub registry = RegistryStub.start()) {
            int id = registry.register(AvroRecordConverterTest.READING);
            start("value.format", "avro", "value.schema.registry.url", registry.url(), "retry.backoff.ms", "200");
            GenericRecord reading = AvroRecordConverterTest.reading();
            List<SinkRecord> batch = List.of(record(0, 5, AvroPayloads.confluent(id, reading)),
                    record(1, 8, AvroPayloads.confluent(id, reading)));
            registry.failWith(503);

            assertThrows(RetriableException.class, () -> task.put(batch));
            assertEquals(0, task.openRecords(), "no record of the batch was taken");
            assertTrue(context.timeoutMs >= 100 && context.timeoutMs <= 200, "backoff " + context.timeoutMs);
            assertTrue(context.deadLetters.isEmpty());

            registry.failWith(0);
            task.put(batch);
            awaitOffsets(Map.of(new TopicPartition("sensors", 0), new OffsetAndMetadata(6),
                    new TopicPartition("sensors", 1), new OffsetAndMetadata(9)));
            assertEquals(1, client.size());
            assertTrue(context.deadLetters.isEmpty());
        }
    }
}
