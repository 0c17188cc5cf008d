package io.aerosink.connect.write;

import java.util.List;
import java.util.Map;

import com.aerospike.client.Value;
import com.aerospike.client.command.ParticleType;

/**
 * A bin value's size on the wire, for bounding batches. Scalars, strings and blobs answer exactly and cheaply; a
 * list or map is estimated from its elements as msgpack packs them (at most 9 bytes a number, plus headers),
 * because the client's own {@code estimateSize()} packs the whole collection, and would pack it again to send.
 */
final class ValueSize {

    private static final int HEADER_BYTES = 5;
    private static final int NUMBER_BYTES = 9;

    private ValueSize() {
    }

    static long of(Value value) {
        // The type first: getObject() boxes a scalar, an allocation per bin for nothing.
        int type = value.getType();
        if (type == ParticleType.LIST || type == ParticleType.MAP) {
            Object collection = value.getObject();
            if (collection instanceof List<?> || collection instanceof Map<?, ?>) {
                return ofObject(collection);
            }
        }
        return value.estimateSize();
    }

    private static long ofObject(Object object) {
        if (object == null || object instanceof Number || object instanceof Boolean) {
            return NUMBER_BYTES;
        }
        if (object instanceof String string) {
            // UTF-8 takes at most three bytes per char; plus the particle type byte the client adds in collections.
            return HEADER_BYTES + 1 + 3L * string.length();
        }
        if (object instanceof byte[] bytes) {
            return HEADER_BYTES + 1 + bytes.length;
        }
        long size = HEADER_BYTES;
        if (object instanceof List<?> list) {
            for (Object element : list) {
                size += ofObject(element);
            }
        } else if (object instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += ofObject(entry.getKey()) + ofObject(entry.getValue());
            }
        } else if (object instanceof Value nested) {
            size += of(nested);
        } else {
            size += String.valueOf(object).length();
        }
        return size;
    }
}
