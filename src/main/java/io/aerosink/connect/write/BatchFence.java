package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.Expression;

import io.aerosink.connect.config.WriteFence;

/**
 * One filter for a whole batch call ({@code BatchPolicy.filterExp}) in place of a filter per write, for the
 * offset-fenced writes whose fence value is above every value already sent for their partition: for those, "the
 * stored fence of my partition is below the lowest value of my partition in this batch" holds whenever their
 * own test would on a record only this task's lease has written, and it is never true where their own test is
 * false. The call's filter joins that test for each partition of the batch; Aerospike applies it to every write
 * without a filter of its own (the client's {@code BatchWritePolicy.filterExp} documents that the write's own
 * overrides it).
 *
 * <p>The filter is coarser than a write's own where a record also holds a fence that another owner of a
 * partition wrote, as after a replay: such a write comes back FILTERED_OUT although it may not be stale, and
 * is sent again under its own filter, whose answer stands ({@link ResultHandler}). Writes sent before, retried
 * or split are at or below their partition's highest value, so they always carry their own filter. A batch with
 * any write that has no filter at all (an unfenced topic, a tombstone under a field fence) gets no call filter,
 * since it would apply to that write too.
 */
final class BatchFence {

    private BatchFence() {
    }

    /**
     * Marks which writes of a batch just taken go under the call's filter, and raises each lease's highest value
     * sent. Called with the writer's lock held.
     */
    static void mark(List<QueuedWrite> batch) {
        boolean unfiltered = false;
        for (QueuedWrite write : batch) {
            Fence fence = write.first().policies.fence();
            write.batchFiltered = false;
            if (fence == null || (write.isDelete() && !fence.keepsTombstones())) {
                unfiltered = true;
            } else if (fence.mode() == WriteFence.OFFSET) {
                write.batchFiltered = fence.valueOf(write.last()) > write.lease().highestFenceSent;
            }
        }
        for (QueuedWrite write : batch) {
            Fence fence = write.first().policies.fence();
            if (unfiltered) {
                write.batchFiltered = false;
            }
            if (fence != null && fence.mode() == WriteFence.OFFSET) {
                PartitionLease lease = write.lease();
                lease.highestFenceSent = Math.max(lease.highestFenceSent, fence.valueOf(write.last()));
            }
        }
    }

    /** The call's filter for the marked writes of the batch, or null when none is marked. */
    static Expression filter(List<QueuedWrite> batch) {
        Map<PartitionLease, Long> lowest = new LinkedHashMap<>();
        Map<PartitionLease, Fence> fences = new LinkedHashMap<>();
        for (QueuedWrite write : batch) {
            if (write.batchFiltered) {
                Fence fence = write.first().policies.fence();
                lowest.merge(write.lease(), fence.valueOf(write.last()), Math::min);
                fences.putIfAbsent(write.lease(), fence);
            }
        }
        if (lowest.isEmpty()) {
            return null;
        }
        List<Exp> tests = new ArrayList<>(lowest.size());
        lowest.forEach((lease, value) -> tests.add(fences.get(lease).below(lease, value)));
        return Exp.build(tests.size() == 1 ? tests.get(0) : Exp.and(tests.toArray(new Exp[0])));
    }
}
