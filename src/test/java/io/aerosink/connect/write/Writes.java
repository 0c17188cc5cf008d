package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;

import io.aerosink.connect.Puts;
import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.mapping.KeyWrite;

/** Builds records, tickets and writes for the write-path tests, tracking tickets as the task thread does. */
final class Writes {

    static final String NS = "test";

    final OffsetTracker tracker = new OffsetTracker();
    /** The writes that failed for good, as {@link #settle} took them. */
    final List<FailedWrite> failures = new ArrayList<>();
    /** Offsets continue across calls, as they do across put() calls. */
    private long nextOffset;

    static Key key(Object userKey) {
        return new Key(NS, "s", com.aerospike.client.Value.get(userKey));
    }

    static SinkRecord record(String topic, int partition, long offset) {
        return new SinkRecord(topic, partition, null, null, Schema.OPTIONAL_STRING_SCHEMA, "v", offset);
    }

    static WritePolicies policies(WriteAction action) {
        return new WritePolicies(action, 0, true, false);
    }

    /** A record consumed now, tracked; sealed by the write helpers below. */
    RecordTicket ticket(String topic, int partition, long offset) {
        RecordTicket ticket = new RecordTicket(record(topic, partition, offset));
        tracker.track(ticket);
        return ticket;
    }

    /** A write of the ticket's record, opened on it as the task's conversion does. */
    static PendingWrite write(RecordTicket ticket, KeyWrite write, WritePolicies policies) {
        ticket.open();
        ticket.seal();
        return new PendingWrite(write, ticket, policies);
    }

    static PendingWrite put(RecordTicket ticket, Object userKey, WriteAction action, int ttl, Bin... bins) {
        return write(ticket, KeyWrite.put(key(userKey), Puts.of(bins), ttl), policies(action));
    }

    static PendingWrite put(RecordTicket ticket, Object userKey, WriteAction action, Bin... bins) {
        return put(ticket, userKey, action, 0, bins);
    }

    static PendingWrite delete(RecordTicket ticket, Object userKey) {
        return write(ticket, KeyWrite.delete(key(userKey)), policies(WriteAction.UPSERT));
    }

    /** As the task thread does on each call: closes what the writer wrote, keeps what failed for good. */
    void settle(BatchWriter writer) {
        Settled settled = writer.takeSettled();
        settled.written().forEach(RecordTicket::close);
        failures.addAll(settled.failed());
    }

    /** One record on partition 0 of topic t per key, each writing bin {@code v} with its offset. */
    List<PendingWrite> upserts(Object... userKeys) {
        List<PendingWrite> writes = new ArrayList<>();
        for (Object userKey : userKeys) {
            RecordTicket ticket = ticket("t", 0, nextOffset++);
            writes.add(put(ticket, userKey, WriteAction.UPSERT, new Bin("v", (long) ticket.offset())));
        }
        return writes;
    }
}
