package io.aerosink.connect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.kafka.common.TopicPartition;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.exp.Expression;
import com.aerospike.client.util.Unpacker;

import io.aerosink.connect.client.BatchClient;
import io.aerosink.connect.errors.ResultCodes;
import io.aerosink.connect.testserver.ServerFilter;

/**
 * A map-backed Aerospike that evaluates the write fence by its meaning: a BatchWrite whose policy has a
 * {@code filterExp} is fenced, and its last operation stores the fence. Offset fence: a MAP_MODIFY put of
 * "topic/partition" -> value into the fence map bin, or (under REPLACE) a plain put of the fence bin with a map of
 * that one entry; applied iff the bin is missing, the map lacks the key, or the stored value is smaller. Field
 * fence: a put of the fence bin with a long; applied iff the bin is missing or the stored value is smaller.
 * Otherwise FILTERED_OUT, nothing changed. The filter's bytes are proven elsewhere (FenceFilterTest, FenceTest,
 * FilterExpressionTest).
 *
 * <p>Besides the faults of the model test, the server can HOLD a call carrying a key of a partition: it answers
 * NO_RESPONSE in doubt without applying anything, keeps the request, and applies it later, when the schedule says
 * so ({@link #land}), with the same fence: a zombie request that lands late.
 */
final class FencedServer implements BatchClient {

    enum Kind {
        /** Every key of the next call answers DEVICE_OVERLOAD, not applied. */
        OVERLOAD,
        /** The next call throws NO_RESPONSE, nothing applied, nothing in doubt: an outage. */
        OUTAGE,
        /** The next call applies, then throws NO_RESPONSE in doubt. */
        APPLIED_IN_DOUBT,
        /** The next call takes {@code amount} ms longer. */
        SLOW,
        /** The next call carrying a key of {@code partition} times out in doubt, unapplied, and is kept to land later. */
        HOLD
    }

    record Fault(Kind kind, TopicPartition partition, int amount) {
        @Override
        public String toString() {
            return switch (kind) {
                case SLOW -> "next call slow " + amount + " ms";
                case HOLD -> "hold the next call of " + partition;
                default -> "next call " + kind;
            };
        }
    }

    /** A stored record: every bin, the fence bin included, and its expiration. */
    record Stored(Map<String, Object> bins, int expiration) {
        Map<String, Object> userBins() {
            Map<String, Object> user = new TreeMap<>(bins);
            user.remove(FencedSettings.FENCE_BIN);
            return user;
        }

        @Override
        public String toString() {
            return bins + " ttl=" + expiration;
        }
    }

    /**
     * One key's write as sent, kept apart from the client's BatchRecord, whose result fields the writer reuses.
     * {@code callFilter} is the call's filter where the write has none of its own: it is evaluated as the test
     * server evaluates its bytes, while a write's own filter is taken by its meaning.
     */
    record Request(Key key, boolean delete, boolean filtered, ServerFilter callFilter, RecordExistsAction action,
                   int expiration, List<Operation> ops) {
        static Request of(BatchRecord record, ServerFilter callFilter) {
            if (record instanceof BatchDelete) {
                return new Request(record.key, true, false, null, null, 0, List.of());
            }
            BatchWrite write = (BatchWrite) record;
            boolean own = write.policy != null && write.policy.filterExp != null;
            return new Request(record.key, false, own || callFilter != null, own ? null : callFilter,
                    write.policy == null ? RecordExistsAction.UPDATE : write.policy.recordExistsAction,
                    write.policy == null ? 0 : write.policy.expiration, List.of(write.ops));
        }

        @Override
        public String toString() {
            if (delete) {
                return StoreKey.of(key) + " delete";
            }
            StringJoiner ops = new StringJoiner(", ", "[", "]");
            for (Operation op : this.ops) {
                ops.add(op.type == Operation.Type.MAP_MODIFY ? op.binName + " map put " + fenceOf(op) : op.binName + "=" + op.value);
            }
            return StoreKey.of(key) + " " + action + (callFilter != null ? " under the call's filter " : filtered
                    ? " fenced " : " UNFENCED ") + ops + " ttl=" + expiration;
        }
    }

    /** The fence a write stores: a map entry (offset) or a plain value (field, key null). */
    record FenceValue(String mapKey, long value) {
        @Override
        public String toString() {
            return mapKey == null ? "=" + value : mapKey + "->" + value + " (offset " + (value >> 24) + ")";
        }
    }

    /** One batch call, from when it started on the model's clock. */
    static final class Call {
        final long seq;
        final Set<TopicPartition> partitions;
        final String writes;
        volatile String outcome = "in flight";

        Call(long seq, Set<TopicPartition> partitions, String writes) {
            this.seq = seq;
            this.partitions = partitions;
            this.writes = writes;
        }

        @Override
        public String toString() {
            return "call [" + writes + "] -> " + outcome;
        }
    }

    /** A held call's request, to land later. */
    record Held(long callSeq, List<Request> requests) {
        @Override
        public String toString() {
            return "held #" + callSeq + " " + requests;
        }
    }

