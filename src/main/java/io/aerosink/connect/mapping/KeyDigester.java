package io.aerosink.connect.mapping;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.aerospike.client.Key;
import com.aerospike.client.Value;

/**
 * Builds the Aerospike {@link Key}s of one namespace and set, computing their digests here: RIPEMD-160 over the
 * set name, the key's particle type and the key's bytes, exactly as {@code Key.computeDigest} does. The client
 * allocates a new hash object (about 1 KB with its buffers) for every key, the largest allocation per record on
 * the task thread; this one reuses its buffers and allocates only the 20-byte digest. The last keys
 * seen are remembered (one per slot of a small table, by the user key's hash), so a hot key (a sensor reporting
 * again and again) costs a lookup instead of a digest; only integer and string keys, whose values cannot change
 * under the table. Where the JVM has {@code jdk.incubator.vector}, the integer and string keys of one block are
 * digested several at a time ({@link LaneRipemd160}): those of a message of many rows by {@link #keys}, and those of a put's single-key
 * messages ahead of their conversion by {@link #prefetch}. Not thread-safe: one per converter, used by its task.
 */
final class KeyDigester {

    /**
     * Lanes of the vector digest in this JVM: 0 unless it runs with {@code --add-modules jdk.incubator.vector}, and
     * then the preferred int vector's (below 4 lanes the scalar digest is as fast).
     */
    static final int VECTOR_LANES = vectorLanes();

