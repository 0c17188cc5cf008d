package io.aerosink.connect.tools;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Wraps another encoder's body in Confluent's wire format (magic byte 0, 4-byte big-endian schema id, body),
 * which is what {@code io.confluent.connect.avro.AvroConverter} expects to read.
 */
public final class ConfluentFraming implements MessageEncoder {

    static final byte MAGIC = 0x00;

    private final int schemaId;
    private final MessageEncoder body;

    public ConfluentFraming(int schemaId, MessageEncoder body) {
        this.schemaId = schemaId;
        this.body = body;
    }

    @Override
    public byte[] encode(List<SensorRow> rows) {
        return frame(schemaId, body.encode(rows));
    }

    @Override
    public boolean multiRow() {
        return body.multiRow();
    }

    public static byte[] frame(int schemaId, byte[] body) {
        return ByteBuffer.allocate(1 + Integer.BYTES + body.length).put(MAGIC).putInt(schemaId).put(body).array();
    }
}
