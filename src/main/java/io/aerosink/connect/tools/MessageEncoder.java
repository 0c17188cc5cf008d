package io.aerosink.connect.tools;

import java.util.List;

/** Turns a group of sensor rows into the bytes of one Kafka message value. */
public interface MessageEncoder {

    byte[] encode(List<SensorRow> rows);

    /** Whether one message may carry more than one row. */
    default boolean multiRow() {
        return true;
    }
}
