package io.aerosink.connect.testserver;

import static io.aerosink.connect.testserver.Protocol.INFO1_GET_ALL;
import static io.aerosink.connect.testserver.Protocol.INFO1_NOBINDATA;
import static io.aerosink.connect.testserver.Protocol.INFO2_CREATE_ONLY;
import static io.aerosink.connect.testserver.Protocol.INFO2_GENERATION;
import static io.aerosink.connect.testserver.Protocol.INFO2_GENERATION_GT;
import static io.aerosink.connect.testserver.Protocol.INFO2_RESPOND_ALL_OPS;
import static io.aerosink.connect.testserver.Protocol.INFO3_CREATE_OR_REPLACE;
import static io.aerosink.connect.testserver.Protocol.INFO3_REPLACE_ONLY;
import static io.aerosink.connect.testserver.Protocol.INFO3_UPDATE_ONLY;
import static io.aerosink.connect.testserver.Protocol.OP_CDT_MODIFY;
import static io.aerosink.connect.testserver.Protocol.OP_READ;
import static io.aerosink.connect.testserver.Protocol.PARTICLE_NULL;
import static io.aerosink.connect.testserver.Protocol.RC_BIN_NAME_TOO_LONG;
import static io.aerosink.connect.testserver.Protocol.RC_FILTERED_OUT;
import static io.aerosink.connect.testserver.Protocol.RC_GENERATION;
import static io.aerosink.connect.testserver.Protocol.RC_KEY_EXISTS;
import static io.aerosink.connect.testserver.Protocol.RC_KEY_NOT_FOUND;
import static io.aerosink.connect.testserver.Protocol.RC_NAMESPACE_NOT_FOUND;
import static io.aerosink.connect.testserver.Protocol.RC_OK;
import static io.aerosink.connect.testserver.Protocol.RC_PARAMETER;
import static io.aerosink.connect.testserver.Protocol.RC_RECORD_TOO_BIG;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * In-memory records keyed by namespace and digest, with the server's write semantics. Records are immutable
 * snapshots swapped under one lock, so tests read them without locking while writes stay atomic per record.
 */
final class RecordStore {

    /** A digest as a map key; shares the stored record's array. */
    private record DigestKey(byte[] digest) {
        @Override
        public boolean equals(Object o) {
            return o instanceof DigestKey other && Arrays.equals(digest, other.digest);
        }

        @Override
        public int hashCode() {
            // A digest is a RIPEMD-160 hash: any four of its bytes are already well spread.
            return digest.length >= 4 ? Protocol.getInt(digest, 0) : Arrays.hashCode(digest);
        }
    }

    private final Map<String, ConcurrentHashMap<DigestKey, StoredRecord>> namespaces = new LinkedHashMap<>();
    private final long maxRecordBytes;
    private final int defaultTtlSeconds;
    private final ServerClock clock;
    private final Object writeLock = new Object();
    private volatile Consumer<StoredRecord> writeListener;

    RecordStore(Collection<String> namespaceNames, long maxRecordBytes, int defaultTtlSeconds, ServerClock clock) {
        namespaceNames.forEach(ns -> namespaces.put(ns, new ConcurrentHashMap<>()));
        this.maxRecordBytes = maxRecordBytes;
        this.defaultTtlSeconds = defaultTtlSeconds;
        this.clock = clock;
    }

    /**
     * Runs {@code work} holding the write lock: a batch's writes then apply without other connections' in between,
     * and take the lock once instead of once per record (four connections on one busy core otherwise keep
     * preempting each other while holding it).
     */
    <T> T locked(Supplier<T> work) {
        synchronized (writeLock) {
            return work.get();
        }
    }

    void onWrite(Consumer<StoredRecord> listener) {
        this.writeListener = listener;
    }

    Collection<String> namespaces() {
        return namespaces.keySet();
    }

    RecordResult execute(RecordCommand c) {
        Map<DigestKey, StoredRecord> table = namespaces.get(c.namespace());
        if (table == null) {
            return RecordResult.error(RC_NAMESPACE_NOT_FOUND);
        }
        // UDFs are not run: failing loudly beats quietly doing something else.
        if (c.unsupported() || c.digest() == null || c.digest().length != 20) {
            return RecordResult.error(RC_PARAMETER);
        }
        DigestKey id = new DigestKey(c.digest());
        if (!c.isWrite()) {
            return read(live(table, id), c);
        }
        synchronized (writeLock) {
            return write(table, id, live(table, id), c);
        }
    }

