package io.aerosink.connect.write;

import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.mapping.KeyWrite;

/** One record's write of one key, as consumed: what it does, under which topic's policies, for which record. */
public final class PendingWrite {

    final KeyWrite write;
    final RecordTicket ticket;
    final WritePolicies policies;
    /** The topic's write action, or null for a delete. */
    final WriteAction action;

    public PendingWrite(KeyWrite write, RecordTicket ticket, WritePolicies policies) {
        this.write = write;
        this.ticket = ticket;
        this.policies = policies;
        this.action = write.isDelete() ? null : policies.defaultAction();
    }

    PartitionLease lease() {
        return ticket.lease();
    }
}
