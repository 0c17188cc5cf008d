package io.aerosink.connect.tools;

/** Where produced messages go: Kafka in the tool, a list in tests. */
@FunctionalInterface
public interface MessageSink {

    void send(byte[] key, byte[] value);
}
