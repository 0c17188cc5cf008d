package io.aerosink.connect.testserver;

import java.util.List;

/** Outcome of one record command: what goes into a reply header and its ops. */
record RecordResult(int resultCode, int generation, int voidTime, List<Op> ops) {

    static RecordResult error(int resultCode) {
        return new RecordResult(resultCode, 0, 0, List.of());
    }

    /** Some errors report the stored generation (CREATE_ONLY on an existing key, generation mismatch). */
    static RecordResult error(int resultCode, int generation) {
        return new RecordResult(resultCode, generation, 0, List.of());
    }
}