    private static final int[] INITIAL = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    /** Enough for the keys of a put of single-row messages (500 by default) to be prefetched with few collisions. */
    private static final int RECENT_SLOTS = 4096;
    /** A message of up to this many bytes pads to one block. */
    private static final int ONE_BLOCK_BYTES = 55;
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Per step of the left and right lines: the message word it adds and its rotation. */
    static final int[] RL = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 7, 4, 13, 1, 10, 6, 15, 3,
            12, 0, 9, 5, 2, 14, 11, 8, 3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12, 1, 9, 11, 10, 0, 8, 12,
            4, 13, 3, 7, 15, 14, 5, 6, 2, 4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13};
    static final int[] RR = {5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12, 6, 11, 3, 7, 0, 13, 5, 10,
            14, 15, 8, 12, 4, 9, 1, 2, 15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13, 8, 6, 4, 1, 3, 11, 15, 0,
            5, 12, 2, 13, 9, 7, 10, 14, 12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11};
    static final int[] SL = {11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8, 7, 6, 8, 13, 11, 9, 7,
            15, 7, 12, 15, 9, 11, 7, 13, 12, 11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5, 11, 12, 14, 15,
            14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12, 9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6};
    static final int[] SR = {8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6, 9, 13, 15, 7, 12, 8, 9,
            11, 7, 7, 12, 7, 6, 15, 13, 11, 9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5, 15, 5, 8, 11, 14,
            14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8, 8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11};

    private final String namespace;
    private final String setName;
    private final byte[] setBytes;
    private final int[] words = new int[16];
    private final int[] h = new int[5];
    private byte[] message = new byte[256];
    private final Key[] recent = new Key[RECENT_SLOTS];
    private final int lanes;
    /** The staged keys' blocks and chaining values, a word of every lane side by side (see {@link LaneRipemd160}). */
    private final int[] laneWords;
    private final int[] laneH;
    /** The staged user keys. */
    private final Value[] stagedKeys;
    /** Lanes staged by {@link #prefetch}, digested when they fill up or before any other key is asked for. */
    private int prefetched;

    KeyDigester(String namespace, String setName) {
        this(namespace, setName, VECTOR_LANES);
    }

    /** {@code lanes} 0 digests every key on its own; otherwise {@link LaneRipemd160#lanes()}. */
    KeyDigester(String namespace, String setName, int lanes) {
        this.namespace = namespace;
        this.setName = setName;
        this.setBytes = setName == null ? new byte[0] : setName.getBytes(StandardCharsets.UTF_8);
        this.lanes = lanes;
        this.laneWords = new int[16 * lanes];
        this.laneH = new int[5 * lanes];
        this.stagedKeys = new Value[lanes];
    }

    private static int vectorLanes() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return 0;
        }
        int lanes = LaneRipemd160.lanes();
        return lanes >= 4 ? lanes : 0;
    }

    Key key(Value userKey) {
        digestPrefetched();
        Key seen = remembered(userKey);
        return seen != null ? seen : remember(digested(userKey));
    }

    /**
     * The keys of {@code userKeys[0..count)} into {@code keys}, as {@link #key} gives them; a null user key (a row
     * that failed) gives null. A vector's worth at a time is prefetched and then taken, so that the keys prefetched
     * are still remembered when they are taken.
     */
    void keys(Value[] userKeys, int count, Key[] keys) {
        int chunk = Math.max(1, lanes);
        for (int start = 0; start < count; start += chunk) {
            int end = Math.min(count, start + chunk);
            for (int i = start; i < end; i++) {
                if (userKeys[i] != null) {
                    prefetch(userKeys[i]);
                }
            }
            for (int i = start; i < end; i++) {
                keys[i] = userKeys[i] == null ? null : key(userKeys[i]);
            }
        }
    }

    /**
     * Digests {@code userKey} ahead of the {@link #key} call that will ask for it, together with other keys
     * prefetched, and remembers it: only integer and string keys of one block, and only where there are lanes.
     */
    void prefetch(Value userKey) {
        if (lanes == 0 || !rememberable(userKey) || messageLength(userKey) > ONE_BLOCK_BYTES
                || remembered(userKey) != null) {
            return;
        }
        stage(userKey, prefetched++);
        if (prefetched == lanes) {
            digestPrefetched();
        }
    }

    private void digestPrefetched() {
        if (prefetched == 1) {
            remember(digested(stagedKeys[0]));
        } else if (prefetched > 1) {
            digestLanes(prefetched);
        }
        prefetched = 0;
    }

    private Key remembered(Value userKey) {
        if (!rememberable(userKey)) {
            return null;
        }
        Key seen = recent[slot(userKey)];
        return seen != null && seen.userKey.equals(userKey) ? seen : null;
    }

    private Key remember(Key key) {
        if (rememberable(key.userKey)) {
            recent[slot(key.userKey)] = key;
        }
        return key;
    }

    private static boolean rememberable(Value userKey) {
        return userKey instanceof Value.LongValue || userKey instanceof Value.StringValue
                || userKey instanceof Value.IntegerValue;
    }

    private static int slot(Value userKey) {
        int hash = userKey.hashCode();
        return (hash ^ hash >>> 16) & (RECENT_SLOTS - 1);
    }

    private int messageLength(Value userKey) {
        return setBytes.length + 1 + userKey.estimateSize();
    }

    /** Writes the unpadded message of {@code userKey} to {@link #message} and returns its length. */
    private int writeMessage(Value userKey) {
        int length = messageLength(userKey);
        if (message.length < length + 72) {
            message = new byte[Integer.highestOneBit(length + 72) << 1];
        }
        System.arraycopy(setBytes, 0, message, 0, setBytes.length);
        message[setBytes.length] = (byte) userKey.getType();
        userKey.write(message, setBytes.length + 1);
        return length;
    }

    private Key digested(Value userKey) {
        int length = writeMessage(userKey);
        int padded = pad(length);
        System.arraycopy(INITIAL, 0, h, 0, 5);
        for (int block = 0; block < padded; block += 64) {
            for (int i = 0; i < 16; i++) {
                words[i] = (int) LE_INT.get(message, block + 4 * i);
            }
            compress();
        }
        byte[] digest = new byte[20];
        for (int i = 0; i < 5; i++) {
            LE_INT.set(digest, 4 * i, h[i]);
        }
        return new Key(namespace, digest, setName, userKey);
    }

    /** Pads the message of {@code length} bytes in {@link #message} in place, and returns its padded length. */
    private int pad(int length) {
        int padded = (length + 8) / 64 * 64 + 64;
        message[length] = (byte) 0x80;
        Arrays.fill(message, length + 1, padded - 8, (byte) 0);
        LE_INT.set(message, padded - 8, length << 3);
        LE_INT.set(message, padded - 4, length >>> 29);
        return padded;
    }

    /** The padded block of {@code userKey} becomes lane {@code lane} of {@link #laneWords}. */
    private void stage(Value userKey, int lane) {
        stagedKeys[lane] = userKey;
        pad(writeMessage(userKey));
        for (int i = 0; i < 16; i++) {
            laneWords[i * lanes + lane] = (int) LE_INT.get(message, 4 * i);
        }
    }

    /**
     * Digests the first {@code count} lanes staged and remembers their keys (the other lanes hold earlier keys'
     * blocks, digested for nothing).
     */
    private void digestLanes(int count) {
        for (int i = 0; i < 5; i++) {
            Arrays.fill(laneH, i * lanes, (i + 1) * lanes, INITIAL[i]);
        }
        LaneRipemd160.compress(laneH, laneWords);
        for (int lane = 0; lane < count; lane++) {
            byte[] digest = new byte[20];
            for (int i = 0; i < 5; i++) {
                LE_INT.set(digest, 4 * i, laneH[i * lanes + lane]);
            }
            remember(new Key(namespace, digest, setName, stagedKeys[lane]));
            stagedKeys[lane] = null;
        }
    }

    /**
     * One block: both lines in the same loops, a round of 16 steps per loop, so that the processor runs the two
     * independent chains side by side. Measured here this took 350 ns a block, against 440 for the 2 x 80 steps
     * unrolled in two methods and 470 for the two unrolled and interleaved (too many live values for the registers).
     */
    private void compress() {
        int[] x = words;
        int al = h[0];
        int bl = h[1];
        int cl = h[2];
        int dl = h[3];
        int el = h[4];
        int ar = al;
        int br = bl;
        int cr = cl;
        int dr = dl;
        int er = el;
        int t;
        for (int j = 0; j < 16; j++) {
            t = Integer.rotateLeft(al + (bl ^ cl ^ dl) + x[RL[j]], SL[j]) + el;
            al = el;
            el = dl;
            dl = Integer.rotateLeft(cl, 10);
            cl = bl;
            bl = t;
            t = Integer.rotateLeft(ar + (br ^ (cr | ~dr)) + x[RR[j]] + 0x50A28BE6, SR[j]) + er;
            ar = er;
            er = dr;
            dr = Integer.rotateLeft(cr, 10);
            cr = br;
            br = t;
        }
        for (int j = 16; j < 32; j++) {
            t = Integer.rotateLeft(al + ((bl & cl) | (~bl & dl)) + x[RL[j]] + 0x5A827999, SL[j]) + el;
            al = el;
            el = dl;
            dl = Integer.rotateLeft(cl, 10);
            cl = bl;
            bl = t;
            t = Integer.rotateLeft(ar + ((br & dr) | (cr & ~dr)) + x[RR[j]] + 0x5C4DD124, SR[j]) + er;
            ar = er;
            er = dr;
            dr = Integer.rotateLeft(cr, 10);
            cr = br;
            br = t;
        }
        for (int j = 32; j < 48; j++) {
            t = Integer.rotateLeft(al + ((bl | ~cl) ^ dl) + x[RL[j]] + 0x6ED9EBA1, SL[j]) + el;
            al = el;
            el = dl;
            dl = Integer.rotateLeft(cl, 10);
            cl = bl;
            bl = t;
            t = Integer.rotateLeft(ar + ((br | ~cr) ^ dr) + x[RR[j]] + 0x6D703EF3, SR[j]) + er;
            ar = er;
            er = dr;
            dr = Integer.rotateLeft(cr, 10);
            cr = br;
            br = t;
        }
        for (int j = 48; j < 64; j++) {
            t = Integer.rotateLeft(al + ((bl & dl) | (cl & ~dl)) + x[RL[j]] + 0x8F1BBCDC, SL[j]) + el;
            al = el;
            el = dl;
            dl = Integer.rotateLeft(cl, 10);
            cl = bl;
            bl = t;
            t = Integer.rotateLeft(ar + ((br & cr) | (~br & dr)) + x[RR[j]] + 0x7A6D76E9, SR[j]) + er;
            ar = er;
            er = dr;
            dr = Integer.rotateLeft(cr, 10);
            cr = br;
            br = t;
        }
        for (int j = 64; j < 80; j++) {
            t = Integer.rotateLeft(al + (bl ^ (cl | ~dl)) + x[RL[j]] + 0xA953FD4E, SL[j]) + el;
            al = el;
            el = dl;
            dl = Integer.rotateLeft(cl, 10);
            cl = bl;
            bl = t;
            t = Integer.rotateLeft(ar + (br ^ cr ^ dr) + x[RR[j]], SR[j]) + er;
            ar = er;
            er = dr;
            dr = Integer.rotateLeft(cr, 10);
            cr = br;
            br = t;
        }
        t = h[1] + cl + dr;
        h[1] = h[2] + dl + er;
        h[2] = h[3] + el + ar;
        h[3] = h[4] + al + br;
        h[4] = h[0] + bl + cr;
        h[0] = t;
    }
}
