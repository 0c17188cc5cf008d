package io.aerosink.connect.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.aerospike.client.Bin;

import io.aerosink.connect.Puts;
import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.mapping.KeyWrite;
import io.aerosink.connect.testserver.AerospikeTestServer;
import io.aerosink.connect.testserver.JournalEntry;
import io.aerosink.connect.testserver.StoredRecord;

/**
 * Fenced writes through the real client against the protocol test server, which evaluates filter expressions as a
 * real 8.1 server does (aerospike-protocol.md, section 8): what is stored, and what is dropped as stale.
 */
class FenceTest {

    private final LiveWritePath path = new LiveWritePath(new AerospikeTestServer.Options(), "10000");
    private final Writes writes = path.writes;
    private final List<FailedWrite> failures = writes.failures;
    private BatchWriter writer;

    @AfterEach
    void close() throws InterruptedException {
        path.close();
    }

    private void start() {
        writer = path.start(Map.of(), "fence");
    }

    private static WritePolicies policies(WriteAction action, String... settings) {
        Map<String, String> props = new HashMap<>(Map.of("aerospike.namespace", "test", "write.fence", "offset"));
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        MappingConfig mapping = new MappingConfig(props, "t");
        return new WritePolicies(action, 0, true, false, Fence.of(mapping));
    }

    private PendingWrite put(int partition, long offset, long key, WriteAction action, long value) {
        return Writes.write(writes.ticket("t", partition, offset),
                KeyWrite.put(Writes.key(key), Puts.of(new Bin("v", value)), 0), policies(action));
    }

    private PendingWrite tombstone(int partition, long offset, long key) {
        return Writes.write(writes.ticket("t", partition, offset), KeyWrite.delete(Writes.key(key)),
                policies(WriteAction.UPSERT));
    }

    /** Sends the writes one call at a time, as they would go after one another, and settles them. */
    private void send(PendingWrite... pending) {
        for (PendingWrite write : pending) {
            writer.accept(List.of(write));
            path.settleUntil("the write settled", Duration.ofSeconds(30), write.ticket::done);
        }
    }

    private StoredRecord stored(long key) {
        return path.server.get("test", "s", key);
    }

    @Test
    void anOlderOffsetOfThePartitionIsDroppedAndAnotherPartitionsIsNot() {
        start();
        send(put(0, 10, 1, WriteAction.UPSERT, 10));
        send(put(0, 9, 1, WriteAction.UPSERT, 9), put(0, 10, 1, WriteAction.UPSERT, 99));
        assertEquals(10L, stored(1).bin("v"), "a replay of offsets 9 and 10 changes nothing");
        assertEquals(2, writer.filteredCount());
        send(put(1, 3, 1, WriteAction.UPSERT, 3));
        assertEquals(3L, stored(1).bin("v"), "partition 1 is fenced on its own");
        assertEquals(Map.of("t/0", 10L << Fence.ROW_BITS, "t/1", 3L << Fence.ROW_BITS), stored(1).map("_fence"));
        assertTrue(failures.isEmpty());
    }

    @Test
    void aTombstoneLeavesTheFenceSoAReplayedOlderWriteCannotBringTheRecordBack() {
        start();
        send(put(0, 1, 2, WriteAction.UPSERT, 1), tombstone(0, 2, 2));
        StoredRecord afterTombstone = stored(2);
        assertEquals(Map.of("_fence", Map.of("t/0", 2L << Fence.ROW_BITS)), Map.of("_fence", afterTombstone.map("_fence")));
        assertNull(afterTombstone.bin("v"), "the record's bins are gone");
        assertTrue(afterTombstone.ttlSeconds() > 0, "the fence-only record expires");
        send(put(0, 1, 2, WriteAction.UPSERT, 1));
        assertNull(stored(2).bin("v"), "the replayed write did not bring the record back");
    }

    @Test
    void replaceAndReplaceOnlyStoreTheFenceToo() {
        // A real server refuses a map operation under a record-level replace: those write the map anew.
        start();
        send(put(0, 5, 3, WriteAction.REPLACE, 5), put(0, 6, 3, WriteAction.REPLACE_ONLY, 6),
                put(0, 5, 3, WriteAction.REPLACE, 55));
        assertEquals(6L, stored(3).bin("v"));
        assertEquals(Map.of("t/0", 6L << Fence.ROW_BITS), stored(3).map("_fence"));
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void newOffsetsOfABatchGoUnderOneFilterOfTheCall() {
        start();
        path.server.clearJournal();
        writer.accept(List.of(put(0, 1, 11, WriteAction.UPSERT, 1), put(1, 1, 12, WriteAction.UPSERT, 1),
                put(0, 2, 13, WriteAction.UPSERT, 2)));
        path.settleUntil("the batch settled", Duration.ofSeconds(30), () -> writer.held() == 0);
        List<JournalEntry> batches = path.server.journal(JournalEntry.Kind.BATCH);
        assertEquals(1, batches.size(), batches.toString());
        assertTrue(batches.get(0).fields().contains("FILTER_EXP"), "the call carries the filter: " + batches);
        for (long key = 11; key <= 13; key++) {
            assertEquals(key == 13 ? 2L : 1L, stored(key).bin("v"));
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void aWriteTheCallsFilterDropsIsSentAgainUnderItsOwn() {
        // Key 21 holds a fence of partition 0 at offset 100 from an earlier owner; this lease resumes at offset
        // 60. The call's filter tests every key against offset 60, the lowest of the batch, so it drops key 21's
        // write of offset 200 though that write is newer: it must go again under its own filter, and land.
        path.server.put("test", "s", 21L, Map.of("v", 100L, "_fence", Map.of("t/0", 100L << Fence.ROW_BITS)));
        start();
        writer.accept(List.of(put(0, 60, 22, WriteAction.UPSERT, 60), put(0, 200, 21, WriteAction.UPSERT, 200)));
        path.settleUntil("both settled", Duration.ofSeconds(30), () -> writer.held() == 0);
        assertEquals(200L, stored(21).bin("v"), "the newer write landed");
        assertEquals(60L, stored(22).bin("v"));
        assertEquals(0, writer.filteredCount(), "nothing was stale");
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void aBatchWithAnUnfencedWriteHasNoFilterOfTheCall() {
        // Key 31's record carries a fence that a call's filter for offset 5 of t/0 would refuse; the unfenced
        // topic's write of it shares the batch and must land.
        path.server.put("test", "s", 31L, Map.of("v", 0L, "_fence", Map.of("t/0", 100L << Fence.ROW_BITS)));
        start();
        PendingWrite unfenced = Writes.write(writes.ticket("u", 0, 1),
                KeyWrite.put(Writes.key(31), Puts.of(new Bin("v", 31L)), 0),
                new WritePolicies(WriteAction.UPSERT, 0, true, false));
        writer.accept(List.of(put(0, 5, 32, WriteAction.UPSERT, 5), unfenced));
        path.settleUntil("both settled", Duration.ofSeconds(30), () -> writer.held() == 0);
        assertEquals(31L, stored(31).bin("v"), "the unfenced write landed");
        assertEquals(5L, stored(32).bin("v"));
        assertEquals(0, writer.filteredCount());
    }

    @Test
    void aReplayedInsertCountsAsWritten() {
        start();
        send(put(0, 4, 4, WriteAction.INSERT, 4));
        send(put(0, 4, 4, WriteAction.INSERT, 4));
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(1, writer.filteredCount());
    }
}
