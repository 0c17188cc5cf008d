package io.aerosink.connect.config;

import java.util.Collection;
import java.util.List;

/**
 * Keys that look like this connector's but are none of its keys, and the real key each was probably meant to be.
 * A key looks like ours when it starts with a prefix the connector owns, except Connect's own converter settings
 * ({@code key.converter*}, {@code value.converter*}); Connect's other keys ({@code topics}, {@code errors.*},
 * {@code transforms*}, {@code consumer.override.*}, ...) and other plugins' prefixes never do.
 * {@code topic.<topic>.<key>} overrides are {@link TopicOverrides}' to judge.
 */
final class KeySpelling {

    static final List<String> OWNED_PREFIXES = List.of("aerospike.", "batch.", "write.", "value.", "key.", "ttl.",
            "layout.", "max.", "retry.", "linger.", "send.", "delete.", "durable.");

    private static final List<String> CONNECT_PREFIXES = List.of("key.converter", "value.converter");

    /** A candidate and how many edits away it is. */
    record Suggestion(String key, int distance) {
    }

    private KeySpelling() {
    }

    /** Whether {@code key}, which no ConfigDef of ours defines, would be one of ours spelt wrong. */
    static boolean looksOurs(String key) {
        return OWNED_PREFIXES.stream().anyMatch(key::startsWith) && CONNECT_PREFIXES.stream().noneMatch(key::startsWith);
    }

    /**
     * The candidate closest to {@code key} by edit distance, ties to the first in alphabetical order. The distance
     * is the optimal string alignment distance: inserting, deleting or replacing a character, or swapping two
     * neighbouring ones ({@code szie} for {@code size}), each count one.
     */
    static Suggestion closest(String key, Collection<String> candidates) {
        Suggestion best = null;
        for (String candidate : candidates.stream().sorted().toList()) {
            int distance = distance(key, candidate);
            if (best == null || distance < best.distance()) {
                best = new Suggestion(candidate, distance);
            }
        }
        return best;
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
