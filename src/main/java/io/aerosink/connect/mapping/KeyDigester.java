package io.aerosink.connect.mapping;

import java.nio.charset.StandardCharsets;

import com.aerospike.client.Key;
import com.aerospike.client.Value;

/**
 * Builds the Aerospike {@link Key}s of one namespace and set, computing their digests here: RIPEMD-160 over the
 * set name, the key's particle type and the key's bytes, exactly as {@code Key.computeDigest} does. The client
 * allocates a new hash object (about 1 KB with its buffers) for every key, the largest allocation per record on
 * the task thread; this one reuses its buffers and allocates only the 20-byte digest. The 2 x 80 steps are
 * unrolled so that the JIT keeps the state in registers. The last keys seen are remembered (one per slot of a
 * small table, by the user key's hash), so a hot key (a sensor reporting again and again) costs a lookup instead of
 * a digest; only integer and string keys, whose values cannot change under the table. Not thread-safe: one per
 * converter, used by its task.
 */
final class KeyDigester {

    private static final int[] INITIAL = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    private static final int RECENT_SLOTS = 1024;

    private final String namespace;
    private final String setName;
    private final byte[] setBytes;
    private final int[] words = new int[16];
    private final int[] h = new int[5];
    private final int[] left = new int[5];
    private final int[] right = new int[5];
    private byte[] message = new byte[256];
    private final Key[] recent = new Key[RECENT_SLOTS];

    KeyDigester(String namespace, String setName) {
        this.namespace = namespace;
        this.setName = setName;
        this.setBytes = setName == null ? new byte[0] : setName.getBytes(StandardCharsets.UTF_8);
    }

    Key key(Value userKey) {
        if (!(userKey instanceof Value.LongValue || userKey instanceof Value.StringValue
                || userKey instanceof Value.IntegerValue)) {
            return digested(userKey);
        }
        int h = userKey.hashCode();
        int slot = (h ^ h >>> 16) & (RECENT_SLOTS - 1);
        Key seen = recent[slot];
        if (seen != null && seen.userKey.equals(userKey)) {
            return seen;
        }
        Key key = digested(userKey);
        recent[slot] = key;
        return key;
    }

    private Key digested(Value userKey) {
        int keyStart = setBytes.length + 1;
        int length = keyStart + userKey.estimateSize();
        int padded = (length + 8) / 64 * 64 + 64;
        if (message.length < padded) {
            message = new byte[Integer.highestOneBit(padded) << 1];
        }
        System.arraycopy(setBytes, 0, message, 0, setBytes.length);
        message[setBytes.length] = (byte) userKey.getType();
        userKey.write(message, keyStart);
        return new Key(namespace, digest(length, padded), setName, userKey);
    }

    /** RIPEMD-160 of the first {@code length} bytes of {@link #message}, padded in place to {@code padded}. */
    private byte[] digest(int length, int padded) {
        message[length] = (byte) 0x80;
        for (int i = length + 1; i < padded - 8; i++) {
            message[i] = 0;
        }
        long bits = (long) length << 3;
        for (int i = 0; i < 8; i++) {
            message[padded - 8 + i] = (byte) (bits >>> (8 * i));
        }
        System.arraycopy(INITIAL, 0, h, 0, 5);
        for (int block = 0; block < padded; block += 64) {
            for (int i = 0; i < 16; i++) {
                int p = block + 4 * i;
                words[i] = (message[p] & 0xFF) | (message[p + 1] & 0xFF) << 8 | (message[p + 2] & 0xFF) << 16
                        | (message[p + 3] & 0xFF) << 24;
            }
            leftLine();
            rightLine();
            int t = h[1] + left[2] + right[3];
            h[1] = h[2] + left[3] + right[4];
            h[2] = h[3] + left[4] + right[0];
            h[3] = h[4] + left[0] + right[1];
            h[4] = h[0] + left[1] + right[2];
            h[0] = t;
        }
        byte[] digest = new byte[20];
        for (int i = 0; i < 5; i++) {
            digest[4 * i] = (byte) h[i];
            digest[4 * i + 1] = (byte) (h[i] >>> 8);
            digest[4 * i + 2] = (byte) (h[i] >>> 16);
            digest[4 * i + 3] = (byte) (h[i] >>> 24);
        }
        return digest;
    }

