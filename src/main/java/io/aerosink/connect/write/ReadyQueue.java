package io.aerosink.connect.write;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The keys whose next write may go, oldest head write first. Most keys join with a head newer than every key already
 * in line (a key seen for the first time), so those wait in arrival order in a plain deque; only a key that comes
 * back older than the newest in line (its write was in flight, or retried, or split) goes to a heap. A poll then
 * costs a comparison of two heads instead of a sift through a heap of every buffered key, which at tens of thousands
 * of keys was the writer threads' largest cost under the buffer's lock.
 */
final class ReadyQueue {

    private final ArrayDeque<WriteBuffer.Slot> inOrder = new ArrayDeque<>();
    private final PriorityQueue<WriteBuffer.Slot> returning = new PriorityQueue<>(
            (a, b) -> Long.compare(a.head.sequence, b.head.sequence));

    void add(WriteBuffer.Slot slot) {
        WriteBuffer.Slot last = inOrder.peekLast();
        if (last == null || slot.head.sequence > last.head.sequence) {
            inOrder.addLast(slot);
        } else {
            returning.add(slot);
        }
    }

    int size() {
        return inOrder.size() + returning.size();
    }

    boolean isEmpty() {
        return inOrder.isEmpty() && returning.isEmpty();
    }

    /** The key with the oldest head write, or null. */
    WriteBuffer.Slot peek() {
        return fromInOrder() ? inOrder.peekFirst() : returning.peek();
    }

    WriteBuffer.Slot poll() {
        return fromInOrder() ? inOrder.pollFirst() : returning.poll();
    }

    /** Empties the queue, handing back what it held. */
    List<WriteBuffer.Slot> drain() {
        List<WriteBuffer.Slot> all = new ArrayList<>(inOrder);
        all.addAll(returning);
        inOrder.clear();
        returning.clear();
        return all;
    }

    private boolean fromInOrder() {
        WriteBuffer.Slot first = inOrder.peekFirst();
        WriteBuffer.Slot back = returning.peek();
        return back == null || first != null && first.head.sequence < back.head.sequence;
    }
}
