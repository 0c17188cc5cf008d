package io.aerosink.connect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which records the scripted server's log of applied writes (and the DLQ) accounts for: what a committed offset
 * promises for every record below it.
 *
 * <p>A write does not say which records it carries: folding merges later records of a key into an earlier write.
 * Two facts are sound all the same, because a key has one write in flight at a time and keys never change
 * partition. A put carries the "o" bin of the newest record folded into it, so a put of the key with o at or
 * after the record's offset has the record's effect or a later one. A delete does not say whose it is, so it
 * counts for every record of the key delivered before its call started (the record, or a later tombstone that
 * superseded it). A delete of an earlier tombstone that was slow can thus vouch for a record it does not carry:
 * the check is weaker for keys with tombstones, never wrong.
 */
final class Coverage {

    private final Map<StoreKey, Long> newestPut = new HashMap<>();
    private final Map<StoreKey, Long> lastDeleteCall = new HashMap<>();
    private final Set<RecordId> deadLettered;

    Coverage(List<ScriptedBatchClient.Applied> applied, Set<RecordId> deadLettered) {
        this.deadLettered = deadLettered;
        for (ScriptedBatchClient.Applied write : applied) {
            if (write.delete()) {
                lastDeleteCall.merge(write.key(), write.callSeq(), Math::max);
            } else {
                newestPut.merge(write.key(), write.lastOffset(), Math::max);
            }
        }
    }

    List<ModelRecord> unaccounted(List<ModelRecord> records) {
        return records.stream().filter(r -> !accounted(r)).toList();
    }

    private boolean accounted(ModelRecord record) {
        return deadLettered.contains(record.id)
                || newestPut.getOrDefault(record.key, -1L) >= record.id.offset()
                || lastDeleteCall.getOrDefault(record.key, -1L) > record.firstDeliverySeq;
    }
}