    private RecordResult read(StoredRecord r, RecordCommand c) {
        if (r == null) {
            return RecordResult.error(RC_KEY_NOT_FOUND);
        }
        int filtered = filter(c, r);
        if (filtered != RC_OK) {
            return RecordResult.error(filtered);
        }
        List<Op> out = new ArrayList<>();
        if ((c.info1() & INFO1_NOBINDATA) == 0) {
            if ((c.info1() & INFO1_GET_ALL) != 0 || c.ops().isEmpty()) {
                r.particles().forEach((name, p) -> out.add(Op.readResult(name, p)));
            } else {
                Map<String, Particle> bins = r.particles();
                for (Op op : c.ops()) {
                    if (op.code() != OP_READ) {
                        return RecordResult.error(RC_PARAMETER);
                    }
                    Particle p = bins.get(op.name());
                    if (p != null) {
                        out.add(Op.readResult(op.name(), p));
                    }
                }
            }
        }
        return new RecordResult(RC_OK, r.generation(), r.voidTime(), out);
    }

    private RecordResult write(Map<DigestKey, StoredRecord> table, DigestKey id, StoredRecord existing, RecordCommand c) {
        boolean replace = (c.info3() & (INFO3_CREATE_OR_REPLACE | INFO3_REPLACE_ONLY)) != 0;
        for (Op op : c.ops()) {
            if (op.nameLength() >= Protocol.MAX_BIN_NAME_BYTES) {
                return RecordResult.error(RC_BIN_NAME_TOO_LONG);
            }
            // The server refuses a CDT modify under REPLACE / REPLACE_ONLY before it looks the record up
            // (write.c: "cdt modify op can't have record-level replace flag").
            if (replace && op.code() == OP_CDT_MODIFY) {
                return RecordResult.error(RC_PARAMETER);
            }
        }
        int storedGen = existing == null ? 0 : existing.generation();
        if ((c.info2() & INFO2_CREATE_ONLY) != 0 && existing != null) {
            return RecordResult.error(RC_KEY_EXISTS, storedGen);
        }
        if ((c.info3() & (INFO3_UPDATE_ONLY | INFO3_REPLACE_ONLY)) != 0 && existing == null) {
            return RecordResult.error(RC_KEY_NOT_FOUND);
        }
        if ((c.info2() & INFO2_GENERATION) != 0 && c.generation() != storedGen
                || (c.info2() & INFO2_GENERATION_GT) != 0 && c.generation() <= storedGen) {
            return RecordResult.error(RC_GENERATION, c.isDelete() ? 0 : storedGen);
        }
        // Existence and generation come first; the filter is only evaluated against a record that exists.
        int filtered = existing == null ? RC_OK : filter(c, existing);
        if (filtered != RC_OK) {
            return RecordResult.error(filtered, c.isDelete() ? 0 : storedGen);
        }
        if (c.isDelete()) {
            if (existing == null) {
                return RecordResult.error(RC_KEY_NOT_FOUND);
            }
            table.remove(id);
            return new RecordResult(RC_OK, 0, 0, List.of());
        }
        if (c.expiration() < -2) {
            return RecordResult.error(RC_PARAMETER);
        }
        LinkedHashMap<String, Particle> bins = new LinkedHashMap<>();
        if (existing != null && !replace) {
            bins.putAll(existing.particles());
        }
        List<Op> replies = new ArrayList<>();
        for (Op op : c.ops()) {
            int rc = BinOps.apply(op, bins, replies);
            if (rc != RC_OK) {
                return RecordResult.error(rc);
            }
        }
        if ((c.info2() & INFO2_RESPOND_ALL_OPS) == 0) {
            replies.removeIf(op -> op.code() != OP_READ || op.particleType() == PARTICLE_NULL);
        }
        if (bins.isEmpty()) {
            // Removing the last bin deletes the record; a new record cannot start out empty.
            if (existing == null) {
                return RecordResult.error(RC_KEY_NOT_FOUND);
            }
            table.remove(id);
            return new RecordResult(RC_OK, 0, 0, replies);
        }
        if (dataSize(bins) > maxRecordBytes) {
            return RecordResult.error(RC_RECORD_TOO_BIG);
        }
        int voidTime = voidTime(c.expiration(), existing);
        StoredRecord updated = new StoredRecord(c.namespace(),
                c.setName() != null ? c.setName() : existing == null ? null : existing.setName(),
                c.digest(), c.userKey() != null ? c.userKey() : existing == null ? null : existing.storedKey(),
                storedGen + 1, voidTime, bins, clock);
        table.put(id, updated);
        Consumer<StoredRecord> listener = writeListener;
        if (listener != null) {
            listener.accept(updated);
        }
        return new RecordResult(RC_OK, updated.generation(), voidTime, replies);
    }

