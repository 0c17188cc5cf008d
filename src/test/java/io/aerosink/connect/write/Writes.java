package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;

import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.Puts;

/** Builds records, tickets and writes for the write-path tests. */
final class Writes {

    static final String NS = "test";

    private Writes() {
    }

    static Key key(Object userKey) {
        return new Key(NS, "s", com.aerospike.client.Value.get(userKey));
    }

    static SinkRecord record(String topic, int partition, long offset) {
        return new SinkRecord(topic, partition, null, null, Schema.OPTIONAL_STRING_SCHEMA, "v", offset);
    }

    static RecordTicket ticket(String topic, int partition, long offset) {
        return new RecordTicket(record(topic, partition, offset));
    }

    static WritePolicies policies(WriteAction action) {
        return new WritePolicies(action, 0, true, false);
    }

    static PendingWrite put(RecordTicket ticket, Object userKey, WriteAction action, Bin... bins) {
        return PendingWrite.put(key(userKey), Puts.of(bins), 0, ticket, policies(action));
    }

    /** One record on partition 0 per key, each writing bin {@code v} with its offset. */
    static List<PendingWrite> upserts(List<RecordTicket> tickets, Object... userKeys) {
        List<PendingWrite> writes = new ArrayList<>();
        for (Object userKey : userKeys) {
            RecordTicket ticket = ticket("t", 0, tickets.size());
            tickets.add(ticket);
            writes.add(put(ticket, userKey, WriteAction.UPSERT, new Bin("v", (long) ticket.offset())));
            ticket.seal();
        }
        return writes;
    }
}
