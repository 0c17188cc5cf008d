package io.aerosink.connect.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import com.aerospike.client.Bin;

import io.aerosink.connect.config.WriteAction;

class ReadyQueueTest {

    private final Writes writes = new Writes();
    private int nextKey;

    private WriteBuffer.Slot slotWithHead(long sequence) {
        PendingWrite write = Writes.put(writes.ticket("t", 0, sequence), nextKey++, WriteAction.UPSERT,
                new Bin("v", sequence));
        WriteBuffer.Slot slot = new WriteBuffer.Slot(write.write.key(), 0);
        slot.head = new QueuedWrite(write, sequence, 0);
        return slot;
    }

    /**
     * Steps: a non-negative step adds a key whose head is that far behind the newest sequence handed out so far
     * (0: a key new to the buffer; more: a key back in line with an older head), a negative one polls. Whatever the
     * mix, keys come out oldest head first, exactly as from one heap of them all.
     */
    @Property(tries = 500)
    void keysComeOutOldestHeadFirst(@ForAll @Size(max = 200) List<@IntRange(min = -3, max = 40) Integer> steps) {
        ReadyQueue queue = new ReadyQueue();
        PriorityQueue<WriteBuffer.Slot> reference = new PriorityQueue<>(
                (a, b) -> Long.compare(a.head.sequence, b.head.sequence));
        List<Long> handedOut = new ArrayList<>();
        long newest = 1_000;
        for (int step : steps) {
            if (step < 0) {
                WriteBuffer.Slot expected = reference.peek();
                assertSame(expected, queue.peek());
                assertSame(expected, queue.poll());
                reference.poll();
            } else {
                long sequence = step == 0 ? ++newest : newest - step;
                if (handedOut.contains(sequence)) {
                    continue;
                }
                handedOut.add(sequence);
                WriteBuffer.Slot slot = slotWithHead(sequence);
                queue.add(slot);
                reference.add(slot);
            }
            assertEquals(reference.size(), queue.size());
        }
        List<WriteBuffer.Slot> left = queue.drain();
        assertEquals(reference.size(), left.size());
        assertNull(queue.peek());
    }
}
