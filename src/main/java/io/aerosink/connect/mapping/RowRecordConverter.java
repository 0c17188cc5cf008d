package io.aerosink.connect.mapping;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;

import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Value;

import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.ValueFormat;
import io.aerosink.connect.errors.KeyFailure;
import io.aerosink.connect.layout.BytesAs;
import io.aerosink.connect.layout.LayoutException;
import io.aerosink.connect.layout.NpyHeader;
import io.aerosink.connect.layout.NpyHeaderCache;
import io.aerosink.connect.layout.RowDecodeException;
import io.aerosink.connect.layout.RowDecoder;
import io.aerosink.connect.layout.RowLayout;
import io.aerosink.connect.layout.SubarrayAs;

/**
 * {@code value.format=fixed} and {@code npy}: a byte payload of packed rows, each decoded straight into a key
 * and bins. A row whose key or values cannot be decoded fails alone; a payload that cannot be split into rows
 * fails whole.
 */
public final class RowRecordConverter implements RecordConverter {

    private final KeyDigester keys;
    private final String keyField;
    private final int ttlSeconds;
    private final boolean deleteOnTombstone;
    private final BytesAs bytesAs;
    private final SubarrayAs subarrayAs;
    private final boolean npy;
    /** The configured layout's decoder; for npy, null unless a layout to check headers against is configured. */
    private final RowDecoder configured;
    private final NpyHeaderCache headers = new NpyHeaderCache();
    private final Map<RowLayout, RowDecoder> npyDecoders = new HashMap<>();
    /** The current message's rows: user keys (null where the row failed), keys, puts and failures. */
    private Value[] userKeys = new Value[128];
    private Key[] rowKeys = new Key[128];
    private Operation[][] puts = new Operation[128][];
    private String[] failures = new String[128];

    public RowRecordConverter(MappingConfig config) {
        this.keys = new KeyDigester(config.namespace(), config.setName());
        this.keyField = config.keyField();
        this.ttlSeconds = config.ttlSeconds();
        this.deleteOnTombstone = config.deleteOnTombstone();
        this.bytesAs = config.layoutBytesAsBlob() ? BytesAs.BLOB : BytesAs.STRING;
        this.subarrayAs = config.layoutSubarrayAsList() ? SubarrayAs.LIST : SubarrayAs.BLOB;
        this.npy = config.valueFormat() == ValueFormat.NPY;
        this.configured = config.valueLayout().isEmpty()
                ? null
                : new RowDecoder(RowLayout.parse(config.valueLayout()), keyField, bytesAs, subarrayAs);
    }

    @Override
    public void convert(SinkRecord record, ConversionSink sink) {
        Object value = record.value();
        if (value == null) {
            if (deleteOnTombstone) {
                sink.write(KeyWrite.delete(keys.key(RecordKeys.userKey(record, keyField))));
            }
            return;
        }
        byte[] payload = payload(value);
        RowDecoder decoder;
        int start;
        int rows;
        try {
            if (npy) {
                NpyHeader header = headers.header(payload);
                decoder = npyDecoder(header.layout());
                start = header.dataOffset();
                rows = header.rowCount();
            } else {
                decoder = configured;
                start = 0;
                rows = decoder.rowCount(payload.length);
            }
        } catch (RowDecodeException | LayoutException e) {
            throw new MappingException(e.getMessage());
        }
        int itemSize = decoder.layout().itemSize();
        // Rows that cannot fail to decode are decoded when sent: those of a hot key that fold away never are.
        boolean decodeOnSend = decoder.decodesEveryRow();
        grow(rows);
        try {
            for (int row = 0; row < rows; row++) {
                int offset = start + row * itemSize;
                try {
                    userKeys[row] = decoder.key(payload, offset);
                    puts[row] = decodeOnSend ? null : decoder.puts(payload, offset);
                } catch (RowDecodeException e) {
                    userKeys[row] = null;
                    failures[row] = e.getMessage();
                }
            }
            // The keys of the message's rows together, so that their digests may go a vector of them at a time.
            keys.keys(userKeys, rows, rowKeys);
            for (int row = 0; row < rows; row++) {
                int offset = start + row * itemSize;
                if (rowKeys[row] == null) {
                    sink.fail(KeyFailure.unconvertible(record, row,
                            Arrays.copyOfRange(payload, offset, offset + itemSize), failures[row]));
                } else {
                    sink.write(decodeOnSend
                            ? KeyWrite.putRowDecodedOnSend(rowKeys[row], decoder, ttlSeconds, row, payload, offset,
                                    itemSize)
                            : KeyWrite.putRow(rowKeys[row], puts[row], ttlSeconds, row, payload, offset, itemSize));
                }
            }
        } finally {
            Arrays.fill(userKeys, 0, rows, null);
            Arrays.fill(rowKeys, 0, rows, null);
            Arrays.fill(puts, 0, rows, null);
            Arrays.fill(failures, 0, rows, null);
        }
    }

    /** The per-row arrays hold at least {@code rows}; they are kept between messages and emptied after each. */
    private void grow(int rows) {
        if (userKeys.length < rows) {
            int length = Math.max(rows, 2 * userKeys.length);
            userKeys = new Value[length];
            rowKeys = new Key[length];
            puts = new Operation[length][];
            failures = new String[length];
        }
    }

    /**
     * Digests the key of a message of one packed row ahead, with the other such messages of its put (see
     * {@link KeyDigester#prefetch}); the keys of a message of many rows are digested together by {@link #convert}.
     */
    @Override
    public void prepare(SinkRecord record) {
        if (npy || configured == null || !(record.value() instanceof byte[] payload)
                || payload.length != configured.layout().itemSize()) {
            return;
        }
        try {
            keys.prefetch(configured.key(payload, 0));
        } catch (RowDecodeException e) {
            // convert() fails the row with this error.
        }
    }

    private RowDecoder npyDecoder(RowLayout layout) {
        if (configured != null && !configured.layout().equals(layout)) {
            throw new MappingException(".npy header layout [" + layout + "] does not match value.layout ["
                    + configured.layout() + "]");
        }
        RowDecoder decoder = npyDecoders.get(layout);
        if (decoder == null) {
            if (npyDecoders.size() >= NpyHeaderCache.DEFAULT_CAPACITY) {
                npyDecoders.clear();
            }
            decoder = configured != null ? configured : new RowDecoder(layout, keyField, bytesAs, subarrayAs);
            npyDecoders.put(layout, decoder);
        }
        return decoder;
    }

    private static byte[] payload(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof ByteBuffer buffer) {
            return BinValues.bytes(buffer);
        }
        throw new MappingException("value is a " + value.getClass().getSimpleName() + ", not bytes; packed rows need "
                + "value.converter=org.apache.kafka.connect.converters.ByteArrayConverter");
    }
}
