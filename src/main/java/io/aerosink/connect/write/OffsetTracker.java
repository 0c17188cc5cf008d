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
 *
 * <p>Done records are dropped as new ones arrive, not only when {@link #committable} is asked: the worker asks
 * once per {@code offset.flush.interval.ms} (a minute by default), and a minute of records must not stay in the
 * heap after they are written.
 */
final class OffsetTracker {

    private final Map<TopicPartition, ArrayDeque<RecordTicket>> open = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
    /** The partition of the last tracked record, to spare a lookup per record: records come in runs of one partition. */
    private TopicPartition lastPartition;
    private ArrayDeque<RecordTicket> lastTickets;

    void track(RecordTicket ticket) {
        String topic = ticket.record().originalTopic();
        Integer partition = ticket.record().originalKafkaPartition();
        if (lastPartition == null || lastPartition.partition() != partition || !lastPartition.topic().equals(topic)) {
            lastPartition = new TopicPartition(topic, partition);
            lastTickets = open.computeIfAbsent(lastPartition, tp -> new ArrayDeque<>());
        }
        advance(lastPartition, lastTickets);
        lastTickets.addLast(ticket);
    }

    /** Offsets to commit: for every partition with progress, the offset after its last done record. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        open.forEach(this::advance);
        return new HashMap<>(committable);
    }

    /** Drops the partition's leading done records, remembering the offset after the last of them. */
    private void advance(TopicPartition tp, ArrayDeque<RecordTicket> tickets) {
        RecordTicket last = null;
        while (!tickets.isEmpty() && tickets.peekFirst().done()) {
            last = tickets.pollFirst();
        }
        if (last != null) {
            committable.put(tp, new OffsetAndMetadata(last.offset() + 1));
        }
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

    /** Records still held, done or not (for tests). */
    int trackedCount() {
        int count = 0;
        for (ArrayDeque<RecordTicket> tickets : open.values()) {
            count += tickets.size();
        }
        return count;
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            open.remove(tp);
            committable.remove(tp);
        });
        lastPartition = null;
        lastTickets = null;
    }

    static TopicPartition partitionOf(RecordTicket ticket) {
        return new TopicPartition(ticket.record().originalTopic(), ticket.record().originalKafkaPartition());
    }
}
