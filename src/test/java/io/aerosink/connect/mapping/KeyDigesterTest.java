package io.aerosink.connect.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import com.aerospike.client.Key;
import com.aerospike.client.Value;

/** The digest decides where a record lives: it must equal the client's for every key the connector builds. */
class KeyDigesterTest {

    private static void assertSameAsClient(String setName, Value userKey) {
        Key ours = new KeyDigester("ns", setName).key(userKey);
        Key client = new Key("ns", setName, userKey);
        assertArrayEquals(client.digest, ours.digest, () -> "set '" + setName + "' key " + userKey);
        assertEquals(client, ours);
        assertEquals(setName, ours.setName);
        assertEquals(userKey, ours.userKey);
    }

    @Test
    void integerStringAndBlobKeysDigestAsTheClientDoes() {
        assertSameAsClient("sensors", Value.get(0L));
        assertSameAsClient("sensors", Value.get(-1L));
        assertSameAsClient("sensors", Value.get(Long.MAX_VALUE));
        assertSameAsClient("sensors", Value.get(42));
        assertSameAsClient("sensors", Value.get("device-42"));
        assertSameAsClient("sensors", Value.get("température ✓"));
        assertSameAsClient("sensors", Value.get(new byte[] {0, 1, 2, (byte) 0xFF}));
        assertSameAsClient("sensors", Value.get(""));
    }

    @Test
    void noSetAndEmptySetDigestAsTheClientDoes() {
        assertSameAsClient(null, Value.get(7L));
        assertSameAsClient("", Value.get("k"));
    }

    /** Every message length across the one-, two- and three-block padding edges, and a long key. */
    @Test
    void everyPaddingBoundaryAndLongKeysDigestAsTheClientDoes() {
        for (int length = 0; length <= 300; length++) {
            assertSameAsClient("set", Value.get("k".repeat(length)));
            byte[] blob = new byte[length];
            new Random(length).nextBytes(blob);
            assertSameAsClient("a-longer-set-name", Value.get(blob));
        }
        assertSameAsClient("s", Value.get(new byte[5_000]));
    }

