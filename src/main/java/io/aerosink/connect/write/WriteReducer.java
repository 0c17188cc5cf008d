package io.aerosink.connect.write;

import java.util.Arrays;

import com.aerospike.client.Operation;

import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.config.WriteFence;
import io.aerosink.connect.mapping.KeyWrite;

/**
 * Folds a record's write of a key into the one still waiting before it, when the one write sent leaves Aerospike
 * as applying both in order would, whatever Aerospike answers. That holds in two shapes only:
 * <ul>
 *   <li>nothing of the earlier write is dropped (an upsert of other bins, or an upsert after a delete), so a
 *       refusal of the fold is a refusal of one of its records, and the fold is split back and replayed record
 *       by record;</li>
 *   <li>the later write makes the earlier one irrelevant (a delete, a replace, an upsert of at least the same
 *       bins), so whether the earlier one would have been refused changes nothing in the final state.</li>
 * </ul>
 * {@code insert}, {@code update} and {@code replace_only} writes are never folded either way: their outcome
 * depends on what is stored, and each must get its own. A later write that keeps the stored TTL (-2) is folded
 * only where the TTL it keeps does not depend on whether the earlier write was applied. Only writes of the same
 * partition are folded, so that closing a partition never takes another partition's record with it. Under
 * {@code write.fence=offset} a fold carries its last record's fence, which orders it exactly as its records;
 * under {@code write.fence=field} only a later record of a greater fence value that makes the earlier one
 * irrelevant is folded.
 */
final class WriteReducer {

    private static final int KEEP_TTL = -2;

    private WriteReducer() {
    }

    /** Folds {@code later} into {@code earlier} and returns true, or returns false when both must be sent. */
    static boolean fold(QueuedWrite earlier, PendingWrite later) {
        if (earlier.lease() != later.lease() || !foldable(earlier.action, earlier.isDelete())
                || !foldable(later.action, later.write.isDelete())) {
            return false;
        }
        Fence fence = later.policies.fence();
        boolean byField = fence != null && fence.mode() == WriteFence.FIELD;
        // Under a field fence each record is applied only if its value beats what is stored by then: a fold is
        // right only where the later record both comes later in that order and makes the earlier irrelevant.
        if (byField && later.write.fence() <= earlier.last().write.fence()) {
            return false;
        }
        if (!foldEffect(earlier, later, !byField)) {
            return false;
        }
        earlier.fold(later);
        return true;
    }

    private static boolean foldable(WriteAction action, boolean delete) {
        return delete || action == WriteAction.UPSERT || action == WriteAction.REPLACE;
    }

    private static boolean foldEffect(QueuedWrite earlier, PendingWrite later, boolean mergeAllowed) {
        KeyWrite write = later.write;
        int ttl = write.ttl();
        if (write.isDelete()) {
            earlier.effect(write, null, 0, later.bytes);
            return true;
        }
        if (earlier.isDelete()) {
            if (!mergeAllowed) {
                return false;
            }
            // After a delete, a TTL kept would be the namespace default of a new record, not the stored one.
            if (ttl == KEEP_TTL) {
                return false;
            }
            earlier.effect(write, WriteAction.REPLACE, ttl, later.bytes);
            return true;
        }
        if (later.action == WriteAction.REPLACE) {
            // A replace drops the earlier write: the TTL it keeps would be that write's only if it was applied.
            if (ttl == KEEP_TTL) {
                return false;
            }
            earlier.effect(write, WriteAction.REPLACE, ttl, later.bytes);
            return true;
        }
        if (mergeAllowed && disjoint(earlier.effect(), write)) {
            // One entry's fixed fields are counted twice: an estimate errs on the large side.
            earlier.merge(concat(earlier.effect().puts(), write.puts()), ttl == KEEP_TTL ? earlier.ttl : ttl,
                    earlier.bytes + later.bytes);
            return true;
        }
        // Only an upsert is made irrelevant by one of the same bins: a replace's clearing of other bins is not.
        if (earlier.action == WriteAction.UPSERT && covers(write, earlier.effect())
                && (ttl != KEEP_TTL || earlier.ttl == KEEP_TTL)) {
            earlier.effect(write, WriteAction.UPSERT, ttl, later.bytes);
            return true;
        }
        return false;
    }

    /** Bin names are compared without decoding the bins' values, which a fold may never need. */
    private static boolean disjoint(KeyWrite earlier, KeyWrite later) {
        if (earlier.sameBinsAs(later)) {
            return false;
        }
        for (int bin = 0; bin < earlier.binCount(); bin++) {
            if (contains(later, earlier.binName(bin))) {
                return false;
            }
        }
        return true;
    }

    private static boolean covers(KeyWrite later, KeyWrite earlier) {
        if (earlier.sameBinsAs(later)) {
            return true;
        }
        for (int bin = 0; bin < earlier.binCount(); bin++) {
            if (!contains(later, earlier.binName(bin))) {
                return false;
            }
        }
        return true;
    }

    private static Operation[] concat(Operation[] a, Operation[] b) {
        Operation[] merged = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, merged, a.length, b.length);
        return merged;
    }

    private static boolean contains(KeyWrite write, String binName) {
        for (int bin = 0; bin < write.binCount(); bin++) {
            if (write.binName(bin).equals(binName)) {
                return true;
            }
        }
        return false;
    }
}
