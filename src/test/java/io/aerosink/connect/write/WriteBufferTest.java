package io.aerosink.connect.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.aerospike.client.Bin;

import io.aerosink.connect.Puts;
import io.aerosink.connect.config.WriteAction;

class WriteBufferTest {

    private static final long LINGER = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long NO_BYTE_LIMIT = Long.MAX_VALUE;

    private final WriteBuffer buffer = new WriteBuffer();
    private final Writes writes = new Writes();
    private long now = 1_000_000_000L;

    private void add(List<PendingWrite> pending) {
        pending.forEach(w -> buffer.add(w, now));
    }

    private PendingWrite put(long offset, Object key, WriteAction action, int ttl, Bin... bins) {
        return Writes.put(writes.ticket("t", 0, offset), key, action, ttl, bins);
    }

    private static List<String> bins(QueuedWrite write) {
        return List.of(Puts.bins(write.effect().puts())).stream().map(Bin::toString).toList();
    }

    @Test
    void batchIsDueAtSizeThresholdAtOnce() {
        add(writes.upserts(1, 2, 3));
        assertEquals(0, buffer.nanosUntilDue(3, LINGER, now));
        assertEquals(3, buffer.take(3, NO_BYTE_LIMIT, now).size());
    }

    @Test
    void smallBatchIsDueWhenOldestHasLingered() {
        add(writes.upserts(1));
        now += TimeUnit.MILLISECONDS.toNanos(30);
        add(writes.upserts(2));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(70), buffer.nanosUntilDue(100, LINGER, now));
        now += TimeUnit.MILLISECONDS.toNanos(70);
        assertEquals(0, buffer.nanosUntilDue(100, LINGER, now));
        assertEquals(2, buffer.take(100, NO_BYTE_LIMIT, now).size());
    }

    @Test
    void nothingHeldMeansNothingDue() {
        assertEquals(Long.MAX_VALUE, buffer.nanosUntilDue(10, LINGER, now));
    }

    @Test
    void aKeyInFlightHoldsBackItsLaterWrites() {
        add(writes.upserts("a"));
        QueuedWrite first = buffer.take(10, NO_BYTE_LIMIT, now).get(0);
        PendingWrite insert = put(1, "a", WriteAction.INSERT, 0, new Bin("v", 2L));
        buffer.add(insert, now);
        add(writes.upserts("b"));
        List<QueuedWrite> second = buffer.take(10, NO_BYTE_LIMIT, now);
        assertEquals(1, second.size());
        assertEquals("b", second.get(0).key().userKey.toString());
        buffer.finished(first);
        List<QueuedWrite> third = buffer.take(10, NO_BYTE_LIMIT, now);
        assertEquals(1, third.size());
        assertSame(insert, third.get(0).first());
    }

    @Test
    void hotKeysBackFromTheirWritesInFlightWaitBehindOlderColdKeys() {
        // Regression (defect 7): keys re-queued after their write in flight went to the front of the queue, so
        // with every key of a batch hot the same keys went again and again while a cold key waited.
        add(writes.upserts("hot1", "hot2"));
        List<QueuedWrite> inFlight = buffer.take(2, NO_BYTE_LIMIT, now);
        add(writes.upserts("cold"));
        now += 1;
        add(writes.upserts("hot1", "hot2"));
        inFlight.forEach(buffer::finished);
        List<QueuedWrite> next = buffer.take(2, NO_BYTE_LIMIT, now);
        assertEquals(List.of("cold", "hot1"), next.stream().map(w -> w.key().userKey.toString()).toList());
    }

    @Test
    void upsertsOfOtherBinsFoldKeepingBoth() {
        buffer.add(put(0, "k", WriteAction.UPSERT, 0, new Bin("a", 1L)), now);
        buffer.add(put(1, "k", WriteAction.UPSERT, 0, new Bin("b", 2L), new Bin("c", 2L)), now);
        List<QueuedWrite> batch = buffer.take(10, NO_BYTE_LIMIT, now);
        assertEquals(1, batch.size());
        assertEquals(List.of("a:1", "b:2", "c:2"), bins(batch.get(0)));
        assertEquals(2, buffer.held());
        buffer.finished(batch.get(0));
        assertEquals(0, buffer.held());
    }

    @Test
    void anUpsertOfTheSameBinsSupersedesTheEarlierOne() {
        buffer.add(put(0, "k", WriteAction.UPSERT, 0, new Bin("a", 1L)), now);
        buffer.add(put(1, "k", WriteAction.UPSERT, 0, new Bin("a", 2L), new Bin("b", 2L)), now);
        QueuedWrite folded = buffer.take(10, NO_BYTE_LIMIT, now).get(0);
        assertEquals(List.of("a:2", "b:2"), bins(folded));
        assertEquals(2, folded.partCount());
    }

    @Test
    void anUpsertOverlappingOnlySomeBinsIsNotFolded() {
        // Sent as one, a refusal caused by the earlier write's dropped value would go unseen while its other
        // bins were written: the final state would differ from applying the records in order.
        buffer.add(put(0, "k", WriteAction.UPSERT, 0, new Bin("a", 1L), new Bin("b", 1L)), now);
        buffer.add(put(1, "k", WriteAction.UPSERT, 0, new Bin("a", 2L)), now);
        assertEquals(1, buffer.take(10, NO_BYTE_LIMIT, now).get(0).partCount());
    }

    @Test
    void deleteAfterUpsertFoldsIntoDelete() {
        buffer.add(put(0, "k", WriteAction.UPSERT, 0, new Bin("a", 1L)), now);
        buffer.add(Writes.delete(writes.ticket("t", 0, 1), "k"), now);
        assertTrue(buffer.take(10, NO_BYTE_LIMIT, now).get(0).isDelete());
    }

    @Test
    void upsertAfterDeleteBecomesReplace() {
        buffer.add(Writes.delete(writes.ticket("t", 0, 0), "k"), now);
        buffer.add(put(1, "k", WriteAction.UPSERT, 0, new Bin("a", 1L)), now);
        assertEquals(WriteAction.REPLACE, buffer.take(10, NO_BYTE_LIMIT, now).get(0).action);
    }

    @Test
    void aTombstoneDoesNotAbsorbAnEarlierInsertUpdateOrReplaceOnly() {
        // Regression (defect 6): the tombstone took the earlier write's place, and the KEY_EXISTS or
        // KEY_NOT_FOUND that write meets in offset order was never reported.
        for (WriteAction action : List.of(WriteAction.INSERT, WriteAction.UPDATE, WriteAction.REPLACE_ONLY)) {
            WriteBuffer fresh = new WriteBuffer();
            PendingWrite first = put(0, "k-" + action, action, 0, new Bin("a", 1L));
            fresh.add(first, now);
            fresh.add(Writes.delete(writes.ticket("t", 0, 1), "k-" + action), now);
            QueuedWrite sent = fresh.take(10, NO_BYTE_LIMIT, now).get(0);
            assertEquals(List.of(first), sent.parts(), action.name());
            assertEquals(action, sent.action);
        }
    }

    @Test
    void aReplaceKeepingTheTtlIsNotFoldedAfterAnExplicitTtlOrADelete() {
        // Regression (defect 5): folded, the replace kept the stored TTL instead of the one the earlier write set.
        buffer.add(put(0, "k", WriteAction.UPSERT, 3600, new Bin("a", 1L)), now);
        buffer.add(put(1, "k", WriteAction.REPLACE, -2, new Bin("b", 2L)), now);
        QueuedWrite first = buffer.take(10, NO_BYTE_LIMIT, now).get(0);
        assertEquals(1, first.partCount());
        assertEquals(3600, first.ttl);

        buffer.add(Writes.delete(writes.ticket("t", 0, 2), "d"), now);
        buffer.add(put(3, "d", WriteAction.REPLACE, -2, new Bin("b", 2L)), now);
        assertEquals(1, buffer.take(10, NO_BYTE_LIMIT, now).stream().filter(w -> w.key().userKey.toString().equals("d"))
                .findFirst().orElseThrow().partCount());
    }

    @Test
    void anUpsertKeepingTheTtlCarriesTheEarlierTtlWhenNothingIsDropped() {
        buffer.add(put(0, "k", WriteAction.UPSERT, 3600, new Bin("a", 1L)), now);
        buffer.add(put(1, "k", WriteAction.UPSERT, -2, new Bin("b", 2L)), now);
        QueuedWrite folded = buffer.take(10, NO_BYTE_LIMIT, now).get(0);
        assertEquals(2, folded.partCount());
        assertEquals(3600, folded.ttl);
    }

    @Test
    void insertsAreNeverFoldedButQueuedInOrder() {
        PendingWrite first = put(0, "k", WriteAction.INSERT, 0, new Bin("a", 1L));
        PendingWrite second = put(1, "k", WriteAction.INSERT, 0, new Bin("a", 2L));
        buffer.add(first, now);
        buffer.add(second, now);
        List<QueuedWrite> taken = buffer.take(10, NO_BYTE_LIMIT, now);
        assertEquals(1, taken.size());
        assertSame(first, taken.get(0).first());
        assertTrue(buffer.take(10, NO_BYTE_LIMIT, now).isEmpty());
        buffer.finished(taken.get(0));
        assertSame(second, buffer.take(10, NO_BYTE_LIMIT, now).get(0).first());
    }

    @Test
    void writesOfDifferentPartitionsAreNotFolded() {
        buffer.add(put(0, "k", WriteAction.UPSERT, 0, new Bin("a", 1L)), now);
        buffer.add(Writes.put(writes.ticket("t", 1, 0), "k", WriteAction.UPSERT, new Bin("a", 2L)), now);
        assertEquals(1, buffer.take(10, NO_BYTE_LIMIT, now).size());
        assertEquals(2, buffer.held());
    }

    @Test
    void aRefusedFoldIsSplitBackIntoItsRecordsInOffsetOrder() {
        PendingWrite delete = Writes.delete(writes.ticket("t", 0, 0), "k");
        PendingWrite upsert = put(1, "k", WriteAction.UPSERT, 0, new Bin("a", 1L));
        buffer.add(delete, now);
        buffer.add(upsert, now);
        QueuedWrite folded = buffer.take(10, NO_BYTE_LIMIT, now).get(0);
        buffer.split(folded);
        assertEquals(2, buffer.held());
        QueuedWrite first = buffer.take(10, NO_BYTE_LIMIT, now).get(0);
        assertSame(delete, first.first());
        assertTrue(first.isDelete());
        assertTrue(buffer.take(10, NO_BYTE_LIMIT, now).isEmpty(), "the key's next record waits for the first");
        buffer.finished(first);
        QueuedWrite second = buffer.take(10, NO_BYTE_LIMIT, now).get(0);
        assertSame(upsert, second.first());
        assertEquals(WriteAction.UPSERT, second.action);
    }

    @Test
    void retriedWriteWaitsForItsBackoffAndStaysAheadOfLaterWrites() {
        PendingWrite insert = put(0, "k", WriteAction.INSERT, 0, new Bin("a", 1L));
        buffer.add(insert, now);
        QueuedWrite first = buffer.take(10, NO_BYTE_LIMIT, now).get(0);
        buffer.add(put(1, "k", WriteAction.INSERT, 0, new Bin("a", 2L)), now);
        long backoff = TimeUnit.MILLISECONDS.toNanos(200);
        buffer.retry(first, now + backoff);
        assertEquals(backoff, buffer.nanosUntilDue(10, LINGER, now));
        assertTrue(buffer.take(10, NO_BYTE_LIMIT, now).isEmpty());
        now += backoff;
        assertSame(insert, buffer.take(10, NO_BYTE_LIMIT, now).get(0).first());
    }

    @Test
    void removeDropsWaitingWritesOfARevokedLeaseOnly() {
        buffer.add(put(0, "a", WriteAction.UPSERT, 0, new Bin("a", 1L)), now);
        PendingWrite revoked = Writes.put(writes.ticket("t", 1, 0), "b", WriteAction.UPSERT, new Bin("a", 1L));
        buffer.add(revoked, now);
        buffer.remove(writes.tracker.forget(Set.of(new TopicPartition("t", 1))));
        assertEquals(1, buffer.held());
        List<QueuedWrite> left = buffer.take(10, NO_BYTE_LIMIT, now);
        assertEquals(List.of("a"), left.stream().map(w -> w.key().userKey.toString()).toList());
        buffer.finished(left.get(0));
        assertTrue(buffer.take(10, NO_BYTE_LIMIT, now).isEmpty());
        assertEquals(0, buffer.held());
    }

    private PendingWrite fencedByField(long offset, Object key, long fence, Bin... bins) {
        return Writes.write(writes.ticket("t", 0, offset), io.aerosink.connect.mapping.KeyWrite.put(Writes.key(key),
                Puts.of(bins), 0, fence), new WritePolicies(WriteAction.UPSERT, 0, true, false, FIELD_FENCE));
    }

    private static final Fence FIELD_FENCE = Fence.of(new io.aerosink.connect.config.MappingConfig(java.util.Map.of(
            "aerospike.namespace", "test", "write.fence", "field", "write.fence.field", "_t"), "t"));

    @Test
    void underAFieldFenceOnlyALaterReadingThatSupersedesIsFolded() {
        // Each reading is applied only if it beats what is stored by then: an older reading must not ride along.
        buffer.add(fencedByField(0, "k", 20, new Bin("a", 1L)), now);
        buffer.add(fencedByField(1, "k", 15, new Bin("a", 2L)), now);
        buffer.add(fencedByField(2, "j", 20, new Bin("a", 1L)), now);
        buffer.add(fencedByField(3, "j", 30, new Bin("b", 2L)), now);
        buffer.add(fencedByField(4, "m", 20, new Bin("a", 1L)), now);
        buffer.add(fencedByField(5, "m", 30, new Bin("a", 2L)), now);
        java.util.Map<String, Integer> parts = new java.util.HashMap<>();
        buffer.take(10, NO_BYTE_LIMIT, now).forEach(w -> parts.put(w.key().userKey.toString(), w.partCount()));
        assertEquals(java.util.Map.of("k", 1, "j", 1, "m", 2), parts,
                "older reading not folded; other bins not merged; a newer reading of the same bins folded");
    }

    @Test
    void aBatchStopsBeforeTheWriteThatWouldPassItsByteLimit() {
        byte[] mebibyte = new byte[1024 * 1024];
        for (int k = 0; k < 5; k++) {
            buffer.add(put(k, k, WriteAction.UPSERT, 0, new Bin("blob", mebibyte)), now);
        }
        long limit = 3L * 1024 * 1024;
        List<QueuedWrite> first = buffer.take(100, limit, now);
        assertEquals(2, first.size(), "two records of 1 MiB and their overhead fit in 3 MiB, three do not");
        assertTrue(first.stream().mapToLong(w -> w.bytes).sum() <= limit);
        assertEquals(2, buffer.take(100, limit, now).size());
        assertEquals(1, buffer.take(100, limit, now).size());
    }

    @Test
    void aRecordLargerThanTheByteLimitGoesAlone() {
        buffer.add(put(0, "big", WriteAction.UPSERT, 0, new Bin("blob", new byte[2 * 1024 * 1024])), now);
        buffer.add(put(1, "small", WriteAction.UPSERT, 0, new Bin("v", 1L)), now);
        List<QueuedWrite> alone = buffer.take(100, 1024 * 1024, now);
        assertEquals(List.of("big"), alone.stream().map(w -> w.key().userKey.toString()).toList());
        assertEquals(1, buffer.take(100, 1024 * 1024, now).size());
    }

    @Test
    void theEstimateCoversWhatTheClientSends() {
        // The client's own encoding of the entry: key, bins and their values, as written on the wire.
        QueuedWrite write = new QueuedWrite(put(0, "a-string-key", WriteAction.UPSERT, 0,
                new Bin("temperature", 21.5), new Bin("label", "x".repeat(1000))), 0, now);
        long payload = "a-string-key".length() + "temperature".length() + 8 + "label".length() + 1000;
        assertTrue(write.bytes >= payload && write.bytes <= payload + 200,
                write.bytes + " bytes estimated for a payload of " + payload);
    }

    @Test
    void aListOrMapIsEstimatedAtLeastAsLargeAsTheClientPacksIt() {
        List<Object> embedding = new java.util.ArrayList<>();
        for (int i = 0; i < 128; i++) {
            embedding.add(i * 0.37);
        }
        java.util.Map<String, Object> tags = java.util.Map.of("site", "roof-ünïcødé", "floor", 3L, "raw", new byte[40]);
        for (Object value : List.of(embedding, tags, List.of("a", List.of(1L, 2L), tags))) {
            com.aerospike.client.Value v = com.aerospike.client.Value.get(value);
            long packed = com.aerospike.client.Value.get(value).estimateSize();
            assertTrue(ValueSize.of(v) >= packed && ValueSize.of(v) <= 3 * packed + 64,
                    ValueSize.of(v) + " estimated for " + packed + " packed bytes");
        }
    }
}
