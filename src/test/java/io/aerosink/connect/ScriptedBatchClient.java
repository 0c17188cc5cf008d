package io.aerosink.connect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.Record;
import com.aerospike.client.Key;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Operation;
import com.aerospike.client.ResultCode;
import com.aerospike.client.exp.Expression;
import com.aerospike.client.policy.RecordExistsAction;

import io.aerosink.connect.client.BatchClient;
import io.aerosink.connect.errors.ResultCodes;

/**
 * A map-backed Aerospike for the model test: applies batch writes and deletes with {@link ServerRules}, meets the
 * {@link PlannedFault}s the schedule queued, and logs every call and every write that took effect on the model's
 * clock, so that checks can tell what was written when.
 */
final class ScriptedBatchClient implements BatchClient {

    /** One batch call, from when it started on the model's clock; its outcome is filled in when it ends. */
    static final class Call {
        final long seq;
        final Set<StoreKey> keys;
        final String writes;
        volatile String outcome = "in flight";

        Call(long seq, Set<StoreKey> keys, String writes) {
            this.seq = seq;
            this.keys = keys;
            this.writes = writes;
        }

        @Override
        public String toString() {
            return "call [" + writes + "] -> " + outcome;
        }
    }

    /**
     * A write that took effect, by the call that carried it. {@code lastOffset} is its "o" bin, the offset of the
     * newest record the write carries (folding merges later records into earlier writes); -1 for a delete.
     */
    record Applied(long callSeq, StoreKey key, boolean delete, long lastOffset) {
    }

    private final AtomicLong clock;
    private final int latencyMs;
    private final Map<StoreKey, ServerRules.Stored> store = new HashMap<>();
    private final Deque<PlannedFault> callFaults = new ArrayDeque<>();
    private final Map<StoreKey, Integer> busyKeys = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<Applied> applied = new ArrayList<>();

    ScriptedBatchClient(AtomicLong clock, int latencyMs) {
        this.clock = clock;
        this.latencyMs = latencyMs;
    }

    synchronized void seed(StoreKey key, ServerRules.Stored record) {
        store.put(key, record);
    }

    synchronized void plan(PlannedFault fault) {
        if (fault.kind() == PlannedFault.Kind.KEY_BUSY) {
            busyKeys.merge(fault.key(), fault.amount(), Integer::sum);
        } else {
            callFaults.add(fault);
        }
    }

    /** Drops the faults not met yet: from here on every call is answered as a healthy server would. */
    synchronized void stopFaults() {
        callFaults.clear();
        busyKeys.clear();
    }

    synchronized ServerRules.Stored stored(StoreKey key) {
        return store.get(key);
    }

    synchronized List<Call> calls() {
        return new ArrayList<>(calls);
    }

    synchronized int callCount() {
        return calls.size();
    }

    synchronized List<Applied> applied() {
        return new ArrayList<>(applied);
    }

    @Override
    public void operate(List<BatchRecord> records, Expression batchFilter) {
        if (batchFilter != null) {
            throw new IllegalStateException("an unfenced run sent a batch filter");
        }
        Call call;
        PlannedFault fault;
        synchronized (this) {
            call = new Call(clock.incrementAndGet(), keys(records), describe(records));
            calls.add(call);
            fault = callFaults.poll();
        }
        pause(latencyMs + (fault != null && fault.kind() == PlannedFault.Kind.SLOW ? fault.amount() : 0));
        synchronized (this) {
            PlannedFault.Kind kind = fault == null || fault.kind() == PlannedFault.Kind.SLOW ? null : fault.kind();
            if (kind == PlannedFault.Kind.APPLIED_IN_DOUBT && insertMeetsRecord(records)) {
                // Its first attempt would be refused, and a retry could not tell that from meeting its own
                // applied attempt: ambiguous by nature, so the server answers this call plainly.
                kind = null;
            }
            if (kind == null) {
                call.outcome = applyAll(records, call.seq, true);
                return;
            }
            switch (kind) {
                case OVERLOAD -> {
                    records.forEach(r -> r.setError(ResultCode.DEVICE_OVERLOAD, false));
                    call.outcome = "all DEVICE_OVERLOAD";
                }
                case NO_RESPONSE, CONNECTION_LOST -> {
                    records.forEach(r -> r.setError(ResultCode.NO_RESPONSE, false));
                    call.outcome = "threw " + kind + ", nothing applied";
                    throw kind == PlannedFault.Kind.NO_RESPONSE
                            ? new AerospikeException(ResultCode.NO_RESPONSE, "scripted: no response")
                            : new AerospikeException.Connection("scripted: connection lost");
                }
                case APPLIED_IN_DOUBT -> {
                    String results = applyAll(records, call.seq, false);
                    records.forEach(r -> r.setError(ResultCode.NO_RESPONSE, true));
                    call.outcome = "applied (" + results + "), then threw NO_RESPONSE in doubt";
                    AerospikeException error = new AerospikeException(ResultCode.NO_RESPONSE, "scripted: timeout after apply");
                    error.setInDoubt(true);
                    throw error;
                }
                default -> throw new IllegalStateException("not a call fault: " + kind);
            }
        }
    }

