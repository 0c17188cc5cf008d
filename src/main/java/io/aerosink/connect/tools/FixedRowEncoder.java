package io.aerosink.connect.tools;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Packs rows back to back, little-endian and without padding: what {@code value.format=fixed} reads. */
public final class FixedRowEncoder implements MessageEncoder {

    @Override
    public byte[] encode(List<SensorRow> rows) {
        ByteBuffer buffer = ByteBuffer.allocate(rows.size() * SensorRow.PACKED_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (SensorRow row : rows) {
            put(buffer, row);
        }
        return buffer.array();
    }

    static void put(ByteBuffer littleEndian, SensorRow row) {
        littleEndian.putInt(row.key())
                .putDouble(row.temperature())
                .putFloat(row.humidity())
                .putFloat(row.pressure())
                .put((byte) row.status());
    }
}
