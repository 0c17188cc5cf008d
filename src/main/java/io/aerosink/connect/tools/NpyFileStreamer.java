package io.aerosink.connect.tools;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams the rows of a .npy file of any size in chunks of a fixed number of rows. The file is memory-mapped
 * one window at a time, each window a whole number of chunks, so only the chunk being handed on is copied
 * onto the Java heap; the rest of the file stays in the page cache, which the kernel may evict at will.
 */
public final class NpyFileStreamer {

    /** A mapping is addressed by int, and a smaller window keeps the address space needed modest. */
    public static final long MAX_WINDOW_BYTES = 1L << 30;

    private final long maxWindowBytes;

    public NpyFileStreamer() {
        this(MAX_WINDOW_BYTES);
    }

    NpyFileStreamer(long maxWindowBytes) {
        this.maxWindowBytes = maxWindowBytes;
    }

    /** @return the file's header, once every row has been handed to {@code sink} or it asked to stop */
    public NpyFileHeader stream(Path file, int rowsPerChunk, ChunkSink sink) throws IOException, InterruptedException {
        if (rowsPerChunk < 1) {
            throw new IllegalArgumentException("rows per chunk must be at least 1: " + rowsPerChunk);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyFileHeader header = NpyFileHeader.read(channel);
            long chunkBytes = (long) rowsPerChunk * header.rowBytes();
            if (chunkBytes > maxWindowBytes) {
                throw new IllegalArgumentException(rowsPerChunk + " rows of " + header.rowBytes()
                        + " bytes exceed the mapping window of " + maxWindowBytes + " bytes");
            }
            long windowBytes = maxWindowBytes / chunkBytes * chunkBytes;
            long dataBytes = header.rowCount() * header.rowBytes();
            long nextRow = 0;
            for (long offset = 0; offset < dataBytes; offset += windowBytes) {
                long length = Math.min(windowBytes, dataBytes - offset);
                MappedByteBuffer window = channel.map(FileChannel.MapMode.READ_ONLY, header.dataOffset() + offset, length);
                while (window.hasRemaining()) {
                    byte[] chunk = new byte[(int) Math.min(chunkBytes, window.remaining())];
                    window.get(chunk);
                    int rows = chunk.length / header.rowBytes();
                    if (!sink.accept(chunk, nextRow, rows)) {
                        return header;
                    }
                    nextRow += rows;
                }
            }
            return header;
        }
    }
}
