package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.aerospike.client.BatchRecord;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;

import io.aerosink.connect.client.BatchClient;
import io.aerosink.connect.config.WriteAction;

/**
 * A fenced {@code insert} that meets an existing record: Aerospike answers KEY_EXISTS before it evaluates the
 * filter, so a replay of an insert already applied looks like a genuine clash. The fence bins of just those keys
 * are read back (a round trip on this failure path only): where the fence shows the write applied, its answer
 * becomes FILTERED_OUT, a stale write like any other; elsewhere KEY_EXISTS stands. Writer thread, no lock held.
 */
final class ReplayedInserts {

    private ReplayedInserts() {
    }

    /** Rewrites replayed inserts' result codes; returns the call's error, or the read's if the read failed. */
    static Throwable resolve(BatchClient client, List<QueuedWrite> batch, List<BatchRecord> records, Throwable error) {
        List<Integer> clashes = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            QueuedWrite write = batch.get(i);
            if (records.get(i).resultCode == ResultCode.KEY_EXISTS_ERROR && write.action == WriteAction.INSERT
                    && write.fence != null) {
                clashes.add(i);
            }
        }
        if (clashes.isEmpty()) {
            return error;
        }
        Key[] keys = new Key[clashes.size()];
        Set<String> bins = new HashSet<>();
        for (int i = 0; i < keys.length; i++) {
            QueuedWrite write = batch.get(clashes.get(i));
            keys[i] = write.key();
            bins.add(write.fence.bin());
        }
        Record[] stored;
        try {
            stored = client.get(keys, bins.toArray(new String[0]));
        } catch (RuntimeException e) {
            // Unknown either way: the keys are retried like any others of a failed call.
            clashes.forEach(i -> records.get(i).setError(ResultCode.NO_RESPONSE, false));
            return error == null ? e : error;
        }
        for (int i = 0; i < keys.length; i++) {
            QueuedWrite write = batch.get(clashes.get(i));
            if (write.fence.applied(stored[i], write.lease(), write.fenceValue)) {
                records.get(clashes.get(i)).resultCode = ResultCode.FILTERED_OUT;
                // Read from the stored fence itself: as final as the write's own filter's answer.
                write.batchFiltered = false;
            }
        }
        return error;
    }
}