    @Test
    void oneDigesterGivesEachKeyItsOwnDigest() {
        KeyDigester digester = new KeyDigester("ns", "sensors");
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            Value key = switch (i % 3) {
                case 0 -> Value.get(random.nextLong());
                case 1 -> Value.get(Long.toString(random.nextLong(), 36).repeat(1 + random.nextInt(20)));
                default -> {
                    byte[] bytes = new byte[random.nextInt(200)];
                    random.nextBytes(bytes);
                    yield Value.get(bytes);
                }
            };
            assertArrayEquals(new Key("ns", "sensors", key).digest, digester.key(key).digest, key::toString);
        }
    }

    /** Hot keys come back as the remembered Key; keys sharing a slot of the table still get their own digest. */
    @Test
    void keysSeenAgainAreRememberedAndNeverConfused() {
        KeyDigester digester = new KeyDigester("ns", "sensors");
        Key first = digester.key(Value.get(40L));
        assertSame(first, digester.key(Value.get(40L)));
        Random random = new Random(2);
        for (int i = 0; i < 20_000; i++) {
            int id = random.nextInt(3_000);
            Value key = i % 2 == 0 ? Value.get((long) id) : Value.get("device-" + id);
            assertArrayEquals(new Key("ns", "sensors", key).digest, digester.key(key).digest, key::toString);
        }
        byte[] blob = {1, 2, 3};
        Key blobKey = digester.key(Value.get(blob));
        blob[0] = 9;
        assertArrayEquals(new Key("ns", "sensors", Value.get(new byte[] {9, 2, 3})).digest,
                digester.key(Value.get(blob)).digest, "a blob key is digested anew, never looked up");
        assertArrayEquals(new Key("ns", "sensors", Value.get(new byte[] {1, 2, 3})).digest, blobKey.digest);
    }

    /**
     * A message's keys digested together: every lane count the vector digest may have, messages of every length
     * around it, with failed rows (null), repeats, keys too long for one block and blobs among them.
     */
    @Test
    void keysOfAMessageDigestAsTheClientDoesWithAndWithoutVectors() {
        assumeTrue(KeyDigester.VECTOR_LANES > 0, "the JVM runs without --add-modules jdk.incubator.vector");
        Random random = new Random(3);
        for (int lanes : new int[] {0, KeyDigester.VECTOR_LANES}) {
            KeyDigester digester = new KeyDigester("ns", "sensors", lanes);
            for (int count = 0; count <= 3 * KeyDigester.VECTOR_LANES + 1; count++) {
                Value[] userKeys = new Value[count];
                for (int i = 0; i < count; i++) {
                    userKeys[i] = switch (random.nextInt(6)) {
                        case 0 -> null;
                        case 1 -> i > 0 ? userKeys[random.nextInt(i)] : Value.get(1L);
                        case 2 -> Value.get("k".repeat(random.nextInt(80)));
                        case 3 -> Value.get(new byte[random.nextInt(60)]);
                        default -> Value.get(random.nextLong());
                    };
                }
                Key[] keys = new Key[count];
                digester.keys(userKeys, count, keys);
                for (int i = 0; i < count; i++) {
                    if (userKeys[i] == null) {
                        assertNull(keys[i]);
                    } else {
                        Value userKey = userKeys[i];
                        assertArrayEquals(new Key("ns", "sensors", userKey).digest, keys[i].digest,
                                () -> lanes + " lanes, key " + userKey);
                        assertEquals(userKey, keys[i].userKey);
                        assertEquals("sensors", keys[i].setName);
                    }
                }
            }
        }
    }

    /** Keys digested a vector at a time are remembered like any other, for the hot key's next row. */
    @Test
    void keysDigestedTogetherAreRemembered() {
        assumeTrue(KeyDigester.VECTOR_LANES > 0, "the JVM runs without --add-modules jdk.incubator.vector");
        KeyDigester digester = new KeyDigester("ns", "sensors");
        Value[] userKeys = new Value[KeyDigester.VECTOR_LANES];
        for (int i = 0; i < userKeys.length; i++) {
            userKeys[i] = Value.get(1_000L + i);
        }
        Key[] keys = new Key[userKeys.length];
        digester.keys(userKeys, userKeys.length, keys);
        for (int i = 0; i < userKeys.length; i++) {
            assertSame(keys[i], digester.key(Value.get(1_000L + i)));
        }
    }

    /** With the module, as the build runs its tests, the digester uses every lane the JVM's vectors have. */
    @Test
    void vectorDigestsAreOnWhereTheJvmHasTheModule() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assumeTrue(LaneRipemd160.lanes() >= 4, "this machine's vectors have fewer than 4 int lanes");
        assertEquals(LaneRipemd160.lanes(), KeyDigester.VECTOR_LANES);
    }

    /**
     * Keys prefetched for a put come back from key() as the remembered Key, with the client's digest, whether their
     * lanes filled up or not; keys() and key() of other keys in between get theirs right too.
     */
    @Test
    void prefetchedKeysAreRememberedWithTheClientsDigests() {
        assumeTrue(KeyDigester.VECTOR_LANES > 0, "the JVM runs without --add-modules jdk.incubator.vector");
        KeyDigester digester = new KeyDigester("ns", "sensors");
        int count = 2 * KeyDigester.VECTOR_LANES + 3;
        Value[] prefetched = new Value[count];
        for (int i = 0; i < count; i++) {
            prefetched[i] = i % 2 == 0 ? Value.get(5_000L + i) : Value.get("device-" + i);
            digester.prefetch(prefetched[i]);
        }
        digester.prefetch(Value.get(new byte[] {1, 2}));
        Key other = digester.key(Value.get(99L));
        assertArrayEquals(new Key("ns", "sensors", Value.get(99L)).digest, other.digest);
        Key[] remembered = new Key[count];
        for (int i = 0; i < count; i++) {
            remembered[i] = digester.key(prefetched[i]);
            assertArrayEquals(new Key("ns", "sensors", prefetched[i]).digest, remembered[i].digest,
                    prefetched[i]::toString);
        }
        Value[] again = prefetched.clone();
        Key[] keys = new Key[count];
        digester.keys(again, count, keys);
        for (int i = 0; i < count; i++) {
            assertSame(remembered[i], keys[i], "key " + i + " digested once");
        }
    }

    /** Without lanes a prefetch digests nothing ahead: key() digests as ever. */
    @Test
    void withoutLanesPrefetchLeavesTheDigestToKey() {
        KeyDigester digester = new KeyDigester("ns", "sensors", 0);
        digester.prefetch(Value.get(7L));
        assertArrayEquals(new Key("ns", "sensors", 7L).digest, digester.key(Value.get(7L)).digest);
    }
}
