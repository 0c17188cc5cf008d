package io.aerosink.connect.testserver;

import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of one stored record. Bins keep the order in which they were first written, as the real
 * server returns them. Scalars come back as Long, Double, String, byte[] or Boolean; lists and maps as the raw
 * msgpack bytes the client sent ({@link #list} and {@link #map} decode them).
 */
public final class StoredRecord {
    private final String namespace;
    private final String setName;
    private final byte[] digest;
    private final Particle userKey;
    private final int generation;
    private final int voidTime;
    private final Map<String, Particle> bins;
    private final ServerClock clock;

    StoredRecord(String namespace, String setName, byte[] digest, Particle userKey, int generation, int voidTime,
                 LinkedHashMap<String, Particle> bins, ServerClock clock) {
        this.namespace = namespace;
        this.setName = setName;
        this.digest = digest.clone();
        this.userKey = userKey;
        this.generation = generation;
        this.voidTime = voidTime;
        this.bins = Collections.unmodifiableMap(bins);
        this.clock = clock;
    }

    public String namespace() {
        return namespace;
    }

    /** The set name, or null when the record was written without one. */
    public String setName() {
        return setName;
    }

    public byte[] digest() {
        return digest.clone();
    }

    /** The user key stored with the record (Long, String or byte[]), or null when the client did not send it. */
    public Object userKey() {
        return userKey == null ? null : userKey.toUserKey();
    }

    public int generation() {
        return generation;
    }

    /** Expiry in seconds since 2010-01-01 UTC, as on the wire; 0 means the record never expires. */
    public int voidTime() {
        return voidTime;
    }

    /** Seconds left to live by the server clock, or -1 when the record never expires. */
    public long ttlSeconds() {
        return voidTime == 0 ? -1 : Math.max(0, voidTime - clock.now());
    }

    /** All bins in stored order; lists and maps as raw msgpack bytes. */
    public Map<String, Object> bins() {
        Map<String, Object> out = new LinkedHashMap<>();
        bins.forEach((name, p) -> out.put(name, p.toJava()));
        return out;
    }

    /** One bin's value (lists and maps as raw msgpack), or null when absent. */
    public Object bin(String name) {
        Particle p = bins.get(name);
        return p == null ? null : p.toJava();
    }

    /** The bin's wire particle type (1 integer, 2 double, 3 string, 4 blob, 17 bool, 19 map, 20 list), -1 if absent. */
    public int particleType(String name) {
        Particle p = bins.get(name);
        return p == null ? -1 : p.type();
    }

    /** The exact bytes the client wrote for the bin, or null when absent. */
    public byte[] rawBin(String name) {
        Particle p = bins.get(name);
        return p == null ? null : p.bytes().clone();
    }

    /** A list bin decoded into Java values. */
    public List<?> list(String name) {
        return (List<?>) decoded(name);
    }

    /** A map bin decoded into Java values. */
    public Map<?, ?> map(String name) {
        return (Map<?, ?>) decoded(name);
    }

    private Object decoded(String name) {
        Particle p = bins.get(name);
        return p == null ? null : p.decode();
    }

    Map<String, Particle> particles() {
        return bins;
    }

    Particle storedKey() {
        return userKey;
    }

    boolean isExpiredAt(int now) {
        return voidTime != 0 && now >= voidTime;
    }

    @Override
    public String toString() {
        return "StoredRecord{" + namespace + "/" + setName + "/" + HexFormat.of().formatHex(digest)
                + " key=" + userKey() + " gen=" + generation + " void=" + voidTime + " bins=" + bins() + "}";
    }
}
