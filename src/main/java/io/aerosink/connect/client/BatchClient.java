package io.aerosink.connect.client;

import java.util.List;

import com.aerospike.client.BatchRecord;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.exp.Expression;

/** The one call the write path makes: a batch of writes and deletes, with a result per key. */
public interface BatchClient extends AutoCloseable {

    /**
     * Runs the batch. Per-key outcomes are left in each record's {@code resultCode} and {@code inDoubt};
     * throws {@code AerospikeException} when the call as a whole failed (records without a reply then keep
     * {@code ResultCode.NO_RESPONSE}). {@code batchFilter}, when not null, is the call's own filter
     * ({@code BatchPolicy.filterExp}): it applies to every record whose policy has no filter of its own.
     */
    void operate(List<BatchRecord> records, Expression batchFilter);

    /** Reads these bins of each key, in one batch call; a missing record is null. */
    Record[] get(Key[] keys, String... binNames);

    /**
     * Why the cluster refuses this client although its seeds answer (a refused login, seeds of another cluster, a
     * TLS setup the nodes refuse), naming the setting to fix; null when it accepts the client or cannot be reached.
     * May connect to the seeds, so it blocks for up to the connect timeout per seed.
     */
    String refusal();

    @Override
    void close();
}