    /**
     * The command's filter expression against an existing record: RC_OK to go on, FILTERED_OUT when it is not true,
     * PARAMETER_ERROR when this server cannot parse it. Like the real server, it is parsed only once a record was
     * found, so a filter sent with a write that creates the record is never looked at.
     */
    private static int filter(RecordCommand c, StoredRecord existing) {
        if (c.filterExp() == null) {
            return RC_OK;
        }
        try {
            return FilterExpression.parse(c.filterExp()).matches(existing.particles()) ? RC_OK : RC_FILTERED_OUT;
        } catch (IllegalArgumentException unsupported) {
            return RC_PARAMETER;
        }
    }

    private int voidTime(int expiration, StoredRecord existing) {
        int now = clock.now();
        int namespaceDefault = defaultTtlSeconds == 0 ? 0 : now + defaultTtlSeconds;
        return switch (expiration) {
            case -1 -> 0;
            case 0 -> namespaceDefault;
            case -2 -> existing != null ? existing.voidTime() : namespaceDefault;
            default -> now + expiration;
        };
    }

    private static long dataSize(Map<String, Particle> bins) {
        long size = 0;
        for (Map.Entry<String, Particle> e : bins.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().bytes().length;
        }
        return size;
    }

    private StoredRecord live(Map<DigestKey, StoredRecord> table, DigestKey id) {
        StoredRecord r = table.get(id);
        return r == null || r.isExpiredAt(clock.now()) ? null : r;
    }

    StoredRecord get(String namespace, byte[] digest) {
        Map<DigestKey, StoredRecord> table = namespaces.get(namespace);
        return table == null ? null : live(table, new DigestKey(digest));
    }

    /** Seeds a record as if written by a plain put without sendKey: replaces its bins, never expires. */
    StoredRecord seed(String namespace, String setName, byte[] digest, Map<String, ?> values) {
        Map<DigestKey, StoredRecord> table = Objects.requireNonNull(namespaces.get(namespace),
                () -> "namespace not served: " + namespace);
        LinkedHashMap<String, Particle> bins = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value != null) {
                bins.put(name, Particle.of(value));
            }
        });
        DigestKey id = new DigestKey(digest);
        synchronized (writeLock) {
            StoredRecord existing = live(table, id);
            if (bins.isEmpty()) {
                table.remove(id);
                return null;
            }
            StoredRecord r = new StoredRecord(namespace, setName, digest, null,
                    existing == null ? 1 : existing.generation() + 1, 0, bins, clock);
            table.put(id, r);
            return r;
        }
    }

    List<StoredRecord> records(String namespace) {
        Map<DigestKey, StoredRecord> table = namespaces.get(namespace);
        if (table == null) {
            return List.of();
        }
        int now = clock.now();
        return table.values().stream().filter(r -> !r.isExpiredAt(now)).toList();
    }

    /** Drops the records of a set (all sets when {@code setName} is null), as the truncate info command does. */
    void truncate(String namespace, String setName) {
        Map<DigestKey, StoredRecord> table = namespaces.get(namespace);
        if (table != null) {
            synchronized (writeLock) {
                table.values().removeIf(r -> setName == null || setName.equals(r.setName()));
            }
        }
    }

    void clear() {
        synchronized (writeLock) {
            namespaces.values().forEach(Map::clear);
        }
    }
}
