package io.aerosink.connect.testserver;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A map bin's msgpack split into raw entries, so an update writes the untouched entries back byte for byte (the real
 * server returns a client-written map unchanged). Keys compare as on the server: integers by value, strings by
 * content; keys of other kinds never match a lookup.
 */
final class MapBin {
    /** Particle-type byte the client puts before the UTF-8 of every string inside msgpack. */
    private static final int STRING_PREFIX = 3;

    private record Entry(Object key, byte[] rawKey, byte[] rawValue) {
    }

    private final List<Entry> entries;
    private final boolean keyOrdered;

    private MapBin(List<Entry> entries, boolean keyOrdered) {
        this.entries = entries;
        this.keyOrdered = keyOrdered;
    }

    static MapBin empty() {
        return new MapBin(List.of(), false);
    }

    static MapBin parse(byte[] msgpack) {
        MsgPack in = new MsgPack(msgpack);
        int count = in.readMapHeader();
        List<Entry> entries = new ArrayList<>(count);
        boolean keyOrdered = false;
        for (int i = 0; i < count; i++) {
            if (i == 0 && in.nextIsExt()) {
                // An ordered map starts with an ext key holding its order flags and a nil value (section 8).
                in.readRaw();
                in.readRaw();
                keyOrdered = true;
                continue;
            }
            byte[] rawKey = in.readRaw();
            entries.add(new Entry(keyOf(rawKey), rawKey, in.readRaw()));
        }
        return new MapBin(entries, keyOrdered);
    }

    /** A msgpack key as a Java value: Long, String, or an object equal to nothing else (blobs, lists, ...). */
    static Object keyOf(byte[] rawKey) {
        MsgPack in = new MsgPack(rawKey);
        if (in.nextIsInt()) {
            return in.readLong();
        }
        if (in.nextIsString()) {
            byte[] s = in.readStringBytes();
            if (s.length > 0 && s[0] == STRING_PREFIX) {
                return new String(s, 1, s.length - 1, StandardCharsets.UTF_8);
            }
        }
        return new Object();
    }

    /** True for KEY_ORDERED and KEY_VALUE_ORDERED maps, whose entries the server keeps sorted. */
    boolean keyOrdered() {
        return keyOrdered;
    }

    int size() {
        return entries.size();
    }

    /** The value stored under {@code key}, as raw msgpack, or null when the map has no such key. */
    byte[] get(Object key) {
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                return e.rawValue();
            }
        }
        return null;
    }

    /** A copy with {@code rawValue} under the key: replaced in place if present, else appended, as in an unordered map. */
    MapBin with(byte[] rawKey, byte[] rawValue) {
        Object key = keyOf(rawKey);
        List<Entry> updated = new ArrayList<>(entries);
        Entry entry = new Entry(key, rawKey, rawValue);
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).key().equals(key)) {
                updated.set(i, entry);
                return new MapBin(updated, keyOrdered);
            }
        }
        updated.add(entry);
        return new MapBin(updated, keyOrdered);
    }

    /** The unordered map's msgpack; ordered maps are never rewritten here, so no order marker is needed. */
    byte[] encode() {
        if (keyOrdered) {
            throw new IllegalStateException("ordered maps are not rewritten by this server");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = entries.size();
        if (n < 16) {
            out.write(0x80 | n);
        } else if (n < 0x10000) {
            out.write(0xDE);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(0xDF);
            byte[] count = new byte[4];
            Protocol.putInt(count, 0, n);
            out.writeBytes(count);
        }
        for (Entry e : entries) {
            out.writeBytes(e.rawKey());
            out.writeBytes(e.rawValue());
        }
        return out.toByteArray();
    }
}
