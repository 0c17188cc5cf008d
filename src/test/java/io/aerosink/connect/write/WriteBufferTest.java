package io.aerosink.connect.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.aerospike.client.Bin;

import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.Puts;

class WriteBufferTest {

    private static final long LINGER = TimeUnit.MILLISECONDS.toNanos(100);

    private final WriteBuffer buffer = new WriteBuffer();
    private final List<RecordTicket> tickets = new ArrayList<>();
    private long now = 1_000_000_000L;

    @Test
    void batchIsDueAtSizeThresholdAtOnce() {
        Writes.upserts(tickets, 1, 2, 3).forEach(w -> buffer.add(w, now));
        assertEquals(0, buffer.nanosUntilDue(3, LINGER, now));
        assertEquals(3, buffer.take(3, now).size());
    }

    @Test
    void smallBatchIsDueWhenOldestHasLingered() {
        Writes.upserts(tickets, 1).forEach(w -> buffer.add(w, now));
        now += TimeUnit.MILLISECONDS.toNanos(30);
        Writes.upserts(tickets, 2).forEach(w -> buffer.add(w, now));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(70), buffer.nanosUntilDue(100, LINGER, now));
        now += TimeUnit.MILLISECONDS.toNanos(70);
        assertEquals(0, buffer.nanosUntilDue(100, LINGER, now));
        assertEquals(2, buffer.take(100, now).size());
    }

    @Test
    void nothingHeldMeansNothingDue() {
        assertEquals(Long.MAX_VALUE, buffer.nanosUntilDue(10, LINGER, now));
    }

    @Test
    void aKeyInFlightHoldsBackItsLaterWrites() {
        Writes.upserts(tickets, "a").forEach(w -> buffer.add(w, now));
        PendingWrite first = buffer.take(10, now).get(0);
        RecordTicket ticket = Writes.ticket("t", 0, 1);
        buffer.add(Writes.put(ticket, "a", WriteAction.INSERT, new Bin("v", 2L)), now);
        Writes.upserts(tickets, "b").forEach(w -> buffer.add(w, now));
        List<PendingWrite> second = buffer.take(10, now);
        assertEquals(1, second.size());
        assertEquals("b", second.get(0).key().userKey.toString());
        buffer.finished(first);
        List<PendingWrite> third = buffer.take(10, now);
        assertEquals(1, third.size());
        assertSame(ticket, third.get(0).ticket());
    }

    @Test
    void waitingUpsertsOfOneKeyFoldIntoOneWriteWithTheNewestValues() {
        RecordTicket t1 = Writes.ticket("t", 0, 0);
        RecordTicket t2 = Writes.ticket("t", 0, 1);
        buffer.add(Writes.put(t1, "k", WriteAction.UPSERT, new Bin("a", 1L), new Bin("b", 1L)), now);
        buffer.add(Writes.put(t2, "k", WriteAction.UPSERT, new Bin("b", 2L), new Bin("c", 2L)), now);
        List<PendingWrite> batch = buffer.take(10, now);
        assertEquals(1, batch.size());
        PendingWrite folded = batch.get(0);
        assertEquals(List.of("a:1", "b:2", "c:2"), List.of(Puts.bins(folded.puts())).stream().map(Bin::toString).toList());
        assertEquals(2, buffer.held());
        buffer.finished(folded);
        assertEquals(0, buffer.held());
    }

    @Test
    void deleteAfterUpsertFoldsIntoDelete() {
        buffer.add(Writes.put(Writes.ticket("t", 0, 0), "k", WriteAction.UPSERT, new Bin("a", 1L)), now);
        buffer.add(PendingWrite.delete(Writes.key("k"), Writes.ticket("t", 0, 1), Writes.policies(WriteAction.UPSERT)), now);
        PendingWrite folded = buffer.take(10, now).get(0);
        assertTrue(folded.isDelete());
    }

    @Test
    void upsertAfterDeleteBecomesReplace() {
        buffer.add(PendingWrite.delete(Writes.key("k"), Writes.ticket("t", 0, 0), Writes.policies(WriteAction.UPSERT)), now);
        buffer.add(Writes.put(Writes.ticket("t", 0, 1), "k", WriteAction.UPSERT, new Bin("a", 1L)), now);
        PendingWrite folded = buffer.take(10, now).get(0);
        assertEquals(WriteAction.REPLACE, folded.action());
    }

    @Test
    void insertsAreNeverFoldedButQueuedInOrder() {
        RecordTicket t1 = Writes.ticket("t", 0, 0);
        RecordTicket t2 = Writes.ticket("t", 0, 1);
        buffer.add(Writes.put(t1, "k", WriteAction.INSERT, new Bin("a", 1L)), now);
        buffer.add(Writes.put(t2, "k", WriteAction.INSERT, new Bin("a", 2L)), now);
        List<PendingWrite> first = buffer.take(10, now);
        assertEquals(1, first.size());
        assertSame(t1, first.get(0).ticket());
        assertTrue(buffer.take(10, now).isEmpty());
        buffer.finished(first.get(0));
        assertSame(t2, buffer.take(10, now).get(0).ticket());
    }

    @Test
    void writesOfDifferentPartitionsAreNotFolded() {
        buffer.add(Writes.put(Writes.ticket("t", 0, 0), "k", WriteAction.UPSERT, new Bin("a", 1L)), now);
        buffer.add(Writes.put(Writes.ticket("t", 1, 0), "k", WriteAction.UPSERT, new Bin("a", 2L)), now);
        assertEquals(1, buffer.take(10, now).size());
        assertEquals(2, buffer.held());
    }

    @Test
    void retriedWriteWaitsForItsBackoffAndStaysAheadOfLaterWrites() {
        RecordTicket t1 = Writes.ticket("t", 0, 0);
        buffer.add(Writes.put(t1, "k", WriteAction.INSERT, new Bin("a", 1L)), now);
        PendingWrite first = buffer.take(10, now).get(0);
        buffer.add(Writes.put(Writes.ticket("t", 0, 1), "k", WriteAction.INSERT, new Bin("a", 2L)), now);
        long backoff = TimeUnit.MILLISECONDS.toNanos(200);
        buffer.retry(first, now + backoff);
        assertEquals(backoff, buffer.nanosUntilDue(10, LINGER, now));
        assertTrue(buffer.take(10, now).isEmpty());
        now += backoff;
        List<PendingWrite> again = buffer.take(10, now);
        assertSame(t1, again.get(0).ticket());
    }

    @Test
    void removeDropsWaitingWritesOfAPartitionOnly() {
        buffer.add(Writes.put(Writes.ticket("t", 0, 0), "a", WriteAction.UPSERT, new Bin("a", 1L)), now);
        buffer.add(Writes.put(Writes.ticket("t", 1, 0), "b", WriteAction.UPSERT, new Bin("a", 1L)), now);
        List<PendingWrite> removed = buffer.remove(w -> w.ticket().record().kafkaPartition() == 1);
        assertEquals(1, removed.size());
        assertEquals(1, buffer.held());
        List<PendingWrite> left = buffer.take(10, now);
        assertEquals("a", left.get(0).key().userKey.toString());
        buffer.finished(left.get(0));
        assertNull(buffer.take(10, now).stream().findAny().orElse(null));
    }
}
