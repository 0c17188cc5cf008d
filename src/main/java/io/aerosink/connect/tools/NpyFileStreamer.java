package io.aerosink.connect.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.aerosink.connect.layout.NpyFormatException;
import io.aerosink.connect.layout.NpyHeader;

/**
 * Streams the rows of a .npy file of any size in chunks of a fixed number of rows. The file is memory-mapped
 * one window at a time, each window a whole number of chunks, so only the chunk being handed on is copied
 * onto the Java heap; the rest of the file stays in the page cache, which the kernel may evict at will.
 * Rows are those of {@link NpyHeader#parseFileHeader}: the items of a structured array, the first-axis slices of
 * a plain one.
 */
public final class NpyFileStreamer {

    /** A mapping is addressed by int, and a smaller window keeps the address space needed modest. */
    public static final long MAX_WINDOW_BYTES = 1L << 30;

    /** NumPy writes headers of a few hundred bytes; the bound keeps a corrupt length from allocating gigabytes. */
    private static final long MAX_HEADER_BYTES = 1L << 24;

    private final long maxWindowBytes;

    public NpyFileStreamer() {
        this(MAX_WINDOW_BYTES);
    }

    NpyFileStreamer(long maxWindowBytes) {
        this.maxWindowBytes = maxWindowBytes;
    }

    /** @return the file's header, once every row has been handed to {@code sink} or it asked to stop */
    public NpyHeader stream(Path file, int rowsPerChunk, ChunkSink sink) throws IOException, InterruptedException {
        if (rowsPerChunk < 1) {
            throw new IllegalArgumentException("rows per chunk must be at least 1: " + rowsPerChunk);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader header = readHeader(channel, file);
            int rowBytes = header.layout().itemSize();
            long chunkBytes = (long) rowsPerChunk * rowBytes;
            if (chunkBytes > maxWindowBytes) {
                throw new IllegalArgumentException(rowsPerChunk + " rows of " + rowBytes
                        + " bytes exceed the mapping window of " + maxWindowBytes + " bytes");
            }
            long windowBytes = maxWindowBytes / chunkBytes * chunkBytes;
            long dataBytes = header.rowCountLong() * rowBytes;
            if (channel.size() - header.dataOffset() < dataBytes) {
                throw new IOException(file + " is truncated: its header promises " + dataBytes
                        + " bytes of data, the file has " + (channel.size() - header.dataOffset()));
            }
            long nextRow = 0;
            for (long offset = 0; offset < dataBytes; offset += windowBytes) {
                long length = Math.min(windowBytes, dataBytes - offset);
                MappedByteBuffer window = channel.map(FileChannel.MapMode.READ_ONLY, header.dataOffset() + offset, length);
                while (window.hasRemaining()) {
                    byte[] chunk = new byte[(int) Math.min(chunkBytes, window.remaining())];
                    window.get(chunk);
                    int rows = chunk.length / rowBytes;
                    if (!sink.accept(chunk, nextRow, rows)) {
                        return header;
                    }
                    nextRow += rows;
                }
            }
            return header;
        }
    }

    /** Reads the preamble to learn the header's length, then the header; the data is left to the mapping. */
    private static NpyHeader readHeader(FileChannel channel, Path file) throws IOException {
        try {
            long dataOffset = NpyHeader.dataOffsetFromPreamble(readFully(channel, NpyHeader.PREAMBLE_BYTES));
            if (dataOffset > MAX_HEADER_BYTES) {
                throw new IOException(file + ": a .npy header of " + dataOffset + " bytes is not plausible");
            }
            return NpyHeader.parseFileHeader(readFully(channel, (int) dataOffset));
        } catch (NpyFormatException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readFully(FileChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) < 0) {
                throw new IOException(".npy file ends inside its header");
            }
        }
        return buffer.array();
    }
}
