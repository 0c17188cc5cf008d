package io.aerosink.connect;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What a new record of the schedule holds: one of its partition's three hot keys, and either a tombstone or bins
 * from {a, b, c} with small values ("TOO_BIG" for a value the server refuses) and an optional {@code _ttl}.
 */
record RecordSpec(int keyIndex, boolean tombstone, SortedMap<String, Object> bins, Integer ttl) {

    static final int KEYS_PER_PARTITION = 3;

    static Arbitrary<RecordSpec> arbitrary() {
        Arbitrary<Object> value = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.longs().between(0, 3)),
                Tuple.of(1, Arbitraries.just(ServerRules.TOO_BIG)));
        Arbitrary<Map<String, Object>> bins = Arbitraries.maps(Arbitraries.of("a", "b", "c"), value)
                .ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(
                Arbitraries.integers().between(0, KEYS_PER_PARTITION - 1),
                Arbitraries.frequency(Tuple.of(5, false), Tuple.of(1, true)),
                bins,
                Arbitraries.of(-2, 100, 200).injectNull(0.4))
                .as((key, tombstone, b, ttl) -> tombstone
                        ? new RecordSpec(key, true, new TreeMap<>(), null)
                        : new RecordSpec(key, false, new TreeMap<>(b), ttl));
    }

    /** The record's TTL as the converter reads it: no {@code _ttl} means ttl.seconds, which is 0 here. */
    int expiration() {
        return ttl == null ? 0 : ttl;
    }

    @Override
    public String toString() {
        return tombstone ? "tombstone" : bins + (ttl == null ? "" : " _ttl=" + ttl);
    }
}