    /** A write that took effect: the stored fence value it carried, its key's record after it, and where from. */
    record Applied(long seq, StoreKey key, boolean delete, FenceValue fence, Stored after, String origin) {
    }

    private final AtomicLong clock;
    private final int latencyMs;
    /** Which partition a write comes from, as the run knows it (by its key, or its {@code v} bin). */
    private final Function<Request, TopicPartition> partitionOf;
    private final Map<StoreKey, Stored> store = new HashMap<>();
    private final Deque<Fault> callFaults = new ArrayDeque<>();
    private final List<TopicPartition> holds = new ArrayList<>();
    private final List<Held> held = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<Applied> applied = new ArrayList<>();
    private final List<String> landings = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    FencedServer(AtomicLong clock, int latencyMs, Function<Request, TopicPartition> partitionOf) {
        this.clock = clock;
        this.latencyMs = latencyMs;
        this.partitionOf = partitionOf;
    }

    synchronized void plan(Fault fault) {
        if (fault.kind() == Kind.HOLD) {
            holds.add(fault.partition());
        } else {
            callFaults.add(fault);
        }
    }

    /** Drops the faults not met yet; held requests stay held until they land. */
    synchronized void stopFaults() {
        callFaults.clear();
        holds.clear();
    }

    synchronized Stored stored(StoreKey key) {
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

    synchronized List<String> violations() {
        return new ArrayList<>(violations);
    }

    synchronized int heldCount() {
        return held.size();
    }

    /** The offset fence's stored value of {@code mapKey} for the key, or the field fence's (mapKey null); -1 if none. */
    synchronized long fence(StoreKey key, String mapKey) {
        Stored stored = store.get(key);
        Object fence = stored == null ? null : stored.bins().get(FencedSettings.FENCE_BIN);
        if (mapKey == null) {
            return fence instanceof Long value ? value : -1;
        }
        return fence instanceof Map<?, ?> map && map.get(mapKey) instanceof Long value ? value : -1;
    }

    /** Applies held request {@code index} (modulo how many are held), as a zombie request would land; returns what it did. */
    synchronized String land(int index) {
        if (held.isEmpty()) {
            return "nothing held";
        }
        Held request = held.remove(index % held.size());
        long seq = clock.incrementAndGet();
        StringJoiner results = new StringJoiner(", ");
        for (Request r : request.requests()) {
            results.add(ResultCodes.name(apply(r, seq, "landed #" + request.callSeq())));
        }
        String text = "landed " + request + " -> " + results;
        landings.add("#" + seq + " " + text);
        return text;
    }

    synchronized List<String> landings() {
        return new ArrayList<>(landings);
    }

    @Override
    public void operate(List<BatchRecord> records, Expression batchFilter) {
        ServerFilter callFilter = batchFilter == null ? null : ServerFilter.parse(batchFilter.getBytes());
        List<Request> requests = records.stream().map(record -> Request.of(record, callFilter)).toList();
        Call call;
        Fault fault;
        synchronized (this) {
            Set<TopicPartition> partitions = new LinkedHashSet<>();
            requests.forEach(r -> partitions.add(partitionOf.apply(r)));
            call = new Call(clock.incrementAndGet(), partitions, describe(requests));
            calls.add(call);
            TopicPartition hold = holds.stream().filter(partitions::contains).findFirst().orElse(null);
            if (hold != null) {
                holds.remove(hold);
                fault = new Fault(Kind.HOLD, hold, 0);
            } else {
                fault = callFaults.poll();
            }
        }
        pause(latencyMs + (fault != null && fault.kind() == Kind.SLOW ? fault.amount() : 0));
        synchronized (this) {
            Kind kind = fault == null || fault.kind() == Kind.SLOW ? null : fault.kind();
            if (kind == null) {
                call.outcome = applyAll(records, requests, call.seq);
                return;
            }
            switch (kind) {
                case OVERLOAD -> {
                    records.forEach(r -> r.setError(ResultCode.DEVICE_OVERLOAD, false));
                    call.outcome = "all DEVICE_OVERLOAD";
                }
                case OUTAGE -> {
                    records.forEach(r -> r.setError(ResultCode.NO_RESPONSE, false));
                    call.outcome = "threw NO_RESPONSE, nothing applied";
                    throw new AerospikeException(ResultCode.NO_RESPONSE, "fenced model: no response");
                }
                case APPLIED_IN_DOUBT -> {
                    String results = applyAll(records, requests, call.seq);
                    records.forEach(r -> r.setError(ResultCode.NO_RESPONSE, true));
                    call.outcome = "applied (" + results + "), then threw NO_RESPONSE in doubt";
                    throw inDoubt("fenced model: timeout after apply");
                }
                case HOLD -> {
                    held.add(new Held(call.seq, requests));
                    records.forEach(r -> r.setError(ResultCode.NO_RESPONSE, true));
                    call.outcome = "HELD (not applied, lands later), threw NO_RESPONSE in doubt";
                    throw inDoubt("fenced model: timeout, request held");
                }
                default -> throw new IllegalStateException("not a call fault: " + kind);
            }
        }
    }

    private static AerospikeException inDoubt(String message) {
        AerospikeException error = new AerospikeException(ResultCode.NO_RESPONSE, message);
        error.setInDoubt(true);
        return error;
    }

    @Override
    public synchronized Record[] get(Key[] keys, String... binNames) {
        Record[] records = new Record[keys.length];
        for (int i = 0; i < keys.length; i++) {
            Stored stored = store.get(StoreKey.of(keys[i]));
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

    private String applyAll(List<BatchRecord> records, List<Request> requests, long seq) {
        StringJoiner results = new StringJoiner(", ");
        for (int i = 0; i < records.size(); i++) {
            int code = apply(requests.get(i), seq, "call #" + seq);
            records.get(i).setError(code, false);
            results.add(ResultCodes.name(code));
        }
        return results.toString();
    }

    /** Applies one key's write with the fence and the record-exists action; returns its result code. */
    private int apply(Request r, long seq, String origin) {
        StoreKey key = StoreKey.of(r.key());
        Stored existing = store.get(key);
        if (r.delete()) {
            store.remove(key);
            applied.add(new Applied(seq, key, true, null, null, origin));
            return existing == null ? ResultCode.KEY_NOT_FOUND_ERROR : ResultCode.OK;
        }
        FenceValue fence = r.ops().isEmpty() ? null : fenceOf(r.ops().get(r.ops().size() - 1));
        if (!r.filtered() || fence == null) {
            violations.add(origin + " " + r + ": a write under a fence without " + (r.filtered()
                    ? "its fence as its last operation" : "a filter expression"));
        }
        if (r.filtered() && fence != null && !(r.callFilter() != null
                ? r.callFilter().matches(existing == null ? Map.of() : existing.bins())
                : passes(existing, fence))) {
            return ResultCode.FILTERED_OUT;
        }
        RecordExistsAction action = r.action();
        if (existing != null && action == RecordExistsAction.CREATE_ONLY) {
            return ResultCode.KEY_EXISTS_ERROR;
        }
        if (existing == null && (action == RecordExistsAction.UPDATE_ONLY || action == RecordExistsAction.REPLACE_ONLY)) {
            return ResultCode.KEY_NOT_FOUND_ERROR;
        }
        boolean replace = action == RecordExistsAction.REPLACE || action == RecordExistsAction.REPLACE_ONLY;
        Map<String, Object> bins = new TreeMap<>(existing == null || replace ? Map.of() : existing.bins());
        for (Operation op : r.ops()) {
            if (op.type == Operation.Type.MAP_MODIFY) {
                FenceValue entry = fenceOf(op);
                Map<Object, Object> map = new LinkedHashMap<>();
                if (bins.get(op.binName) instanceof Map<?, ?> stored) {
                    map.putAll(stored);
                }
                map.put(entry.mapKey(), entry.value());
                bins.put(op.binName, map);
            } else if (op.type == Operation.Type.WRITE) {
                bins.put(op.binName, op.value.getObject());
            } else {
                violations.add(origin + " " + r + ": an operation of type " + op.type);
            }
        }
        int expiration = r.expiration() == -2 ? (existing == null ? 0 : existing.expiration()) : r.expiration();
        Stored after = new Stored(bins, expiration);
        store.put(key, after);
        applied.add(new Applied(seq, key, false, fence, after, origin));
        return ResultCode.OK;
    }

    private static boolean passes(Stored existing, FenceValue fence) {
        Object stored = existing == null ? null : existing.bins().get(FencedSettings.FENCE_BIN);
        if (stored == null) {
            return true;
        }
        if (fence.mapKey() == null) {
            return !(stored instanceof Long value) || value < fence.value();
        }
        return !(stored instanceof Map<?, ?> map) || !(map.get(fence.mapKey()) instanceof Long value)
                || value < fence.value();
    }

    /** The fence an operation stores, or null when it is not one. */
    static FenceValue fenceOf(Operation op) {
        if (!FencedSettings.FENCE_BIN.equals(op.binName)) {
            return null;
        }
        if (op.type == Operation.Type.MAP_MODIFY) {
            byte[] packed = (byte[]) op.value.getObject();
            List<?> args = (List<?>) Unpacker.unpackObjectList(packed, 0, packed.length);
            return new FenceValue(String.valueOf(args.get(1)), (Long) args.get(2));
        }
        if (op.type == Operation.Type.WRITE) {
            Object value = op.value.getObject();
            if (value instanceof Long field) {
                return new FenceValue(null, field);
            }
            if (value instanceof Map<?, ?> map && map.size() == 1) {
                Map.Entry<?, ?> entry = map.entrySet().iterator().next();
                return new FenceValue(String.valueOf(entry.getKey()), (Long) entry.getValue());
            }
        }
        return null;
    }

    private static String describe(List<Request> requests) {
        StringJoiner text = new StringJoiner(", ");
        requests.forEach(r -> text.add(r.toString()));
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
