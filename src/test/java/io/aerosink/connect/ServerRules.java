package io.aerosink.connect;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.RecordExistsAction;

/**
 * Aerospike's record-exists semantics for one key. The scripted server applies them to the writes it gets and the
 * oracle to the records in offset order, so that both agree on what a write means by construction.
 */
final class ServerRules {

    /** A bin holding this string makes the server refuse the write, as a record over the size limit would be. */
    static final String TOO_BIG = "TOO_BIG";

    /** A stored record: its bins and the expiration it was written with (0 is the namespace default). */
    record Stored(Map<String, Object> bins, int expiration) {
        Stored {
            bins = Collections.unmodifiableMap(new TreeMap<>(bins));
        }

        @Override
        public String toString() {
            return bins + " ttl=" + expiration;
        }
    }

    /** The result code of one write, whether it took effect, and the record after it (null: none). */
    record Outcome(int resultCode, boolean written, Stored after) {
    }

    private ServerRules() {
    }

    static Outcome put(Stored existing, RecordExistsAction action, Map<String, Object> bins, int expiration) {
        if (bins.containsValue(TOO_BIG)) {
            return new Outcome(ResultCode.RECORD_TOO_BIG, false, existing);
        }
        if (existing != null && action == RecordExistsAction.CREATE_ONLY) {
            return new Outcome(ResultCode.KEY_EXISTS_ERROR, false, existing);
        }
        boolean replace = action == RecordExistsAction.REPLACE || action == RecordExistsAction.REPLACE_ONLY;
        if (existing == null && (action == RecordExistsAction.UPDATE_ONLY || action == RecordExistsAction.REPLACE_ONLY)) {
            return new Outcome(ResultCode.KEY_NOT_FOUND_ERROR, false, null);
        }
        Map<String, Object> merged = new TreeMap<>(existing == null || replace ? Map.of() : existing.bins());
        merged.putAll(bins);
        // -2 keeps the stored TTL; a record that does not exist yet gets the namespace default.
        int kept = expiration == -2 ? (existing == null ? 0 : existing.expiration()) : expiration;
        return new Outcome(ResultCode.OK, true, new Stored(merged, kept));
    }

    /** Deleting a missing record answers KEY_NOT_FOUND, which the write path counts as deleted. */
    static Outcome delete(Stored existing) {
        return new Outcome(existing == null ? ResultCode.KEY_NOT_FOUND_ERROR : ResultCode.OK, true, null);
    }
}
