package io.aerosink.connect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.connect.sink.SinkRecord;

import io.aerosink.connect.config.WriteAction;

/** A record of the model's Kafka log, with how often and first when the worker delivered it. */
final class ModelRecord {

    final RecordId id;
    final StoreKey key;
    /** The write action of the record's topic; tombstones delete whatever it is. */
    final WriteAction action;
    final RecordSpec spec;
    int deliveries;
    /** The model's clock just before the first put() that carried this record. */
    long firstDeliverySeq;

    ModelRecord(RecordId id, StoreKey key, WriteAction action, RecordSpec spec) {
        this.id = id;
        this.key = key;
        this.action = action;
        this.spec = spec;
    }

    /**
     * The bins the record writes: its own plus "o", its offset. The scripted server logs each write's "o", which
     * tells the commit check which records of the key a write carried at the latest.
     */
    Map<String, Object> bins() {
        Map<String, Object> bins = new TreeMap<>(spec.bins());
        bins.put("o", id.offset());
        return bins;
    }

    /** Insert, update and replace_only outcomes depend on whether the record exists, so replays may change them. */
    boolean outcomeDependsOnState() {
        return !spec.tombstone()
                && (action == WriteAction.INSERT || action == WriteAction.UPDATE || action == WriteAction.REPLACE_ONLY);
    }

    void delivered(long seq) {
        if (deliveries++ == 0) {
            firstDeliverySeq = seq;
        }
    }

    /** The record as a schemaless JSON value; a tombstone carries its user key as the Kafka record key. */
    SinkRecord toSinkRecord() {
        Map<String, Object> value = null;
        if (!spec.tombstone()) {
            value = new LinkedHashMap<>();
            value.put("_key", key.userKey());
            value.putAll(bins());
            if (spec.ttl() != null) {
                value.put("_ttl", spec.ttl());
            }
        }
        return new SinkRecord(id.topic(), id.partition(), null, key.userKey(), null, value, id.offset());
    }

    @Override
    public String toString() {
        return id + " " + key.userKey() + " " + spec;
    }
}
