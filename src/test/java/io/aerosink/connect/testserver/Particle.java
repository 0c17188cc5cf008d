package io.aerosink.connect.testserver;

import com.aerospike.client.Value;
import com.aerospike.client.command.Buffer;
import com.aerospike.client.command.ParticleType;

/** A typed value exactly as it travels on the wire: particle type plus the bytes the client wrote. */
record Particle(int type, byte[] bytes) {

    /** Encodes a Java value the way the client would, so seeded records read back like written ones. */
    static Particle of(Object value) {
        Value v = Value.get(value);
        byte[] bytes = new byte[v.estimateSize()];
        v.write(bytes, 0);
        return new Particle(v.getType(), bytes);
    }

    /** Scalars as Java values; lists and maps stay raw msgpack so tests can compare exact bytes. */
    Object toJava() {
        if (type == ParticleType.LIST || type == ParticleType.MAP) {
            return bytes.clone();
        }
        return decode();
    }

    /** Full decode, lists and maps included, using the client's own particle decoder. */
    Object decode() {
        return Buffer.bytesToParticle(type, bytes, 0, bytes.length);
    }

    Object toUserKey() {
        return Buffer.bytesToKeyValue(type, bytes, 0, bytes.length).getObject();
    }
}
