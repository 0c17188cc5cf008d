package io.aerosink.connect.mapping;

import java.util.Arrays;

import com.aerospike.client.Key;
import com.aerospike.client.Operation;

/**
 * What one record (or one row of it) does to one Aerospike key: put these bins, or delete the record. A value:
 * the write path decides how and when it is sent.
 */
public final class KeyWrite {

    private final Key key;
    private final Operation[] puts;
    private final int ttl;
    private final long fence;
    private final int rowIndex;
    private final byte[] rowSource;
    private final int rowOffset;
    private final int rowLength;

    private KeyWrite(Key key, Operation[] puts, int ttl, long fence, int rowIndex, byte[] rowSource, int rowOffset,
                     int rowLength) {
        this.key = key;
        this.puts = puts;
        this.ttl = ttl;
        this.fence = fence;
        this.rowIndex = rowIndex;
        this.rowSource = rowSource;
        this.rowOffset = rowOffset;
        this.rowLength = rowLength;
    }

    /** Writes the bins of {@code puts} (write operations, one per bin). */
    public static KeyWrite put(Key key, Operation[] puts, int ttl) {
        return new KeyWrite(key, puts, ttl, 0, -1, null, 0, 0);
    }

    /** Writes the bins of {@code puts}, with the value of the record's fence field (write.fence=field). */
    public static KeyWrite put(Key key, Operation[] puts, int ttl, long fence) {
        return new KeyWrite(key, puts, ttl, fence, -1, null, 0, 0);
    }

    /** Writes one row of a multi-row message; the row's bytes are kept by reference for the DLQ. */
    public static KeyWrite putRow(Key key, Operation[] puts, int ttl, int rowIndex, byte[] source, int offset,
                                  int length) {
        return new KeyWrite(key, puts, ttl, 0, rowIndex, source, offset, length);
    }

    public static KeyWrite delete(Key key) {
        return new KeyWrite(key, null, 0, 0, -1, null, 0, 0);
    }

    public Key key() {
        return key;
    }

    /** The puts of the bins written, or null for a delete. */
    public Operation[] puts() {
        return puts;
    }

    public boolean isDelete() {
        return puts == null;
    }

    public int ttl() {
        return ttl;
    }

    /** The value of the record's fence field, for write.fence=field; 0 otherwise. */
    public long fence() {
        return fence;
    }

    /** The row within a multi-row message, or -1 for a whole record. */
    public int rowIndex() {
        return rowIndex;
    }

    /** A copy of the row's bytes, or null when this write is for a whole record. */
    public byte[] rowBytes() {
        return rowSource == null ? null : Arrays.copyOfRange(rowSource, rowOffset, rowOffset + rowLength);
    }
}
