package io.aerosink.connect.client;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.exp.Expression;
import com.aerospike.client.policy.RecordExistsAction;

/**
 * A stand-in for the client seam in unit tests: applies batch writes and deletes to a map with Aerospike's
 * record-exists semantics, and fails keys or whole calls on request.
 */
public final class InMemoryBatchClient implements BatchClient {

    /** A stored record: bins and the expiration it was written with. */
    public record Stored(Map<String, Object> bins, int expiration, int generation) {
    }

    private final Map<Key, Stored> store = new ConcurrentHashMap<>();
    private final Map<Key, Deque<Integer>> keyFaults = new HashMap<>();
    private final Deque<Throwable> callFaults = new ArrayDeque<>();
    private final AtomicInteger arrived = new AtomicInteger();
    private final Map<Object, Integer> refusedValues = new ConcurrentHashMap<>();
    private final List<List<BatchRecord>> calls = Collections.synchronizedList(new ArrayList<>());
    private final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
    private volatile boolean inDoubtFaults;
    private volatile boolean closed;
    private volatile String refusal;
    private final AtomicInteger refusalChecks = new AtomicInteger();

    public Stored get(Key key) {
        return store.get(key);
    }

    public int size() {
        return store.size();
    }

    /** The next {@code codes.length} writes of {@code key} get these result codes instead of being applied. */
    public synchronized void failKey(Key key, int... codes) {
        Deque<Integer> queue = keyFaults.computeIfAbsent(key, k -> new ArrayDeque<>());
        for (int code : codes) {
            queue.add(code);
        }
    }

    /**
     * Every write carrying a bin of this value is refused with {@code code}, as a server refuses a record too big
     * whatever it is folded with.
     */
    public void refuseValue(Object value, int code) {
        refusedValues.put(value, code);
    }

    /** Forgets the faults of keys not yet used up. */
    public synchronized void clearKeyFaults() {
        keyFaults.clear();
    }

    /** Failed keys are flagged in doubt, as after a timeout on the wire. */
    public void inDoubtFaults(boolean inDoubt) {
        this.inDoubtFaults = inDoubt;
    }

    /** The next {@code times} calls throw {@code error}, leaving every key without a reply. */
    public synchronized void failCalls(AerospikeException error, int times) {
        for (int i = 0; i < times; i++) {
            callFaults.add(error);
        }
    }

    /** Forgets the call faults not yet used up: the cluster is back. */
    public synchronized void clearCallFaults() {
        callFaults.clear();
    }

    /** The next call throws {@code error}, an {@link Error} or a {@link RuntimeException}, applying nothing. */
    public synchronized void failNextCall(Throwable error) {
        callFaults.add(error);
    }

    /** Calls that reached the client, whether or not {@link #hold} lets them through yet. */
    public int arrivedCalls() {
        return arrived.get();
    }

    /** Every call made so far, with the records as sent. */
    public List<List<BatchRecord>> calls() {
        synchronized (calls) {
            return new ArrayList<>(calls);
        }
    }

    /** Blocks calls until {@link #open()}. */
    public void hold() {
        gate.drainPermits();
    }

    public void open() {
        gate.release(Integer.MAX_VALUE - gate.availablePermits());
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void operate(List<BatchRecord> records, Expression batchFilter) {
        arrived.incrementAndGet();
        gate.acquireUninterruptibly();
        try {
            calls.add(List.copyOf(records));
            Throwable callFault;
            synchronized (this) {
                callFault = callFaults.poll();
            }
            if (callFault != null) {
                records.forEach(r -> r.setError(ResultCode.NO_RESPONSE, r.hasWrite));
                if (callFault instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) callFault;
            }
            for (BatchRecord record : records) {
                Integer fault;
                synchronized (this) {
                    Deque<Integer> queue = keyFaults.get(record.key);
                    fault = queue == null ? null : queue.poll();
                }
                if (fault != null) {
                    record.setError(fault, inDoubtFaults);
                } else {
                    apply(record);
                }
            }
        } finally {
            gate.release();
        }
    }

    private void apply(BatchRecord record) {
        if (record instanceof BatchDelete) {
            record.setError(store.remove(record.key) == null ? ResultCode.KEY_NOT_FOUND_ERROR : ResultCode.OK, false);
            return;
        }
        BatchWrite write = (BatchWrite) record;
        for (Operation op : write.ops) {
            Integer refusal = refusedValues.get(op.value.getObject());
            if (refusal != null) {
                record.setError(refusal, false);
                return;
            }
        }
        Stored existing = store.get(write.key);
        RecordExistsAction action = write.policy.recordExistsAction;
        if (existing != null && action == RecordExistsAction.CREATE_ONLY) {
            record.setError(ResultCode.KEY_EXISTS_ERROR, false);
            return;
        }
        if (existing == null && (action == RecordExistsAction.UPDATE_ONLY || action == RecordExistsAction.REPLACE_ONLY)) {
            record.setError(ResultCode.KEY_NOT_FOUND_ERROR, false);
            return;
        }
        boolean replace = action == RecordExistsAction.REPLACE || action == RecordExistsAction.REPLACE_ONLY;
        Map<String, Object> bins = new LinkedHashMap<>(existing == null || replace ? Map.of() : existing.bins());
        for (Operation op : write.ops) {
            if (op.type == Operation.Type.MAP_MODIFY) {
                putIntoMap(bins, op);
            } else {
                bins.put(op.binName, op.value.getObject());
            }
        }
        int expiration = write.policy.expiration == -2 && existing != null ? existing.expiration() : write.policy.expiration;
        store.put(write.key, new Stored(bins, expiration, existing == null ? 1 : existing.generation() + 1));
        record.resultCode = ResultCode.OK;
    }

    /** MapOperation.put, packed by the client as [map op, key, value, ...]: the write fence's map bin. */
    private static void putIntoMap(Map<String, Object> bins, Operation op) {
        byte[] packed = (byte[]) op.value.getObject();
        List<?> args = (List<?>) com.aerospike.client.util.Unpacker.unpackObjectList(packed, 0, packed.length);
        Map<Object, Object> map = new LinkedHashMap<>();
        if (bins.get(op.binName) instanceof Map<?, ?> stored) {
            map.putAll(stored);
        }
        map.put(args.get(1), args.get(2));
        bins.put(op.binName, map);
    }

    @Override
    public Record[] get(Key[] keys, String... binNames) {
        Record[] records = new Record[keys.length];
        for (int i = 0; i < keys.length; i++) {
            Stored stored = store.get(keys[i]);
            if (stored != null) {
                Map<String, Object> bins = new HashMap<>();
                for (String name : binNames) {
                    if (stored.bins().containsKey(name)) {
                        bins.put(name, stored.bins().get(name));
                    }
                }
                records[i] = new Record(bins, stored.generation(), stored.expiration());
            }
        }
        return records;
    }

    /** What {@link #refusal} answers from now on: a setting to fix, or null for a cluster that accepts the task. */
    public void refuse(String problem) {
        refusal = problem;
    }

    /** How many times the cluster was asked whether it refuses the task. */
    public int refusalChecks() {
        return refusalChecks.get();
    }

    @Override
    public String refusal() {
        refusalChecks.incrementAndGet();
        return refusal;
    }

    @Override
    public void close() {
        closed = true;
    }
}
