package io.aerosink.connect.it;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Packs rows of the sensor layout {@code _key:<i4, temperature:<f8, humidity:<f4, pressure:<f4, status:u1}
 * (21 bytes, little-endian, no padding) by hand, and wraps rows in a .npy v1.0 file, so that the tests do not
 * depend on the connector's own encoders.
 */
final class SensorRows {

    static final String LAYOUT = "_key:<i4, temperature:<f8, humidity:<f4, pressure:<f4, status:u1";
    static final int ROW_BYTES = 4 + 8 + 4 + 4 + 1;

    private SensorRows() {
    }

    static double temperature(int key) {
        return 15.0 + key * 0.125;
    }

    static float humidity(int key) {
        return 30.5f + (key % 50) * 0.5f;
    }

    static float pressure(int key) {
        return 1013.25f - (key % 7);
    }

    static int status(int key) {
        return 200 + key % 50; // above 127: u1 must be read unsigned
    }

    /** One row per key, in order. */
    static byte[] rows(int... keys) {
        ByteBuffer buf = ByteBuffer.allocate(keys.length * ROW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int key : keys) {
            buf.putInt(key).putDouble(temperature(key)).putFloat(humidity(key)).putFloat(pressure(key))
                    .put((byte) status(key));
        }
        return buf.array();
    }

    static byte[] row(byte[] rows, int index) {
        return Arrays.copyOfRange(rows, index * ROW_BYTES, (index + 1) * ROW_BYTES);
    }

    /**
     * A .npy v1.0 file: magic {@code \x93NUMPY}, version 1.0, a little-endian u16 header length, the header dict
     * padded with spaces and ending in '\n' so that the data starts at a multiple of 64 bytes, then the data.
     */
    static byte[] npy(String descr, int rows, byte[] data) {
        String dict = "{'descr': " + descr + ", 'fortran_order': False, 'shape': (" + rows + ",), }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }
}
