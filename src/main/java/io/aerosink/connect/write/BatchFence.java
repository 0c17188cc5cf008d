package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.List;

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

    /** The partitions of the marked writes, and the lowest fence value of each in the batch. */
    private final List<PartitionLease> leases;
    private final List<Fence> fences;
    private final long[] lowest;

    private BatchFence(List<PartitionLease> leases, List<Fence> fences, long[] lowest) {
        this.leases = leases;
        this.fences = fences;
        this.lowest = lowest;
    }

    /**
     * Marks which writes of a batch just taken go under the call's filter, and raises each lease's highest value
     * sent; returns the call's fence, or null when no write is marked. Called with the writer's lock held, which
     * also guards the leases' scratch fields it uses.
     */
    static BatchFence mark(List<QueuedWrite> batch) {
        boolean unfiltered = false;
        List<PartitionLease> leases = new ArrayList<>(4);
        List<Fence> fences = new ArrayList<>(4);
        for (QueuedWrite write : batch) {
            Fence fence = write.fence;
            write.batchFiltered = false;
            if (fence == null || (write.isDelete() && !fence.keepsTombstones())) {
                unfiltered = true;
            } else if (fence.mode() == WriteFence.OFFSET && write.fenceValue > write.lease().highestFenceSent) {
                write.batchFiltered = true;
                PartitionLease lease = write.lease();
                if (!lease.inBatch) {
                    lease.inBatch = true;
                    lease.batchLowest = write.fenceValue;
                    leases.add(lease);
                    fences.add(fence);
                } else {
                    lease.batchLowest = Math.min(lease.batchLowest, write.fenceValue);
                }
            }
        }
        for (QueuedWrite write : batch) {
            if (unfiltered) {
                write.batchFiltered = false;
            }
            if (write.fence != null && write.fence.mode() == WriteFence.OFFSET) {
                PartitionLease lease = write.lease();
                lease.highestFenceSent = Math.max(lease.highestFenceSent, write.fenceValue);
            }
        }
        long[] lowest = new long[leases.size()];
        for (int i = 0; i < lowest.length; i++) {
            lowest[i] = leases.get(i).batchLowest;
            leases.get(i).inBatch = false;
        }
        return unfiltered || leases.isEmpty() ? null : new BatchFence(leases, fences, lowest);
    }

    /** The call's filter; built by the writer thread, without the lock. */
    Expression filter() {
        if (leases.size() == 1) {
            return Exp.build(fences.get(0).below(leases.get(0), lowest[0]));
        }
        Exp[] tests = new Exp[leases.size()];
        for (int i = 0; i < tests.length; i++) {
            tests[i] = fences.get(i).below(leases.get(i), lowest[i]);
        }
        return Exp.build(Exp.and(tests));
    }
}
