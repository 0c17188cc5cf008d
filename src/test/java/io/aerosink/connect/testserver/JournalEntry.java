package io.aerosink.connect.testserver;

import java.time.Instant;
import java.util.List;

/**
 * One decoded request, as the server saw it.
 *
 * @param kind         what the request was; a one-record batch sent as a single-record message shows as
 *                     WRITE/DELETE/READ with RESPOND_ALL_OPS (0x80) set in {@code info2} for writes
 * @param receivedAt   when the request's bytes were complete
 * @param namespace    the namespace (of the first entry for a batch), null for info requests
 * @param entryCount   1 for single-record requests, the number of entries for a batch, commands for info
 * @param info1        header info1 flags (for a batch: the batch header's, e.g. 0x08)
 * @param info2        header info2 flags
 * @param info3        header info3 flags
 * @param keyPresent   whether a KEY field (sendKey) came with the record, or with any entry of a batch
 * @param fields       the message's field names in wire order, e.g. [NAMESPACE, SET, DIGEST, KEY] or [BATCH_INDEX]
 * @param ops          single-record requests: one "OP:bin" per op, e.g. "WRITE:a"
 * @param batchEntries batches: one line per entry, "index: KIND attrs=r/w/i [key] [ops=[...]]" or "index: REPEAT"
 * @param infoCommands info requests: the command lines, parameters included
 */
public record JournalEntry(Kind kind, Instant receivedAt, String namespace, int entryCount,
                           int info1, int info2, int info3, boolean keyPresent,
                           List<String> fields, List<String> ops, List<String> batchEntries, List<String> infoCommands) {

    public enum Kind { INFO, READ, WRITE, DELETE, BATCH }
}
