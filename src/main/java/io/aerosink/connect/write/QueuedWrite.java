package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.List;

import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.policy.BatchWritePolicy;

import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.mapping.KeyWrite;

/**
 * The write of one key as it will be sent: one record's, or several records' of one partition folded into one
 * (see {@link WriteReducer}). It keeps the records it stands for, oldest first, so that a refused fold can be
 * split back into them. Guarded by the {@link BatchWriter}'s lock; the buffer owns its queue fields, the
 * result handling its attempts.
 */
final class QueuedWrite {

    /** The first record's write; the others folded into it, oldest first, or null until a fold. */
    private final PendingWrite first;
    /** The topic's write fence, or null. */
    final Fence fence;
    /**
     * The fence value the write carries, its last record's (a fold is applied or replaced as a whole); worked out
     * as records arrive, while they are at hand, rather than by the writer thread that sends them.
     */
    long fenceValue;
    private List<PendingWrite> folded;
    /** Arrival order of the oldest part: batches are taken oldest first. */
    final long sequence;
    final long arrivedNanos;

    /**
     * The effect: the write whose puts (or delete) go out, a record's own or the merge of folded ones; a row's puts
     * may be decoded only as it is sent ({@link KeyWrite#decodesOnSend()}). Then the write action (null for a
     * delete) and TTL.
     */
    private KeyWrite effect;
    WriteAction action;
    int ttl;
    /** What the effect adds to a batch request (see {@link PendingWrite#bytes}), kept up by the folds. */
    long bytes;

    long readyAtNanos;
    int attempts;
    boolean inDoubt;
    /** Sent under its batch call's filter rather than one of its own (see {@link BatchFence}). */
    boolean batchFiltered;
    /** The next write of the same key, applied after this one. */
    QueuedWrite next;
    /** The buffer's queue of this key. */
    WriteBuffer.Slot slot;

    QueuedWrite(PendingWrite first, long sequence, long arrivedNanos) {
        this.first = first;
        this.bytes = first.bytes;
        this.sequence = sequence;
        this.arrivedNanos = arrivedNanos;
        this.readyAtNanos = arrivedNanos;
        this.effect = first.write;
        this.action = first.action;
        this.ttl = first.write.ttl();
        this.fence = first.policies.fence();
        this.fenceValue = fence == null ? 0 : fence.valueOf(first);
    }

    PendingWrite first() {
        return first;
    }

    PendingWrite last() {
        return folded == null ? first : folded.get(folded.size() - 1);
    }

    /** How many records this write stands for. */
    int partCount() {
        return folded == null ? 1 : 1 + folded.size();
    }

    /** The records, oldest first. */
    List<PendingWrite> parts() {
        List<PendingWrite> parts = new ArrayList<>(partCount());
        parts.add(first);
        if (folded != null) {
            parts.addAll(folded);
        }
        return parts;
    }

    /** {@code later} is folded in: this write now has its effect too. */
    void fold(PendingWrite later) {
        if (folded == null) {
            folded = new ArrayList<>(4);
        }
        folded.add(later);
        if (fence != null) {
            fenceValue = fence.valueOf(later);
        }
    }

    Key key() {
        return first().write.key();
    }

    PartitionLease lease() {
        return first().lease();
    }

    boolean isDelete() {
        return effect.isDelete();
    }

    /** The effect becomes {@code write}'s puts, or its delete, with this action, TTL and size. */
    void effect(KeyWrite write, WriteAction action, int ttl, long bytes) {
        this.effect = write;
        this.action = action;
        this.ttl = ttl;
        this.bytes = bytes;
    }

    /** The effect becomes these puts, with this TTL and size; the action stays. */
    void merge(Operation[] merged, int ttl, long bytes) {
        this.effect = KeyWrite.put(key(), merged, ttl);
        this.ttl = ttl;
        this.bytes = bytes;
    }

    /** The write whose puts or delete this one sends. */
    KeyWrite effect() {
        return effect;
    }

    boolean isFolded() {
        return folded != null;
    }

    BatchRecord toBatchRecord() {
        Operation[] puts = effect.puts();
        WritePolicies policies = first().policies;
        if (fence == null || (puts == null && !fence.keepsTombstones())) {
            return puts == null
                    ? new BatchDelete(policies.delete(), key())
                    : new BatchWrite(policies.write(action, ttl), key(), puts);
        }
        if (puts == null) {
            return new BatchWrite(policy(policies, WriteAction.REPLACE, fence.tombstoneTtl()), key(),
                    new Operation[] {fence.store(lease(), fenceValue, WriteAction.REPLACE)});
        }
        // Not Arrays.copyOf, which makes an array of the original's class by reflection.
        Operation[] ops = new Operation[puts.length + 1];
        System.arraycopy(puts, 0, ops, 0, puts.length);
        ops[puts.length] = fence.store(lease(), fenceValue, action);
        return new BatchWrite(policy(policies, action, ttl), key(), ops);
    }

    private BatchWritePolicy policy(WritePolicies policies, WriteAction action, int ttl) {
        return batchFiltered
                ? policies.write(action, ttl)
                : policies.fenced(action, ttl, fence.filter(lease(), fenceValue));
    }
}
