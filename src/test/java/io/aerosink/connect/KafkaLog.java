package io.aerosink.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import io.aerosink.connect.config.WriteAction;

/**
 * The model's Kafka: per partition the records produced so far, the consumer's position (the offset after the
 * last record delivered) and the committed offset, to which the position rewinds when the partition is revoked.
 */
final class KafkaLog {

    private static final class Partition {
        final List<ModelRecord> records = new ArrayList<>();
        long position;
        long committed;
    }

    private final Map<TopicPartition, Partition> partitions = new LinkedHashMap<>();

    KafkaLog(List<TopicPartition> topicPartitions) {
        topicPartitions.forEach(tp -> partitions.put(tp, new Partition()));
    }

    /** Records below the log end were delivered before and come again before any new one. */
    boolean redelivering(TopicPartition tp) {
        return position(tp) < end(tp);
    }

    ModelRecord produce(TopicPartition tp, RecordSpec spec, WriteAction action) {
        Partition p = partitions.get(tp);
        RecordId id = new RecordId(tp.topic(), tp.partition(), p.records.size());
        ModelRecord record = new ModelRecord(id, StoreKey.of(tp, spec.keyIndex()), action, spec);
        p.records.add(record);
        p.position++;
        return record;
    }

    ModelRecord redeliver(TopicPartition tp) {
        Partition p = partitions.get(tp);
        return p.records.get((int) p.position++);
    }

    long position(TopicPartition tp) {
        return partitions.get(tp).position;
    }

    long end(TopicPartition tp) {
        return partitions.get(tp).records.size();
    }

    long committed(TopicPartition tp) {
        return partitions.get(tp).committed;
    }

    void commit(TopicPartition tp, long offset) {
        partitions.get(tp).committed = offset;
    }

    void rewind(TopicPartition tp) {
        Partition p = partitions.get(tp);
        p.position = p.committed;
    }

    List<ModelRecord> records(TopicPartition tp, long from, long to) {
        return partitions.get(tp).records.subList((int) from, (int) to);
    }

    ModelRecord record(RecordId id) {
        return partitions.get(new TopicPartition(id.topic(), id.partition())).records.get((int) id.offset());
    }

    /** Position / end / committed of every partition, for failure messages. */
    String describe() {
        StringBuilder text = new StringBuilder();
        partitions.forEach((tp, p) -> text.append(' ').append(tp).append(" position ").append(p.position)
                .append(" end ").append(p.records.size()).append(" committed ").append(p.committed).append(';'));
        return text.toString();
    }
}
