package io.aerosink.connect.tools;

/** Receives consecutive groups of packed rows from a .npy file. */
@FunctionalInterface
public interface ChunkSink {

    /**
     * @param rows     packed rows, {@code rowCount} times the file's row size, owned by the sink from now on
     * @param firstRow index of the first row in the file
     * @return whether to go on; false ends the stream early
     */
    boolean accept(byte[] rows, long firstRow, int rowCount) throws InterruptedException;
}
