package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.aerospike.client.Key;

/**
 * The write buffer's slots by key. A key's digest is already a uniform hash, so this table probes on its first
 * four bytes with open addressing instead of {@code HashMap}'s hash of all twenty bytes and chain of nodes: the
 * lookup per write was a third of the task thread's time. Not thread-safe: {@link BatchWriter} guards it.
 */
final class SlotTable {

    private WriteBuffer.Slot[] table = new WriteBuffer.Slot[1024];
    private int[] hashes = new int[1024];
    private int size;

    int size() {
        return size;
    }

    /** The key's slot, created empty when the key has none. */
    WriteBuffer.Slot getOrCreate(Key key) {
        int hash = hash(key);
        int mask = table.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            WriteBuffer.Slot slot = table[i];
            if (slot == null) {
                slot = new WriteBuffer.Slot(key, hash);
                table[i] = slot;
                hashes[i] = hash;
                if (++size > table.length / 2) {
                    grow();
                }
                return slot;
            }
            if (hashes[i] == hash && sameKey(slot.key, key)) {
                return slot;
            }
        }
    }

    void remove(WriteBuffer.Slot slot) {
        int hash = slot.hash;
        int mask = table.length - 1;
        for (int i = hash & mask; table[i] != null; i = (i + 1) & mask) {
            if (table[i] == slot) {
                removeAt(i);
                return;
            }
        }
    }

    /** Every slot, in no particular order; a copy, so the caller may remove while it goes through them. */
    List<WriteBuffer.Slot> slots() {
        List<WriteBuffer.Slot> all = new ArrayList<>(size);
        for (WriteBuffer.Slot slot : table) {
            if (slot != null) {
                all.add(slot);
            }
        }
        return all;
    }

    /** Linear-probing deletion: later entries of the run move back so that no lookup stops early at the hole. */
    private void removeAt(int hole) {
        int mask = table.length - 1;
        int i = hole;
        for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
            int home = hashes[j] & mask;
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                table[i] = table[j];
                hashes[i] = hashes[j];
                i = j;
            }
        }
        table[i] = null;
        size--;
    }

    private void grow() {
        WriteBuffer.Slot[] oldTable = table;
        int[] oldHashes = hashes;
        table = new WriteBuffer.Slot[oldTable.length * 2];
        hashes = new int[table.length];
        int mask = table.length - 1;
        for (int k = 0; k < oldTable.length; k++) {
            if (oldTable[k] != null) {
                int i = oldHashes[k] & mask;
                while (table[i] != null) {
                    i = (i + 1) & mask;
                }
                table[i] = oldTable[k];
                hashes[i] = oldHashes[k];
            }
        }
    }

    private static int hash(Key key) {
        byte[] d = key.digest;
        return (d[0] & 0xFF) | (d[1] & 0xFF) << 8 | (d[2] & 0xFF) << 16 | (d[3] & 0xFF) << 24;
    }

    private static boolean sameKey(Key a, Key b) {
        return Arrays.equals(a.digest, b.digest) && a.namespace.equals(b.namespace);
    }
}
