package io.aerosink.connect.mapping;

import java.util.Arrays;

import com.aerospike.client.Key;
import com.aerospike.client.Operation;

import io.aerosink.connect.layout.RowDecoder;

/**
 * What one record (or one row of it) does to one Aerospike key: put these bins, or delete the record. A value:
 * the write path decides how and when it is sent. A row of numbers may keep its bins undecoded until they are
 * asked for ({@link #decodesOnSend()}): a row of a hot key folded into a later one is then never decoded.
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
    /** Decodes the row's puts when they are asked for, or null when {@link #puts} holds them. */
    private final RowDecoder decoder;

    private KeyWrite(Key key, Operation[] puts, int ttl, long fence, int rowIndex, byte[] rowSource, int rowOffset,
                     int rowLength) {
        this(key, puts, null, ttl, fence, rowIndex, rowSource, rowOffset, rowLength);
    }

    private KeyWrite(Key key, Operation[] puts, RowDecoder decoder, int ttl, long fence, int rowIndex,
                     byte[] rowSource, int rowOffset, int rowLength) {
        this.key = key;
        this.puts = puts;
        this.decoder = decoder;
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

    /**
     * Writes one row of a message whose bins {@code decoder} decodes when they are asked for, on whichever thread
     * asks: the decoder must {@link RowDecoder#decodesEveryRow() decode every row}, and it is immutable.
     */
    public static KeyWrite putRowDecodedOnSend(Key key, RowDecoder decoder, int ttl, int rowIndex, byte[] source,
                                               int offset, int length) {
        if (!decoder.decodesEveryRow()) {
            throw new IllegalArgumentException("rows of layout [" + decoder.layout() + "] can fail to decode");
        }
        return new KeyWrite(key, null, decoder, ttl, 0, rowIndex, source, offset, length);
    }

    public static KeyWrite delete(Key key) {
        return new KeyWrite(key, null, 0, 0, -1, null, 0, 0);
    }

    public Key key() {
        return key;
    }

    /** The puts of the bins written, or null for a delete; a row decoded on send is decoded anew by each call. */
    public Operation[] puts() {
        return decoder != null ? decoder.puts(rowSource, rowOffset) : puts;
    }

    public boolean isDelete() {
        return puts == null && decoder == null;
    }

    /** Whether {@link #puts()} decodes the row; its values are then at most {@link RowDecoder#MAX_VALUE_BYTES} each. */
    public boolean decodesOnSend() {
        return decoder != null;
    }

    /** The number of bins written, 0 for a delete; known without decoding. */
    public int binCount() {
        return decoder != null ? decoder.binCount() : puts == null ? 0 : puts.length;
    }

    /** The name of bin {@code bin} of {@link #puts()}, known without decoding. */
    public String binName(int bin) {
        return decoder != null ? decoder.binName(bin) : puts[bin].binName;
    }

    /** True when both are rows of one layout decoded on send, which write the same bins in the same order. */
    public boolean sameBinsAs(KeyWrite other) {
        return decoder != null && decoder == other.decoder;
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
