package io.aerosink.connect.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFileStreamerTest {

    private static final String PADDED_DESCR = "[('id', '<i4'), ('', '|V4'), ('xy', '<f8', (2,))]";
    private static final int PADDED_ROW = 4 + 4 + 2 * 8;

    @TempDir
    Path dir;

    private record Chunk(byte[] rows, long firstRow, int rowCount) {
    }

    @Test
    void deliversEveryRowInOrderInChunksOfTheRequestedSize() throws Exception {
        byte[] data = rowBytes(10, PADDED_ROW);
        Path file = write(1, "{'descr': " + PADDED_DESCR + ", 'fortran_order': False, 'shape': (10,), }", data);

        List<Chunk> chunks = collect(new NpyFileStreamer(), file, 3);

        assertEquals(List.of(3, 3, 3, 1), chunks.stream().map(Chunk::rowCount).toList());
        assertEquals(List.of(0L, 3L, 6L, 9L), chunks.stream().map(Chunk::firstRow).toList());
        assertArrayEquals(data, concat(chunks));
    }

    @Test
    void crossesMappingWindowsWithoutSplittingAChunk() throws Exception {
        byte[] data = rowBytes(25, PADDED_ROW);
        Path file = write(1, "{'descr': " + PADDED_DESCR + ", 'fortran_order': False, 'shape': (25,), }", data);
        // Room for two chunks of four rows and a bit: windows must hold whole chunks only.
        NpyFileStreamer streamer = new NpyFileStreamer(2 * 4 * PADDED_ROW + PADDED_ROW / 2);

        List<Chunk> chunks = collect(streamer, file, 4);

        assertEquals(List.of(4, 4, 4, 4, 4, 4, 1), chunks.stream().map(Chunk::rowCount).toList());
        assertArrayEquals(data, concat(chunks));
    }

    @Test
    void treatsTrailingAxesAsPartOfTheRow() throws Exception {
        byte[] data = rowBytes(6, 3 * 4);
        Path file = write(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (6, 3), }", data);

        List<Chunk> chunks = collect(new NpyFileStreamer(), file, 4);

        assertEquals(List.of(4, 2), chunks.stream().map(Chunk::rowCount).toList());
        assertEquals(4 * 12, chunks.get(0).rows().length);
        assertArrayEquals(data, concat(chunks));
    }

    @Test
    void takesEachItemOfAStructuredArrayAsARow() throws Exception {
        byte[] data = rowBytes(2 * 3, PADDED_ROW);
        Path file = write(3, "{'descr': " + PADDED_DESCR + ", 'fortran_order': False, 'shape': (2, 3), }", data);

        List<Chunk> chunks = collect(new NpyFileStreamer(), file, 4);

        assertEquals(List.of(4, 2), chunks.stream().map(Chunk::rowCount).toList());
        assertArrayEquals(data, concat(chunks));
    }

    @Test
    void stopsWhenTheSinkAsks() throws Exception {
        Path file = write(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (100,), }", rowBytes(100, 8));
        List<Long> firstRows = new ArrayList<>();

        new NpyFileStreamer().stream(file, 10, (rows, first, count) -> firstRows.add(first) && first < 20);

        assertEquals(List.of(0L, 10L, 20L), firstRows);
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        Path file = write(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (100,), }", rowBytes(99, 8));

        assertThrows(IOException.class, () -> collect(new NpyFileStreamer(), file, 10));
    }

    @Test
    void refusesAFileThatIsNotNpy() throws Exception {
        Path file = dir.resolve("not.npy");
        Files.write(file, "PK\3\4 definitely a zip file".getBytes(StandardCharsets.US_ASCII));

        assertThrows(IOException.class, () -> collect(new NpyFileStreamer(), file, 10));
    }

    @Test
    void refusesAHeaderLengthTooLargeToBeReal() throws Exception {
        Path file = write(2, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", rowBytes(1, 8));
        byte[] bytes = Files.readAllBytes(file);
        bytes[11] = (byte) 0x80;
        Files.write(file, bytes);

        assertThrows(IOException.class, () -> collect(new NpyFileStreamer(), file, 10));
    }

    private List<Chunk> collect(NpyFileStreamer streamer, Path file, int rowsPerChunk) throws Exception {
        List<Chunk> chunks = new ArrayList<>();
        streamer.stream(file, rowsPerChunk, (rows, first, count) -> chunks.add(new Chunk(rows, first, count)));
        return chunks;
    }

    /** Distinct bytes per position so a misplaced or repeated row shows. */
    private static byte[] rowBytes(int rows, int rowBytes) {
        byte[] data = new byte[rows * rowBytes];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + i / 251);
        }
        return data;
    }

    private Path write(int version, String dict, byte[] data) throws IOException {
        int lengthBytes = version == 1 ? 2 : 4;
        int unpadded = 8 + lengthBytes + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer preamble = ByteBuffer.allocate(8 + lengthBytes).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (version == 1) {
            preamble.putShort((short) header.length());
        } else {
            preamble.putInt(header.length());
        }
        Path file = dir.resolve("data-v" + version + ".npy");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(preamble.array());
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            out.write(data);
        }
        return file;
    }

    private static byte[] concat(List<Chunk> chunks) {
        byte[] all = new byte[0];
        for (Chunk chunk : chunks) {
            int at = all.length;
            all = Arrays.copyOf(all, at + chunk.rows().length);
            System.arraycopy(chunk.rows(), 0, all, at, chunk.rows().length);
        }
        return all;
    }
}