    private void leftLine() {
        int[] x = words;
        int x0 = x[0];
        int x1 = x[1];
        int x2 = x[2];
        int x3 = x[3];
        int x4 = x[4];
        int x5 = x[5];
        int x6 = x[6];
        int x7 = x[7];
        int x8 = x[8];
        int x9 = x[9];
        int x10 = x[10];
        int x11 = x[11];
        int x12 = x[12];
        int x13 = x[13];
        int x14 = x[14];
        int x15 = x[15];
        int a = h[0];
        int b = h[1];
        int c = h[2];
        int d = h[3];
        int e = h[4];
        a = Integer.rotateLeft(a + (b ^ c ^ d) + x0, 11) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + (a ^ b ^ c) + x1, 14) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + (e ^ a ^ b) + x2, 15) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + (d ^ e ^ a) + x3, 12) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ d ^ e) + x4, 5) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + (b ^ c ^ d) + x5, 8) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + (a ^ b ^ c) + x6, 7) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + (e ^ a ^ b) + x7, 9) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + (d ^ e ^ a) + x8, 11) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ d ^ e) + x9, 13) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + (b ^ c ^ d) + x10, 14) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + (a ^ b ^ c) + x11, 15) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + (e ^ a ^ b) + x12, 6) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + (d ^ e ^ a) + x13, 7) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ d ^ e) + x14, 9) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + (b ^ c ^ d) + x15, 8) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & b) | (~a & c)) + x7 + 0x5A827999, 7) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e & a) | (~e & b)) + x4 + 0x5A827999, 6) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & e) | (~d & a)) + x13 + 0x5A827999, 8) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c & d) | (~c & e)) + x1 + 0x5A827999, 13) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b & c) | (~b & d)) + x10 + 0x5A827999, 11) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & b) | (~a & c)) + x6 + 0x5A827999, 9) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e & a) | (~e & b)) + x15 + 0x5A827999, 7) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & e) | (~d & a)) + x3 + 0x5A827999, 15) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c & d) | (~c & e)) + x12 + 0x5A827999, 7) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b & c) | (~b & d)) + x0 + 0x5A827999, 12) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & b) | (~a & c)) + x9 + 0x5A827999, 15) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e & a) | (~e & b)) + x5 + 0x5A827999, 9) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & e) | (~d & a)) + x2 + 0x5A827999, 11) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c & d) | (~c & e)) + x14 + 0x5A827999, 7) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b & c) | (~b & d)) + x11 + 0x5A827999, 13) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & b) | (~a & c)) + x8 + 0x5A827999, 12) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e | ~a) ^ b) + x3 + 0x6ED9EBA1, 11) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d | ~e) ^ a) + x10 + 0x6ED9EBA1, 13) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c | ~d) ^ e) + x14 + 0x6ED9EBA1, 6) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b | ~c) ^ d) + x4 + 0x6ED9EBA1, 7) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a | ~b) ^ c) + x9 + 0x6ED9EBA1, 14) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e | ~a) ^ b) + x15 + 0x6ED9EBA1, 9) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d | ~e) ^ a) + x8 + 0x6ED9EBA1, 13) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c | ~d) ^ e) + x1 + 0x6ED9EBA1, 15) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b | ~c) ^ d) + x2 + 0x6ED9EBA1, 14) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a | ~b) ^ c) + x7 + 0x6ED9EBA1, 8) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e | ~a) ^ b) + x0 + 0x6ED9EBA1, 13) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d | ~e) ^ a) + x6 + 0x6ED9EBA1, 6) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c | ~d) ^ e) + x13 + 0x6ED9EBA1, 5) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b | ~c) ^ d) + x11 + 0x6ED9EBA1, 12) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a | ~b) ^ c) + x5 + 0x6ED9EBA1, 7) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e | ~a) ^ b) + x12 + 0x6ED9EBA1, 5) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & a) | (e & ~a)) + x1 + 0x8F1BBCDC, 11) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c & e) | (d & ~e)) + x9 + 0x8F1BBCDC, 12) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b & d) | (c & ~d)) + x11 + 0x8F1BBCDC, 14) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & c) | (b & ~c)) + x10 + 0x8F1BBCDC, 15) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e & b) | (a & ~b)) + x0 + 0x8F1BBCDC, 14) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & a) | (e & ~a)) + x8 + 0x8F1BBCDC, 15) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c & e) | (d & ~e)) + x12 + 0x8F1BBCDC, 9) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b & d) | (c & ~d)) + x4 + 0x8F1BBCDC, 8) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & c) | (b & ~c)) + x13 + 0x8F1BBCDC, 9) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e & b) | (a & ~b)) + x3 + 0x8F1BBCDC, 14) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & a) | (e & ~a)) + x7 + 0x8F1BBCDC, 5) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c & e) | (d & ~e)) + x15 + 0x8F1BBCDC, 6) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b & d) | (c & ~d)) + x14 + 0x8F1BBCDC, 8) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & c) | (b & ~c)) + x5 + 0x8F1BBCDC, 6) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e & b) | (a & ~b)) + x6 + 0x8F1BBCDC, 5) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & a) | (e & ~a)) + x2 + 0x8F1BBCDC, 12) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ (d | ~e)) + x4 + 0xA953FD4E, 9) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + (b ^ (c | ~d)) + x0 + 0xA953FD4E, 15) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + (a ^ (b | ~c)) + x5 + 0xA953FD4E, 5) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + (e ^ (a | ~b)) + x9 + 0xA953FD4E, 11) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + (d ^ (e | ~a)) + x7 + 0xA953FD4E, 6) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ (d | ~e)) + x12 + 0xA953FD4E, 8) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + (b ^ (c | ~d)) + x2 + 0xA953FD4E, 13) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + (a ^ (b | ~c)) + x10 + 0xA953FD4E, 12) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + (e ^ (a | ~b)) + x14 + 0xA953FD4E, 5) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + (d ^ (e | ~a)) + x1 + 0xA953FD4E, 12) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ (d | ~e)) + x3 + 0xA953FD4E, 13) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + (b ^ (c | ~d)) + x8 + 0xA953FD4E, 14) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + (a ^ (b | ~c)) + x11 + 0xA953FD4E, 11) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + (e ^ (a | ~b)) + x6 + 0xA953FD4E, 8) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + (d ^ (e | ~a)) + x15 + 0xA953FD4E, 5) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ (d | ~e)) + x13 + 0xA953FD4E, 6) + a;
        d = Integer.rotateLeft(d, 10);
        left[0] = a;
        left[1] = b;
        left[2] = c;
        left[3] = d;
        left[4] = e;
    }

    private void rightLine() {
        int[] x = words;
        int x0 = x[0];
        int x1 = x[1];
        int x2 = x[2];
        int x3 = x[3];
        int x4 = x[4];
        int x5 = x[5];
        int x6 = x[6];
        int x7 = x[7];
        int x8 = x[8];
        int x9 = x[9];
        int x10 = x[10];
        int x11 = x[11];
        int x12 = x[12];
        int x13 = x[13];
        int x14 = x[14];
        int x15 = x[15];
        int a = h[0];
        int b = h[1];
        int c = h[2];
        int d = h[3];
        int e = h[4];
        a = Integer.rotateLeft(a + (b ^ (c | ~d)) + x5 + 0x50A28BE6, 8) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + (a ^ (b | ~c)) + x14 + 0x50A28BE6, 9) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + (e ^ (a | ~b)) + x7 + 0x50A28BE6, 9) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + (d ^ (e | ~a)) + x0 + 0x50A28BE6, 11) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ (d | ~e)) + x9 + 0x50A28BE6, 13) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + (b ^ (c | ~d)) + x2 + 0x50A28BE6, 15) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + (a ^ (b | ~c)) + x11 + 0x50A28BE6, 15) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + (e ^ (a | ~b)) + x4 + 0x50A28BE6, 5) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + (d ^ (e | ~a)) + x13 + 0x50A28BE6, 7) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ (d | ~e)) + x6 + 0x50A28BE6, 7) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + (b ^ (c | ~d)) + x15 + 0x50A28BE6, 8) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + (a ^ (b | ~c)) + x8 + 0x50A28BE6, 11) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + (e ^ (a | ~b)) + x1 + 0x50A28BE6, 14) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + (d ^ (e | ~a)) + x10 + 0x50A28BE6, 14) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ (d | ~e)) + x3 + 0x50A28BE6, 12) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + (b ^ (c | ~d)) + x12 + 0x50A28BE6, 6) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & c) | (b & ~c)) + x6 + 0x5C4DD124, 9) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e & b) | (a & ~b)) + x11 + 0x5C4DD124, 13) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & a) | (e & ~a)) + x3 + 0x5C4DD124, 15) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c & e) | (d & ~e)) + x7 + 0x5C4DD124, 7) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b & d) | (c & ~d)) + x0 + 0x5C4DD124, 12) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & c) | (b & ~c)) + x13 + 0x5C4DD124, 8) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e & b) | (a & ~b)) + x5 + 0x5C4DD124, 9) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & a) | (e & ~a)) + x10 + 0x5C4DD124, 11) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c & e) | (d & ~e)) + x14 + 0x5C4DD124, 7) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b & d) | (c & ~d)) + x15 + 0x5C4DD124, 7) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & c) | (b & ~c)) + x8 + 0x5C4DD124, 12) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e & b) | (a & ~b)) + x12 + 0x5C4DD124, 7) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & a) | (e & ~a)) + x4 + 0x5C4DD124, 6) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c & e) | (d & ~e)) + x9 + 0x5C4DD124, 15) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b & d) | (c & ~d)) + x1 + 0x5C4DD124, 13) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & c) | (b & ~c)) + x2 + 0x5C4DD124, 11) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e | ~a) ^ b) + x15 + 0x6D703EF3, 9) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d | ~e) ^ a) + x5 + 0x6D703EF3, 7) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c | ~d) ^ e) + x1 + 0x6D703EF3, 15) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b | ~c) ^ d) + x3 + 0x6D703EF3, 11) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a | ~b) ^ c) + x7 + 0x6D703EF3, 8) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e | ~a) ^ b) + x14 + 0x6D703EF3, 6) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d | ~e) ^ a) + x6 + 0x6D703EF3, 6) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c | ~d) ^ e) + x9 + 0x6D703EF3, 14) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b | ~c) ^ d) + x11 + 0x6D703EF3, 12) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a | ~b) ^ c) + x8 + 0x6D703EF3, 13) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e | ~a) ^ b) + x12 + 0x6D703EF3, 5) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d | ~e) ^ a) + x2 + 0x6D703EF3, 14) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c | ~d) ^ e) + x10 + 0x6D703EF3, 13) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b | ~c) ^ d) + x0 + 0x6D703EF3, 13) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a | ~b) ^ c) + x4 + 0x6D703EF3, 7) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e | ~a) ^ b) + x13 + 0x6D703EF3, 5) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & e) | (~d & a)) + x8 + 0x7A6D76E9, 15) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c & d) | (~c & e)) + x6 + 0x7A6D76E9, 5) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b & c) | (~b & d)) + x4 + 0x7A6D76E9, 8) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & b) | (~a & c)) + x1 + 0x7A6D76E9, 11) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e & a) | (~e & b)) + x3 + 0x7A6D76E9, 14) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & e) | (~d & a)) + x11 + 0x7A6D76E9, 14) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c & d) | (~c & e)) + x15 + 0x7A6D76E9, 6) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b & c) | (~b & d)) + x0 + 0x7A6D76E9, 14) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & b) | (~a & c)) + x5 + 0x7A6D76E9, 6) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e & a) | (~e & b)) + x12 + 0x7A6D76E9, 9) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & e) | (~d & a)) + x2 + 0x7A6D76E9, 12) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + ((c & d) | (~c & e)) + x13 + 0x7A6D76E9, 9) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + ((b & c) | (~b & d)) + x9 + 0x7A6D76E9, 12) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + ((a & b) | (~a & c)) + x7 + 0x7A6D76E9, 5) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + ((e & a) | (~e & b)) + x10 + 0x7A6D76E9, 15) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + ((d & e) | (~d & a)) + x14 + 0x7A6D76E9, 8) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ d ^ e) + x12, 8) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + (b ^ c ^ d) + x15, 5) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + (a ^ b ^ c) + x10, 12) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + (e ^ a ^ b) + x4, 9) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + (d ^ e ^ a) + x1, 12) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ d ^ e) + x5, 5) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + (b ^ c ^ d) + x8, 14) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + (a ^ b ^ c) + x7, 6) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + (e ^ a ^ b) + x6, 8) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + (d ^ e ^ a) + x2, 13) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ d ^ e) + x13, 6) + a;
        d = Integer.rotateLeft(d, 10);
        a = Integer.rotateLeft(a + (b ^ c ^ d) + x14, 5) + e;
        c = Integer.rotateLeft(c, 10);
        e = Integer.rotateLeft(e + (a ^ b ^ c) + x0, 15) + d;
        b = Integer.rotateLeft(b, 10);
        d = Integer.rotateLeft(d + (e ^ a ^ b) + x3, 13) + c;
        a = Integer.rotateLeft(a, 10);
        c = Integer.rotateLeft(c + (d ^ e ^ a) + x9, 11) + b;
        e = Integer.rotateLeft(e, 10);
        b = Integer.rotateLeft(b + (c ^ d ^ e) + x11, 11) + a;
        d = Integer.rotateLeft(d, 10);
        right[0] = a;
        right[1] = b;
        right[2] = c;
        right[3] = d;
        right[4] = e;
    }
}
