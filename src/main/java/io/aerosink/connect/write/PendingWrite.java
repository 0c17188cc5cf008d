package io.aerosink.connect.write;

import com.aerospike.client.Key;
import com.aerospike.client.Operation;

import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.layout.RowDecoder;
import io.aerosink.connect.mapping.KeyWrite;

/** One record's write of one key, as consumed: what it does, under which topic's policies, for which record. */
public final class PendingWrite {

    /** Index, digest, type, attributes, TTL, field and op counts, and the namespace, set and key field headers. */
    static final int ENTRY_OVERHEAD_BYTES = 64;
    /** A bin op's size, op, particle type and name length bytes. */
    private static final int OP_OVERHEAD_BYTES = 8;
    /** The fence's filter expression and its put, with a topic name of up to a hundred bytes. */
    private static final int FENCE_BYTES = 320;

    final KeyWrite write;
    final RecordTicket ticket;
    final WritePolicies policies;
    /** The topic's write action, or null for a delete. */
    final WriteAction action;

    /**
     * What this write adds to a batch request, estimated from the key, the bin names and the values' own sizes as
     * the client encodes them, with the entry's fixed fields and a fence's expression rounded up. Worked out here,
     * on the task thread, so that taking a batch under the writer's lock only adds numbers.
     */
    final long bytes;

    public PendingWrite(KeyWrite write, RecordTicket ticket, WritePolicies policies) {
        this.write = write;
        this.ticket = ticket;
        this.policies = policies;
        this.action = write.isDelete() ? null : policies.defaultAction();
        this.bytes = estimateBytes(write, policies.fence() != null);
    }

    private static long estimateBytes(KeyWrite write, boolean fenced) {
        Key key = write.key();
        long bytes = ENTRY_OVERHEAD_BYTES + key.namespace.length() + (key.setName == null ? 0 : key.setName.length());
        if (key.userKey != null) {
            bytes += key.userKey.estimateSize();
        }
        if (fenced) {
            bytes += FENCE_BYTES;
        }
        if (write.decodesOnSend()) {
            for (int bin = 0; bin < write.binCount(); bin++) {
                bytes += OP_OVERHEAD_BYTES + write.binName(bin).length() + RowDecoder.MAX_VALUE_BYTES;
            }
        } else if (write.puts() != null) {
            for (Operation put : write.puts()) {
                bytes += OP_OVERHEAD_BYTES + put.binName.length() + ValueSize.of(put.value);
            }
        }
        return bytes;
    }

    PartitionLease lease() {
        return ticket.lease();
    }
}
