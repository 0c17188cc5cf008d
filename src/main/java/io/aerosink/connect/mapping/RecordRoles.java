package io.aerosink.connect.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;

import org.apache.kafka.connect.sink.SinkRecord;

import com.aerospike.client.Value;

import io.aerosink.connect.config.KeySource;
import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.WriteFence;

/**
 * The value fields that are more than bins (the key, the TTL, the fence) and what their values mean, the same for
 * every converter that reads named fields.
 */
final class RecordRoles {

    final String keyField;
    private final KeySource keySource;
    /** The TTL field, or null. */
    final String ttlField;
    /** The fence field for write.fence=field, or null. */
    final String fenceField;
    private final int ttlSeconds;

    RecordRoles(MappingConfig config) {
        this.keyField = config.keyField();
        this.keySource = config.keySource();
        this.ttlField = config.ttlField();
        this.fenceField = config.writeFence() == WriteFence.FIELD ? config.fenceField() : null;
        this.ttlSeconds = config.ttlSeconds();
    }

    /** The user key: the key field's value, or taken from the Kafka record key with key.source=record. */
    Value userKey(SinkRecord record, Object keyFieldValue) {
        return keySource == KeySource.VALUE
                ? UserKeys.toValue(keyFieldValue, keyField)
                : RecordKeys.userKey(record, keyField);
    }

    int ttl(Object ttl) {
        if (ttl == null) {
            return ttlSeconds;
        }
        if (ttl instanceof Number n && !(ttl instanceof Double) && !(ttl instanceof Float)
                && n.longValue() >= -2 && n.longValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new MappingException("TTL field '" + ttlField + "' holds " + ttl
                + "; it must be an integer number of seconds, or 0, -1 (never expire) or -2 (keep)");
    }

    long fence(Object fence) {
        if (fenceField == null) {
            return 0;
        }
        if (fence instanceof Number n && !(fence instanceof Double) && !(fence instanceof Float)
                && !(fence instanceof BigDecimal) && !(fence instanceof BigInteger)) {
            return n.longValue();
        }
        if (fence instanceof Date date) {
            return date.getTime();
        }
        throw new MappingException("fence field '" + fenceField + "' (write.fence.field) "
                + (fence == null ? "is missing or null" : "holds " + fence + "; it must be an integer")
                + ", so the record cannot be ordered against the stored one");
    }
}
