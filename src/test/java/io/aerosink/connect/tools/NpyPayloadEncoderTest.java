package io.aerosink.connect.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aerosink.connect.layout.NpyHeader;
import io.aerosink.connect.layout.RowLayout;

class NpyPayloadEncoderTest {

    @TempDir
    Path dir;

    @Test
    void writesAVersionOneHeaderThatAlignsTheData() {
        List<SensorRow> rows = rows(3);

        byte[] npy = new NpyPayloadEncoder().encode(rows);

        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(npy, 8));
        int headerLength = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
        int dataOffset = 10 + headerLength;
        assertEquals(0, dataOffset % 64);
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': " + SensorRow.NPY_DESCR), header);
        assertTrue(header.contains("'shape': (3,)"), header);
        assertTrue(header.endsWith("\n"));
        assertArrayEquals(new FixedRowEncoder().encode(rows), Arrays.copyOfRange(npy, dataOffset, npy.length));
    }

    @Test
    void isReadBackByTheFileStreamer() throws Exception {
        List<SensorRow> rows = rows(5);
        Path file = dir.resolve("payload.npy");
        Files.write(file, new NpyPayloadEncoder().encode(rows));

        List<byte[]> chunks = new ArrayList<>();
        NpyHeader header = new NpyFileStreamer().stream(file, 5, (chunk, first, count) -> chunks.add(chunk));

        assertEquals(5, header.rowCountLong());
        assertEquals(RowLayout.parse(SensorRow.LAYOUT), header.layout());
        assertEquals(SensorRow.PACKED_BYTES, header.layout().itemSize());
        assertArrayEquals(new FixedRowEncoder().encode(rows), chunks.get(0));
    }

    private static List<SensorRow> rows(int n) {
        SensorRowGenerator generator = new SensorRowGenerator(100);
        List<SensorRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(generator.row(i));
        }
        return rows;
    }
}
