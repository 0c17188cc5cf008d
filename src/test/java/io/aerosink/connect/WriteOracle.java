package io.aerosink.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aerosink.connect.config.WriteAction;

/**
 * What the write path must achieve: every record applied exactly once, in offset order per partition, with
 * {@link ServerRules}. Replays after a rebalance do not change the final state for these semantics, so the
 * oracle applies each record once, when it is produced; it also knows which records the server refuses.
 */
final class WriteOracle {

    private final Map<StoreKey, ServerRules.Stored> store = new HashMap<>();
    private final Map<StoreKey, List<ModelRecord>> recordsByKey = new HashMap<>();
    private final Set<RecordId> refused = new HashSet<>();

    void seed(StoreKey key, ServerRules.Stored record) {
        store.put(key, record);
    }

    void apply(ModelRecord record) {
        ServerRules.Stored existing = store.get(record.key);
        ServerRules.Outcome outcome = record.spec.tombstone()
                ? ServerRules.delete(existing)
                : ServerRules.put(existing, record.action.recordExistsAction(), record.bins(), record.spec.expiration());
        recordsByKey.computeIfAbsent(record.key, k -> new ArrayList<>()).add(record);
        if (!outcome.written()) {
            refused.add(record.id);
        } else if (outcome.after() == null) {
            store.remove(record.key);
        } else {
            store.put(record.key, outcome.after());
        }
    }

    ServerRules.Stored expected(StoreKey key) {
        return store.get(key);
    }

    boolean refused(RecordId id) {
        return refused.contains(id);
    }

    List<ModelRecord> records(StoreKey key) {
        return recordsByKey.getOrDefault(key, List.of());
    }

    /**
     * The refused records the dead-letter queue must hold: all but those a later record of their key supersedes
     * entirely, which the write path may fold them into, so that the refusal never happens.
     */
    List<ModelRecord> mustBeDeadLettered() {
        List<ModelRecord> must = new ArrayList<>();
        for (List<ModelRecord> records : recordsByKey.values()) {
            for (int i = 0; i < records.size(); i++) {
                ModelRecord record = records.get(i);
                if (refused(record.id) && !supersededLater(record, records.subList(i + 1, records.size()))) {
                    must.add(record);
                }
            }
        }
        return must;
    }

    private static boolean supersededLater(ModelRecord earlier, List<ModelRecord> later) {
        if (earlier.action != WriteAction.UPSERT && earlier.action != WriteAction.REPLACE && !earlier.spec.tombstone()) {
            return false;
        }
        return later.stream().anyMatch(s -> supersedes(s, earlier));
    }

    /**
     * A tombstone or a replace that sets its own TTL leaves nothing of what came before; an upsert does when it
     * writes every bin of an earlier upsert and does not keep a TTL that the earlier one would have set.
     */
    private static boolean supersedes(ModelRecord later, ModelRecord earlier) {
        RecordSpec s = later.spec;
        RecordSpec r = earlier.spec;
        if (s.tombstone() || (later.action == WriteAction.REPLACE && s.expiration() != -2)) {
            return true;
        }
        return earlier.action == WriteAction.UPSERT && !r.tombstone() && later.action == WriteAction.UPSERT
                && s.bins().keySet().containsAll(r.bins().keySet())
                && !(s.expiration() == -2 && r.expiration() != -2);
    }
}
