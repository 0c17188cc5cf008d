package io.aerosink.connect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

import io.aerosink.connect.config.WriteAction;

/**
 * A record of {@link FencedRun}'s Kafka log. Every non-tombstone record writes bin {@code o}, its offset; under
 * the field fence also {@code v}, its id ("topic-partition@offset"), which names the record a stored value came
 * from, and the fence field {@code _t} (not a bin).
 */
final class FencedRecord {

    /** What a schedule step asks a new record to be; the mode reads the parts it needs. */
    record Spec(int keyIndex, boolean tombstone, SortedMap<String, Object> bins, Integer ttl, int time) {
        @Override
        public String toString() {
            return "k" + keyIndex + " " + (tombstone ? "tombstone" : bins + (ttl == null ? "" : " _ttl=" + ttl))
                    + " t~" + time;
        }
    }

    final RecordId id;
    final StoreKey key;
    final WriteAction action;
    final boolean tombstone;
    /** The bins the record writes, {@code o} (and {@code v}) included; empty for a tombstone. */
    final SortedMap<String, Object> bins;
    final Integer ttl;
    /** The fence field's value under the field fence, else null. */
    final Long time;
    int deliveries;

    FencedRecord(RecordId id, StoreKey key, WriteAction action, boolean tombstone, Map<String, Object> bins,
                 Integer ttl, Long time) {
        this.id = id;
        this.key = key;
        this.action = action;
        this.tombstone = tombstone;
        this.bins = new TreeMap<>(bins);
        this.ttl = ttl;
        this.time = time;
    }

    TopicPartition partition() {
        return new TopicPartition(id.topic(), id.partition());
    }

    /** The record's TTL as the converter reads it: no {@code _ttl} means ttl.seconds, which is 0 here. */
    int expiration() {
        return ttl == null ? 0 : ttl;
    }

    SinkRecord toSinkRecord() {
        Map<String, Object> value = null;
        if (!tombstone) {
            value = new LinkedHashMap<>();
            value.put("_key", key.userKey());
            value.putAll(bins);
            if (ttl != null) {
                value.put("_ttl", ttl);
            }
            if (time != null) {
                value.put(FencedSettings.FENCE_FIELD, time);
            }
        }
        return new SinkRecord(id.topic(), id.partition(), null, key.userKey(), null, value, id.offset());
    }

    @Override
    public String toString() {
        return id + " " + key.userKey() + " " + (tombstone ? "tombstone" : bins + (ttl == null ? "" : " _ttl=" + ttl))
                + (time == null ? "" : " _t=" + time);
    }
}
