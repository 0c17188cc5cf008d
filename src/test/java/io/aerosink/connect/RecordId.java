package io.aerosink.connect;

import org.apache.kafka.connect.sink.SinkRecord;

/** Where a record sits in Kafka: what a dead letter names in its original coordinates. */
record RecordId(String topic, int partition, long offset) {

    static RecordId of(SinkRecord deadLetter) {
        return new RecordId(deadLetter.topic(), deadLetter.kafkaPartition(), deadLetter.kafkaOffset());
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
