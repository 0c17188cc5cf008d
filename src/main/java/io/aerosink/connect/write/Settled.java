package io.aerosink.connect.write;

import java.util.List;

/**
 * What the writer settled since the task last asked: one ticket per record write that is in Aerospike, and the
 * writes that failed for good, to be dead-lettered.
 */
public record Settled(List<RecordTicket> written, List<FailedWrite> failed) {

    static final Settled NONE = new Settled(List.of(), List.of());
}
