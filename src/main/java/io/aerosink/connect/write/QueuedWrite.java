package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.exp.Expression;

import io.aerosink.connect.config.WriteAction;

/**
 * The write of one key as it will be sent: one record's, or several records' of one partition folded into one
 * (see {@link WriteReducer}). It keeps the records it stands for, oldest first, so that a refused fold can be
 * split back into them. Guarded by the {@link BatchWriter}'s lock; the buffer owns its queue fields, the
 * result handling its attempts.
 */
final class QueuedWrite {

    /** Index, digest, type, attributes, TTL, field and op counts, and the namespace, set and key field headers. */
    private static final int ENTRY_OVERHEAD_BYTES = 64;
    /** A bin op's size, op, particle type and name length bytes. */
    private static final int OP_OVERHEAD_BYTES = 8;
    /** The fence's filter expression and its put, with a topic name of up to a hundred bytes. */
    private static final int FENCE_BYTES = 320;

    /** The records' writes this one has the effect of, in offset order. */
    final List<PendingWrite> parts;
    /** Arrival order of the oldest part: batches are taken oldest first. */
    final long sequence;
    final long arrivedNanos;

    /** The effect: puts, or null for a delete; the write action (null for a delete) and TTL. */
    Operation[] puts;
    WriteAction action;
    int ttl;

    long readyAtNanos;
    int attempts;
    boolean inDoubt;
    /** The next write of the same key, applied after this one. */
    QueuedWrite next;
    /** The buffer's queue of this key. */
    WriteBuffer.Slot slot;

    QueuedWrite(PendingWrite first, long sequence, long arrivedNanos) {
        this.parts = new ArrayList<>(1);
        this.parts.add(first);
        this.sequence = sequence;
        this.arrivedNanos = arrivedNanos;
        this.readyAtNanos = arrivedNanos;
        this.puts = first.write.puts();
        this.action = first.action;
        this.ttl = first.write.ttl();
    }

    PendingWrite first() {
        return parts.get(0);
    }

    Key key() {
        return first().write.key();
    }

    PartitionLease lease() {
        return first().lease();
    }

    boolean isDelete() {
        return puts == null;
    }

    boolean isFolded() {
        return parts.size() > 1;
    }

    /**
     * What this write adds to a batch request, estimated from the key, the names and the values' own sizes as the
     * client encodes them, with the entry's fixed fields and a fence's expression rounded up. Read when the batch
     * is taken, since folding changes the puts until then.
     */
    long estimatedBytes() {
        Key key = key();
        long bytes = ENTRY_OVERHEAD_BYTES + key.namespace.length() + (key.setName == null ? 0 : key.setName.length());
        if (key.userKey != null) {
            bytes += key.userKey.estimateSize();
        }
        if (first().policies.fence() != null) {
            bytes += FENCE_BYTES;
        }
        if (puts != null) {
            for (Operation put : puts) {
                bytes += OP_OVERHEAD_BYTES + put.binName.length() + ValueSize.of(put.value);
            }
        }
        return bytes;
    }

    PendingWrite last() {
        return parts.get(parts.size() - 1);
    }

    BatchRecord toBatchRecord() {
        WritePolicies policies = first().policies;
        Fence fence = policies.fence();
        if (fence == null || (puts == null && !fence.keepsTombstones())) {
            return puts == null
                    ? new BatchDelete(policies.delete(), key())
                    : new BatchWrite(policies.write(action, ttl), key(), puts);
        }
        // A fold carries the fence of its last record: the records before it are applied or replaced with it.
        long value = fence.valueOf(last());
        Expression filter = fence.filter(lease(), value);
        if (puts == null) {
            return new BatchWrite(policies.fenced(WriteAction.REPLACE, fence.tombstoneTtl(), filter), key(),
                    new Operation[] {fence.store(lease(), value, WriteAction.REPLACE)});
        }
        Operation[] ops = Arrays.copyOf(puts, puts.length + 1);
        ops[puts.length] = fence.store(lease(), value, action);
        return new BatchWrite(policies.fenced(action, ttl, filter), key(), ops);
    }
}
