package io.aerosink.connect.mapping;

import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

import com.aerospike.client.Value;

/** The user key held by a Kafka record key: a primitive, or a struct/map holding the key field. */
final class RecordKeys {

    private RecordKeys() {
    }

    static Value userKey(SinkRecord record, String keyField) {
        Object key = record.key();
        if (key instanceof Struct struct) {
            if (struct.schema().field(keyField) == null) {
                throw new MappingException("record key struct has no field '" + keyField + "'");
            }
            return UserKeys.toValue(struct.get(keyField), "record key." + keyField);
        }
        if (key instanceof Map<?, ?> map) {
            return UserKeys.toValue(map.get(keyField), "record key." + keyField);
        }
        if (key == null) {
            throw new MappingException(record.value() == null
                    ? "tombstone without a record key: nothing to delete"
                    : "record key is null (key.source=record)");
        }
        return UserKeys.toValue(key, "record key");
    }
}
