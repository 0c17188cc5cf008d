package io.aerosink.connect.write;

import java.util.Arrays;

import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;

import io.aerosink.connect.config.WriteAction;

/**
 * The write of one key for one record (or one row of it), from conversion until it is in Aerospike or
 * reported as failed. Mutable state is guarded by the {@link BatchWriter}'s lock.
 */
public final class PendingWrite {

    final Key key;
    final RecordTicket ticket;
    final WritePolicies policies;
    private final int rowIndex;
    private final byte[] rowSource;
    private final int rowOffset;
    private final int rowLength;

    /** A put per bin, built by the converter so that the writer sends them as they are; null for a delete. */
    Operation[] puts;
    WriteAction action;
    int ttl;

    int attempts;
    boolean inDoubt;
    long arrivedNanos;
    long readyAtNanos;
    /** The next write of the same key, applied after this one. */
    PendingWrite next;
    /** Earlier writes of the same key whose effect this one includes; they finish with it. */
    PendingWrite absorbed;
    /** The buffer's queue of this key, set when the write is queued (not when it is folded into another). */
    WriteBuffer.Slot slot;

    private PendingWrite(Key key, RecordTicket ticket, WritePolicies policies, Operation[] puts, WriteAction action,
                         int ttl, int rowIndex, byte[] rowSource, int rowOffset, int rowLength) {
        this.key = key;
        this.ticket = ticket;
        this.policies = policies;
        this.puts = puts;
        this.action = action;
        this.ttl = ttl;
        this.rowIndex = rowIndex;
        this.rowSource = rowSource;
        this.rowOffset = rowOffset;
        this.rowLength = rowLength;
        ticket.opened();
    }

    /** Writes the bins of {@code puts} (write operations, one per bin) with the topic's write action. */
    public static PendingWrite put(Key key, Operation[] puts, int ttl, RecordTicket ticket, WritePolicies policies) {
        return new PendingWrite(key, ticket, policies, puts, policies.defaultAction(), ttl, -1, null, 0, 0);
    }

    /** Writes one row of a multi-row message; the row's bytes are kept by reference for the DLQ. */
    public static PendingWrite putRow(Key key, Operation[] puts, int ttl, RecordTicket ticket, WritePolicies policies,
                                      int rowIndex, byte[] source, int offset, int length) {
        return new PendingWrite(key, ticket, policies, puts, policies.defaultAction(), ttl, rowIndex, source, offset, length);
    }

    public static PendingWrite delete(Key key, RecordTicket ticket, WritePolicies policies) {
        return new PendingWrite(key, ticket, policies, null, null, 0, -1, null, 0, 0);
    }

    public Key key() {
        return key;
    }

    /** The puts of the bins written, or null for a delete. */
    public Operation[] puts() {
        return puts;
    }

    public boolean isDelete() {
        return puts == null;
    }

    /** The write action, or null for a delete. */
    public WriteAction action() {
        return action;
    }

    public int ttl() {
        return ttl;
    }

    public RecordTicket ticket() {
        return ticket;
    }

    public int rowIndex() {
        return rowIndex;
    }

    /** A copy of the row's bytes, or null when this write is for a whole record. */
    public byte[] rowBytes() {
        return rowSource == null ? null : Arrays.copyOfRange(rowSource, rowOffset, rowOffset + rowLength);
    }

    BatchRecord toBatchRecord() {
        if (puts == null) {
            return new BatchDelete(policies.delete(), key);
        }
        return new BatchWrite(policies.write(action, ttl), key, puts);
    }
}