    @Override
    public synchronized Record[] get(Key[] keys, String... binNames) {
        Record[] records = new Record[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ServerRules.Stored stored = store.get(StoreKey.of(keys[i]));
            if (stored != null) {
                Map<String, Object> bins = new HashMap<>();
                for (String name : binNames) {
                    if (stored.bins().containsKey(name)) {
                        bins.put(name, stored.bins().get(name));
                    }
                }
                records[i] = new Record(bins, 1, stored.expiration());
            }
        }
        return records;
    }

    /** Its server never refuses the task. */
    @Override
    public String refusal() {
        return null;
    }

    @Override
    public void close() {
    }

    private String applyAll(List<BatchRecord> records, long seq, boolean keyFaults) {
        StringJoiner results = new StringJoiner(", ");
        for (BatchRecord record : records) {
            StoreKey key = StoreKey.of(record.key);
            Integer busy = keyFaults ? busyKeys.get(key) : null;
            if (busy != null) {
                busyKeys.compute(key, (k, n) -> n == 1 ? null : n - 1);
                record.setError(ResultCode.KEY_BUSY, false);
            } else {
                apply(record, key, seq);
            }
            results.add(ResultCodes.name(record.resultCode));
        }
        return results.toString();
    }

    private void apply(BatchRecord record, StoreKey key, long seq) {
        ServerRules.Stored existing = store.get(key);
        ServerRules.Outcome outcome;
        if (record instanceof BatchDelete) {
            outcome = ServerRules.delete(existing);
        } else {
            BatchWrite write = (BatchWrite) record;
            outcome = ServerRules.put(existing, write.policy.recordExistsAction, bins(write), write.policy.expiration);
        }
        record.setError(outcome.resultCode(), false);
        if (outcome.written()) {
            if (outcome.after() == null) {
                store.remove(key);
            } else {
                store.put(key, outcome.after());
            }
            Object lastOffset = outcome.after() == null ? null : outcome.after().bins().get("o");
            applied.add(new Applied(seq, key, record instanceof BatchDelete, lastOffset == null ? -1 : (Long) lastOffset));
        }
    }

    private boolean insertMeetsRecord(List<BatchRecord> records) {
        for (BatchRecord record : records) {
            if (record instanceof BatchWrite write && write.policy.recordExistsAction == RecordExistsAction.CREATE_ONLY
                    && store.containsKey(StoreKey.of(record.key)) && !bins(write).containsValue(ServerRules.TOO_BIG)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> bins(BatchWrite write) {
        Map<String, Object> bins = new TreeMap<>();
        for (Operation op : write.ops) {
            bins.put(op.binName, op.value.getObject());
        }
        return bins;
    }

    private static Set<StoreKey> keys(List<BatchRecord> records) {
        Set<StoreKey> keys = new LinkedHashSet<>();
        records.forEach(r -> keys.add(StoreKey.of(r.key)));
        return keys;
    }

    private static String describe(List<BatchRecord> records) {
        StringJoiner text = new StringJoiner(", ");
        for (BatchRecord record : records) {
            text.add(StoreKey.of(record.key) + (record instanceof BatchWrite write
                    ? " " + write.policy.recordExistsAction + " " + bins(write)
                            + " ttl=" + write.policy.expiration
                    : " delete"));
        }
        return text.toString();
    }

    private static void pause(int ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
