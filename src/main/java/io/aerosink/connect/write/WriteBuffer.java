package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

import com.aerospike.client.Key;

import io.aerosink.connect.metrics.TaskMetrics;

/**
 * The writes a task holds, one queue per key, and the order batches take them in. At most one write per key is
 * out at a time, so the final state of a key is always that of its newest record; repeats of a key that wait
 * together are folded where {@link WriteReducer} allows. Batches take keys oldest waiting record first, so a key
 * that comes back after its write in flight waits its turn like any other and {@code linger.ms} bounds every
 * key's wait. Not thread-safe: {@link BatchWriter} guards it.
 */
final class WriteBuffer {

    /** The writes of one key, oldest first, and whether one of them is being written. */
    static final class Slot {
        final Key key;
        /** The table's hash of the key, kept so that removing the slot need not read the key's digest again. */
        final int hash;
        QueuedWrite head;
        QueuedWrite tail;
        boolean inFlight;

        Slot(Key key, int hash) {
            this.key = key;
            this.hash = hash;
        }
    }

    private final TaskMetrics metrics;
    private final SlotTable slots = new SlotTable();
    private final ReadyQueue ready = new ReadyQueue();
    private final PriorityQueue<Slot> delayed = new PriorityQueue<>(
            (a, b) -> Long.compare(a.head.readyAtNanos, b.head.readyAtNanos));
    private long nextSequence;
    private int held;

    WriteBuffer() {
        this(TaskMetrics.unregistered(Integer.MAX_VALUE));
    }

    WriteBuffer(TaskMetrics metrics) {
        this.metrics = metrics;
    }

    /** Records' writes held, waiting or being written, folded ones included: what back-pressure counts. */
    int held() {
        return held;
    }

    void add(PendingWrite write, long nowNanos) {
        held++;
        Slot slot = slots.getOrCreate(write.write.key());
        if (slot.tail != null && WriteReducer.fold(slot.tail, write)) {
            metrics.folded();
            return;
        }
        append(slot, new QueuedWrite(write, nextSequence++, nowNanos));
    }

    /** Keys whose next write may go out now. */
    int readyCount(long nowNanos) {
        promoteDue(nowNanos);
        return ready.size();
    }

    /**
     * Nanoseconds until a batch is due: 0 when {@code batchSize} keys are ready or the longest-waiting ready
     * write has waited {@code lingerNanos}; {@code Long.MAX_VALUE} when nothing is held.
     */
    long nanosUntilDue(int batchSize, long lingerNanos, long nowNanos) {
        int readyKeys = readyCount(nowNanos);
        if (readyKeys >= batchSize) {
            return 0;
        }
        long due = Long.MAX_VALUE;
        if (readyKeys > 0) {
            due = ready.peek().head.arrivedNanos + lingerNanos;
        }
        if (!delayed.isEmpty()) {
            due = Math.min(due, delayed.peek().head.readyAtNanos);
        }
        return due == Long.MAX_VALUE ? due : Math.max(0, due - nowNanos);
    }

    /**
     * Takes up to {@code max} ready writes, each of another key, oldest first, and marks their keys in flight. The
     * batch stops before the write that would take its estimated size past {@code maxBytes}; a first write larger
     * than that goes alone.
     */
    List<QueuedWrite> take(int max, long maxBytes, long nowNanos) {
        promoteDue(nowNanos);
        List<QueuedWrite> batch = new ArrayList<>(Math.min(max, ready.size()));
        long bytes = 0;
        while (batch.size() < max && !ready.isEmpty()) {
            long size = ready.peek().head.bytes;
            if (!batch.isEmpty() && bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            Slot slot = ready.poll();
            QueuedWrite write = slot.head;
            slot.head = write.next;
            if (slot.head == null) {
                slot.tail = null;
            }
            write.next = null;
            slot.inFlight = true;
            batch.add(write);
        }
        return batch;
    }

    /** The write is done with (written, failed for good, or dropped): the key's next write may go. */
    void finished(QueuedWrite write) {
        held -= write.partCount();
        release(write.slot);
    }

    /** The write goes back in front of its key's queue, to be sent again at {@code readyAtNanos}. */
    void retry(QueuedWrite write, long readyAtNanos) {
        Slot slot = write.slot;
        write.readyAtNanos = readyAtNanos;
        pushFront(slot, write);
        release(slot);
    }

    /**
     * A fold Aerospike refused goes back in front of its key's queue as the writes of its records, to be sent one
     * by one in offset order: each gets the outcome it would have had alone.
     */
    void split(QueuedWrite write) {
        Slot slot = write.slot;
        List<PendingWrite> parts = write.parts();
        for (int i = parts.size() - 1; i >= 0; i--) {
            QueuedWrite part = new QueuedWrite(parts.get(i), write.sequence, write.arrivedNanos);
            part.slot = slot;
            pushFront(slot, part);
        }
        release(slot);
    }

    /** Drops the waiting writes of revoked leases; writes in flight stay, for their results to be dropped. */
    void remove(Set<PartitionLease> revoked) {
        for (Slot slot : slots.slots()) {
            QueuedWrite kept = null;
            QueuedWrite keptTail = null;
            for (QueuedWrite w = slot.head; w != null; ) {
                QueuedWrite next = w.next;
                w.next = null;
                if (revoked.contains(w.lease())) {
                    held -= w.partCount();
                } else if (kept == null) {
                    kept = w;
                    keptTail = w;
                } else {
                    keptTail.next = w;
                    keptTail = w;
                }
                w = next;
            }
            slot.head = kept;
            slot.tail = keptTail;
            if (kept == null && !slot.inFlight) {
                slots.remove(slot);
            }
        }
        rebuildQueues();
    }

    private void append(Slot slot, QueuedWrite write) {
        write.slot = slot;
        if (slot.tail == null) {
            slot.head = write;
            slot.tail = write;
            if (!slot.inFlight) {
                enqueue(slot);
            }
        } else {
            slot.tail.next = write;
            slot.tail = write;
        }
    }

    private static void pushFront(Slot slot, QueuedWrite write) {
        write.next = slot.head;
        slot.head = write;
        if (slot.tail == null) {
            slot.tail = write;
        }
    }

    /** The key's write in flight is settled: its queue goes back in line, or the slot goes when empty. */
    private void release(Slot slot) {
        slot.inFlight = false;
        if (slot.head == null) {
            slots.remove(slot);
        } else {
            enqueue(slot);
        }
    }

    private void rebuildQueues() {
        List<Slot> queued = ready.drain();
        queued.addAll(delayed);
        delayed.clear();
        for (Slot slot : queued) {
            if (slot.head != null && !slot.inFlight) {
                enqueue(slot);
            }
        }
    }

    /** A head held back for a retry has {@code readyAtNanos} after its arrival; others are ready at once. */
    private void enqueue(Slot slot) {
        if (slot.head.readyAtNanos > slot.head.arrivedNanos) {
            delayed.add(slot);
        } else {
            ready.add(slot);
        }
    }

    private void promoteDue(long nowNanos) {
        while (!delayed.isEmpty() && delayed.peek().head.readyAtNanos <= nowNanos) {
            Slot slot = delayed.poll();
            slot.head.readyAtNanos = slot.head.arrivedNanos;
            ready.add(slot);
        }
    }
}
