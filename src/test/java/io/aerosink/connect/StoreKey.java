package io.aerosink.connect;

import org.apache.kafka.common.TopicPartition;

import com.aerospike.client.Key;

/**
 * An Aerospike record as the model names it: its set (the topic, as {@code aerospike.set=${topic}}) and user key.
 * User keys are {@code p<partition>-k<i>}, so every key belongs to one partition: records of a key in two
 * partitions would have no defined order, and the oracle could not know the final state.
 */
record StoreKey(String set, String userKey) {

    static StoreKey of(TopicPartition partition, int index) {
        return new StoreKey(partition.topic(), "p" + partition.partition() + "-k" + index);
    }

    static StoreKey of(Key key) {
        return new StoreKey(key.setName, key.userKey.toString());
    }

    TopicPartition partition() {
        return new TopicPartition(set, Integer.parseInt(userKey.substring(1, userKey.indexOf('-'))));
    }

    @Override
    public String toString() {
        return set + "/" + userKey;
    }
}
