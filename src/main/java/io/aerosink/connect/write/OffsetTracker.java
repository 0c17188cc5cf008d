package io.aerosink.connect.write;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Per partition, the records in consumption order; the committable offset is the one after the last record
 * such that it and every record before it are done. Uses the original coordinates so that SMTs that rename
 * topics or partitions do not misdirect commits. Not thread-safe: {@link BatchWriter} guards it.
 */
final class OffsetTracker {

    private final Map<TopicPartition, ArrayDeque<RecordTicket>> open = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();

    void track(RecordTicket ticket) {
        open.computeIfAbsent(partitionOf(ticket), tp -> new ArrayDeque<>()).addLast(ticket);
    }

    /** Offsets to commit: for every partition with progress, the offset after its last done record. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        open.forEach((tp, tickets) -> {
            RecordTicket last = null;
            while (!tickets.isEmpty() && tickets.peekFirst().done()) {
                last = tickets.pollFirst();
            }
            if (last != null) {
                committable.put(tp, new OffsetAndMetadata(last.offset() + 1));
            }
        });
        return new HashMap<>(committable);
    }

    /** Records not yet done, over all partitions. */
    int openCount() {
        int count = 0;
        for (ArrayDeque<RecordTicket> tickets : open.values()) {
            for (RecordTicket ticket : tickets) {
                count += ticket.done() ? 0 : 1;
            }
        }
        return count;
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            open.remove(tp);
            committable.remove(tp);
        });
    }

    static TopicPartition partitionOf(RecordTicket ticket) {
        return new TopicPartition(ticket.record().originalTopic(), ticket.record().originalKafkaPartition());
    }
}
