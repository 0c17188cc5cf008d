package io.aerosink.connect.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class FixedRowEncoderTest {

    @Test
    void packsOneRowLittleEndianWithoutPadding() {
        SensorRow row = new SensorRow(0x01020304, 1.5, 2.0f, -1.0f, 255);

        byte[] packed = new FixedRowEncoder().encode(List.of(row));

        assertArrayEquals(new byte[] {
            0x04, 0x03, 0x02, 0x01,                                      // _key <i4
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xF8, 0x3F,      // temperature <f8 1.5
            0x00, 0x00, 0x00, 0x40,                                      // humidity <f4 2.0
            0x00, 0x00, (byte) 0x80, (byte) 0xBF,                        // pressure <f4 -1.0
            (byte) 0xFF                                                  // status u1 255
        }, packed);
    }

    @Test
    void placesRowsBackToBack() {
        SensorRowGenerator generator = new SensorRowGenerator(10);
        SensorRow first = generator.row(0);
        SensorRow second = generator.row(1);

        byte[] two = new FixedRowEncoder().encode(List.of(first, second));
        byte[] secondAlone = new FixedRowEncoder().encode(List.of(second));

        assertEquals(2 * SensorRow.PACKED_BYTES, two.length);
        assertArrayEquals(secondAlone, java.util.Arrays.copyOfRange(two, SensorRow.PACKED_BYTES, two.length));
    }
}
