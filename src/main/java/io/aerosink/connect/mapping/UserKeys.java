package io.aerosink.connect.mapping;

import java.nio.ByteBuffer;

import com.aerospike.client.Value;

/** Turns a key field's value into an Aerospike user key: integers, strings and bytes only. */
final class UserKeys {

    private UserKeys() {
    }

    static Value toValue(Object key, String field) {
        if (key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return Value.get(((Number) key).longValue());
        }
        if (key instanceof String s) {
            return Value.get(s);
        }
        if (key instanceof byte[] bytes) {
            return Value.get(bytes);
        }
        if (key instanceof ByteBuffer buffer) {
            return Value.get(BinValues.bytes(buffer));
        }
        if (key == null) {
            throw new MappingException("key field '" + field + "' is missing or null");
        }
        throw new MappingException("key field '" + field + "' holds a " + key.getClass().getSimpleName()
                + "; an Aerospike user key must be an integer, a string or bytes");
    }
}
