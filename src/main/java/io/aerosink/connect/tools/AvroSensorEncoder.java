package io.aerosink.connect.tools;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Avro binary encoding of one {@link SensorRow} with the fixed {@link #SCHEMA}, written by hand so the
 * connector's runtime carries no Avro library. Avro stores an int as a zigzag varint and a float or double
 * as little-endian IEEE 754; {@code status} widens to int because Avro has no byte type.
 */
public final class AvroSensorEncoder implements MessageEncoder {

    public static final String SCHEMA = "{\"type\":\"record\",\"name\":\"SensorReading\","
            + "\"namespace\":\"io.aerosink.sensors\",\"fields\":["
            + "{\"name\":\"_key\",\"type\":\"int\"},"
            + "{\"name\":\"temperature\",\"type\":\"double\"},"
            + "{\"name\":\"humidity\",\"type\":\"float\"},"
            + "{\"name\":\"pressure\",\"type\":\"float\"},"
            + "{\"name\":\"status\",\"type\":\"int\"}]}";

    @Override
    public byte[] encode(List<SensorRow> rows) {
        if (rows.size() != 1) {
            throw new IllegalArgumentException("an Avro message holds exactly one row, got " + rows.size());
        }
        return body(rows.get(0));
    }

    @Override
    public boolean multiRow() {
        return false;
    }

    public static byte[] body(SensorRow row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        writeInt(out, row.key());
        writeLittleEndian(out, Double.doubleToRawLongBits(row.temperature()), Double.BYTES);
        writeLittleEndian(out, Float.floatToRawIntBits(row.humidity()), Float.BYTES);
        writeLittleEndian(out, Float.floatToRawIntBits(row.pressure()), Float.BYTES);
        writeInt(out, row.status());
        return out.toByteArray();
    }

    static void writeInt(ByteArrayOutputStream out, int value) {
        int zigzag = (value << 1) ^ (value >> 31);
        while ((zigzag & ~0x7F) != 0) {
            out.write((zigzag & 0x7F) | 0x80);
            zigzag >>>= 7;
        }
        out.write(zigzag);
    }

    private static void writeLittleEndian(ByteArrayOutputStream out, long bits, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xFF);
        }
    }
}
