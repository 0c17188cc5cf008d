package io.aerosink.connect.testserver;

import java.nio.charset.StandardCharsets;

/** One operation of an AS_MSG: op code, particle type, bin name and raw value. */
record Op(int code, int particleType, String name, byte[] value) {

    static Op nullResult(String name) {
        return new Op(Protocol.OP_WRITE, Protocol.PARTICLE_NULL, name, new byte[0]);
    }

    static Op readResult(String name, Particle p) {
        return new Op(Protocol.OP_READ, p.type(), name, p.bytes());
    }

    Particle particle() {
        return new Particle(particleType, value);
    }

    int nameLength() {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    String summary() {
        return name.isEmpty() ? Protocol.opName(code) : Protocol.opName(code) + ":" + name;
    }
}
