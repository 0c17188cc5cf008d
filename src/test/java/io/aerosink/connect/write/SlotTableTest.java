package io.aerosink.connect.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.aerospike.client.Key;
import com.aerospike.client.Value;

class SlotTableTest {

    /** Keys whose digests share their first four bytes in groups, so that they probe past each other. */
    private static List<Key> keys(int count, Random random) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] digest = new byte[20];
            random.nextBytes(digest);
            if (i % 4 != 0) {
                System.arraycopy(keys.get(i - i % 4).digest, 0, digest, 0, 4);
            }
            keys.add(new Key("test", digest, "sensors", Value.get(i)));
        }
        return keys;
    }

    @Test
    void behavesAsAMapUnderRandomCreatesAndRemoves() {
        Random random = new Random(42);
        List<Key> keys = keys(3_000, random);
        SlotTable table = new SlotTable();
        Map<Key, WriteBuffer.Slot> model = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            Key key = keys.get(random.nextInt(keys.size()));
            if (random.nextInt(3) == 0 && model.containsKey(key)) {
                table.remove(model.remove(key));
            } else {
                WriteBuffer.Slot slot = table.getOrCreate(key);
                WriteBuffer.Slot expected = model.computeIfAbsent(key, k -> slot);
                assertSame(expected, slot, "slot of " + key);
            }
            assertEquals(model.size(), table.size());
        }
        assertEquals(new HashSet<>(model.values()), new HashSet<>(table.slots()));
        for (Map.Entry<Key, WriteBuffer.Slot> entry : model.entrySet()) {
            assertSame(entry.getValue(), table.getOrCreate(entry.getKey()));
        }
    }

    @Test
    void sameDigestInAnotherNamespaceIsAnotherKey() {
        byte[] digest = new Key("test", "sensors", 7L).digest;
        SlotTable table = new SlotTable();
        WriteBuffer.Slot test = table.getOrCreate(new Key("test", digest, "sensors", Value.get(7L)));
        WriteBuffer.Slot other = table.getOrCreate(new Key("other", digest, "sensors", Value.get(7L)));
        assertNotSame(test, other);
        assertSame(test, table.getOrCreate(new Key("test", "sensors", 7L)));
        table.remove(test);
        assertSame(other, table.getOrCreate(new Key("other", digest, "sensors", Value.get(7L))));
        assertEquals(1, table.size());
    }
}
