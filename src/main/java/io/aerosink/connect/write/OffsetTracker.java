package io.aerosink.connect.write;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Per partition, the records in consumption order; the committable offset is the one after the last record
 * such that it and every record before it are done. Uses the original coordinates so that SMTs that rename
 * topics or partitions do not misdirect commits. Task thread only.
 *
 * <p>Done records are dropped as new ones arrive, not only when {@link #committable} is asked: the worker asks
 * once per {@code offset.flush.interval.ms} (a minute by default), and a minute of records must not stay in the
 * heap after they are written.
 */
public final class OffsetTracker {

    private static final class Partition {
        final PartitionLease lease;
        final ArrayDeque<RecordTicket> tickets = new ArrayDeque<>();
        OffsetAndMetadata committable;

        Partition(TopicPartition tp) {
            this.lease = new PartitionLease(tp);
        }
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();
    /** The partition of the last tracked record, to spare a lookup per record: records come in runs of one partition. */
    private Partition last;

    /** Tracks a record consumed now; its partition's current lease is set on it. */
    public void track(RecordTicket ticket) {
        String topic = ticket.record().originalTopic();
        int partition = ticket.record().originalKafkaPartition();
        if (last == null || last.lease.partition.partition() != partition
                || !last.lease.partition.topic().equals(topic)) {
            last = partitions.computeIfAbsent(new TopicPartition(topic, partition), Partition::new);
        }
        advance(last);
        ticket.lease(last.lease);
        last.tickets.addLast(ticket);
    }

    /**
     * Offsets to commit. A partition with a record not yet done commits up to it; one with none open commits
     * what the worker consumed ({@code consumed}, from {@code preCommit}), so records an SMT dropped, or a
     * partition whose records are all done, do not hold its offset back.
     */
    public Map<TopicPartition, OffsetAndMetadata> committable(Map<TopicPartition, OffsetAndMetadata> consumed) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((tp, p) -> {
            advance(p);
            if (p.committable != null) {
                offsets.put(tp, p.committable);
            }
        });
        consumed.forEach((tp, offset) -> {
            Partition p = partitions.get(tp);
            if (p == null || p.tickets.isEmpty()) {
                offsets.put(tp, offset);
            }
        });
        return offsets;
    }

    /** Drops the partition's leading done records, remembering the offset after the last of them. */
    private static void advance(Partition p) {
        RecordTicket done = null;
        while (!p.tickets.isEmpty() && p.tickets.peekFirst().done()) {
            done = p.tickets.pollFirst();
        }
        if (done != null) {
            p.committable = new OffsetAndMetadata(done.offset() + 1);
        }
    }

    /** Records not yet done, over all partitions. */
    public int openCount() {
        int count = 0;
        for (Partition p : partitions.values()) {
            for (RecordTicket ticket : p.tickets) {
                count += ticket.done() ? 0 : 1;
            }
        }
        return count;
    }

    /** Records still held, done or not (for tests). */
    int trackedCount() {
        int count = 0;
        for (Partition p : partitions.values()) {
            count += p.tickets.size();
        }
        return count;
    }

    /** Forgets revoked partitions and returns their leases, for the writer to revoke. */
    public Set<PartitionLease> forget(Collection<TopicPartition> revoked) {
        Set<PartitionLease> leases = new HashSet<>();
        for (TopicPartition tp : revoked) {
            Partition p = partitions.remove(tp);
            if (p != null) {
                leases.add(p.lease);
            }
        }
        last = null;
        return leases;
    }
}
