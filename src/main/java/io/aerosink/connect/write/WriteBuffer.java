package io.aerosink.connect.write;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

import com.aerospike.client.Key;

/**
 * The writes a task holds, one queue per key. At most one write per key is out at a time, so the final state
 * of a key is always that of its newest record; repeats of a key that wait together are folded where one
 * write has the effect of both. Not thread-safe: {@link BatchWriter} guards it.
 */
final class WriteBuffer {

    /** The writes of one key, oldest first, and whether one of them is being written. */
    static final class Slot {
        final Key key;
        /** The table's hash of the key, kept so that removing the slot need not read the key's digest again. */
        final int hash;
        PendingWrite head;
        PendingWrite tail;
        boolean inFlight;

        Slot(Key key, int hash) {
            this.key = key;
            this.hash = hash;
        }
    }

    private final SlotTable slots = new SlotTable();
    private final ArrayDeque<Slot> ready = new ArrayDeque<>();
    private final PriorityQueue<Slot> delayed = new PriorityQueue<>(
            (a, b) -> Long.compare(a.head.readyAtNanos, b.head.readyAtNanos));
    private int held;

    /** Writes held, waiting or being written, folded ones included: what back-pressure counts. */
    int held() {
        return held;
    }

    void add(PendingWrite write, long nowNanos) {
        held++;
        write.arrivedNanos = nowNanos;
        write.readyAtNanos = nowNanos;
        Slot slot = slots.getOrCreate(write.key);
        if (slot.tail != null && WriteReducer.fold(slot.tail, write)) {
            return;
        }
        write.slot = slot;
        if (slot.tail == null) {
            slot.head = write;
            slot.tail = write;
            if (!slot.inFlight) {
                ready.addLast(slot);
            }
        } else {
            slot.tail.next = write;
            slot.tail = write;
        }
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
            due = ready.peekFirst().head.arrivedNanos + lingerNanos;
        }
        if (!delayed.isEmpty()) {
            due = Math.min(due, delayed.peek().head.readyAtNanos);
        }
        return due == Long.MAX_VALUE ? due : Math.max(0, due - nowNanos);
    }

    /** Takes up to {@code max} ready writes, each of another key, and marks their keys in flight. */
    List<PendingWrite> take(int max, long nowNanos) {
        promoteDue(nowNanos);
        List<PendingWrite> batch = new ArrayList<>(Math.min(max, ready.size()));
        while (batch.size() < max && !ready.isEmpty()) {
            Slot slot = ready.pollFirst();
            PendingWrite write = slot.head;
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

    /** The write is done with (written or failed): the key's next write may go. */
    void finished(PendingWrite write) {
        held -= 1 + absorbedCount(write);
        Slot slot = write.slot;
        slot.inFlight = false;
        if (slot.head == null) {
            slots.remove(slot);
        } else {
            enqueue(slot);
        }
    }

    /** The write goes back in front of its key's queue, to be sent again at {@code readyAtNanos}. */
    void retry(PendingWrite write, long readyAtNanos) {
        Slot slot = write.slot;
        slot.inFlight = false;
        write.readyAtNanos = readyAtNanos;
        write.next = slot.head;
        slot.head = write;
        if (slot.tail == null) {
            slot.tail = write;
        }
        enqueue(slot);
    }

    /** Drops the waiting writes that {@code belongs} selects and returns them; writes in flight stay. */
    List<PendingWrite> remove(Predicate<PendingWrite> belongs) {
        List<PendingWrite> removed = new ArrayList<>();
        for (Slot slot : slots.slots()) {
            PendingWrite kept = null;
            PendingWrite keptTail = null;
            for (PendingWrite w = slot.head; w != null; ) {
                PendingWrite next = w.next;
                w.next = null;
                if (belongs.test(w)) {
                    removed.add(w);
                    held -= 1 + absorbedCount(w);
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
        return removed;
    }

    private void rebuildQueues() {
        List<Slot> wasReady = new ArrayList<>(ready);
        List<Slot> wasDelayed = new ArrayList<>(delayed);
        ready.clear();
        delayed.clear();
        for (Collection<Slot> queue : List.of(wasReady, wasDelayed)) {
            for (Slot slot : queue) {
                if (slot.head != null && !slot.inFlight) {
                    enqueue(slot);
                }
            }
        }
    }

    /** A head held back for a retry has {@code readyAtNanos} after its arrival; others are ready at once. */
    private void enqueue(Slot slot) {
        if (slot.head.readyAtNanos > slot.head.arrivedNanos) {
            delayed.add(slot);
        } else {
            // A key that waited behind its own write in flight is older than most of what is ready.
            ready.addFirst(slot);
        }
    }

    private void promoteDue(long nowNanos) {
        while (!delayed.isEmpty() && delayed.peek().head.readyAtNanos <= nowNanos) {
            Slot slot = delayed.poll();
            slot.head.readyAtNanos = slot.head.arrivedNanos;
            ready.addFirst(slot);
        }
    }

    private static int absorbedCount(PendingWrite write) {
        int count = 0;
        for (PendingWrite w = write.absorbed; w != null; w = w.absorbed) {
            count++;
        }
        return count;
    }
}
