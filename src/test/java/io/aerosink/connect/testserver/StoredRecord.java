package io.aerosink.connect.testserver;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of one stored record. Bins keep the order in which they were first written, as the real
 * server returns them. Scalars come back as Long, Double, String, byte[] or Boolean; lists and maps as the raw
 * msgpack bytes the client sent ({@link #list} and {@link #map} decode them).
 *
 * <p>The bins are held packed in one byte array (per bin: name length, name, particle type, value length, value)
 * and unpacked when read: a store of millions of records then costs a few objects per record instead of dozens,
 * which matters to benchmarks that run the server in the same heap as the client.
 */
public final class StoredRecord {
    private final String namespace;
    private final String setName;
    private final byte[] digest;
    private final Particle userKey;
    private final int generation;
    private final int voidTime;
    private final byte[] packedBins;
    private final ServerClock clock;

    /** Takes {@code digest} as it is (callers hand over a fresh array) and packs {@code bins}. */
    StoredRecord(String namespace, String setName, byte[] digest, Particle userKey, int generation, int voidTime,
                 Map<String, Particle> bins, ServerClock clock) {
        this.namespace = namespace.intern();
        this.setName = setName == null ? null : setName.intern();
        this.digest = digest;
        this.userKey = userKey;
        this.generation = generation;
        this.voidTime = voidTime;
        this.packedBins = pack(bins);
        this.clock = clock;
    }

    private static byte[] pack(Map<String, Particle> bins) {
        int size = 0;
        byte[][] names = new byte[bins.size()][];
        int i = 0;
        for (Map.Entry<String, Particle> e : bins.entrySet()) {
            names[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
            if (names[i].length > 255) {
                throw new IllegalArgumentException("bin name over 255 bytes: " + e.getKey());
            }
            size += 1 + names[i].length + 1 + 4 + e.getValue().bytes().length;
            i++;
        }
        byte[] packed = new byte[size];
        int p = 0;
        i = 0;
        for (Particle value : bins.values()) {
            byte[] name = names[i++];
            packed[p++] = (byte) name.length;
            System.arraycopy(name, 0, packed, p, name.length);
            p += name.length;
            packed[p++] = (byte) value.type();
            Protocol.putInt(packed, p, value.bytes().length);
            p += 4;
            System.arraycopy(value.bytes(), 0, packed, p, value.bytes().length);
            p += value.bytes().length;
        }
        return packed;
    }

    /** The bins in stored order, unpacked. */
    private Map<String, Particle> unpack() {
        LinkedHashMap<String, Particle> bins = new LinkedHashMap<>();
        int p = 0;
        while (p < packedBins.length) {
            int nameLength = packedBins[p++] & 0xFF;
            String name = new String(packedBins, p, nameLength, StandardCharsets.UTF_8);
            p += nameLength;
            int type = packedBins[p++] & 0xFF;
            int valueLength = Protocol.getInt(packedBins, p);
            p += 4;
            byte[] value = new byte[valueLength];
            System.arraycopy(packedBins, p, value, 0, valueLength);
            p += valueLength;
            bins.put(name, new Particle(type, value));
        }
        return bins;
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
        unpack().forEach((name, p) -> out.put(name, p.toJava()));
        return out;
    }

    /** One bin's value (lists and maps as raw msgpack), or null when absent. */
    public Object bin(String name) {
        Particle p = unpack().get(name);
        return p == null ? null : p.toJava();
    }

    /** The bin's wire particle type (1 integer, 2 double, 3 string, 4 blob, 17 bool, 19 map, 20 list), -1 if absent. */
    public int particleType(String name) {
        Particle p = unpack().get(name);
        return p == null ? -1 : p.type();
    }

    /** The exact bytes the client wrote for the bin, or null when absent. */
    public byte[] rawBin(String name) {
        Particle p = unpack().get(name);
        return p == null ? null : p.bytes();
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
        Particle p = unpack().get(name);
        return p == null ? null : p.decode();
    }

    /** The bins in stored order, unpacked: an unmodifiable copy. */
    Map<String, Particle> particles() {
        return Collections.unmodifiableMap(unpack());
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
