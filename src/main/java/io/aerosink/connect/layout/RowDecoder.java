package io.aerosink.connect.layout;

import com.aerospike.client.Operation;
import com.aerospike.client.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes rows of a {@link RowLayout} straight into an Aerospike user key and bins.
 *
 * <p>Which fields become bins: every named field whose name does not start with {@code _}; {@code _}-prefixed
 * fields and unnamed padding never do. The key field gives the user key and is also a bin when its name does
 * not start with {@code _}.
 *
 * <p>Values: integers of any width become integer bins (a {@code u8} above {@link Long#MAX_VALUE} is a
 * {@link RowDecodeException}, never wrapped); {@code f2 f4 f8} become double bins (exactly); {@code b1} a boolean
 * (any non-zero byte is true); {@code S<n>} a string without trailing NULs, or per {@link BytesAs}; {@code V<n>}
 * a blob; subarrays per {@link SubarrayAs}. Blobs are copies, so the payload buffer may be reused afterwards.
 *
 * <p>Everything is worked out at construction; decoding a row only reads bytes and allocates the values and
 * bins. Instances are immutable and thread-safe.
 */
public final class RowDecoder {

    /** The key field used when none is configured. */
    public static final String DEFAULT_KEY_FIELD = "_key";

    /** Aerospike's limit on a bin name, in bytes of UTF-8. */
    public static final int MAX_BIN_NAME_BYTES = 15;

    /** The largest value a number or boolean bin decodes to: a long or a double. */
    public static final int MAX_VALUE_BYTES = 8;

    private final RowLayout layout;
    private final int itemSize;
    private final FieldReader keyReader;
    private final int keyOffset;
    private final String[] binNames;
    private final FieldReader[] readers;
    private final int[] offsets;
    private final boolean decodesEveryRow;

    /** A decoder with the default key field {@code _key}, S fields as strings and subarrays as blobs. */
    public RowDecoder(RowLayout layout) {
        this(layout, DEFAULT_KEY_FIELD, BytesAs.STRING, SubarrayAs.BLOB);
    }

    /**
     * @param keyField the field holding the user key: a scalar integer ({@code i}, {@code u}), {@code S} or
     *     {@code V} field
     * @throws LayoutException if the key field is missing or of another kind, or a bin name is over
     *     {@value #MAX_BIN_NAME_BYTES} bytes
     */
    public RowDecoder(RowLayout layout, String keyField, BytesAs bytesAs, SubarrayAs subarrayAs) {
        this.layout = layout;
        this.itemSize = layout.itemSize();
        LayoutField key = keyField(layout, keyField);
        this.keyReader = ElementReader.of(key, BytesAs.STRING);
        this.keyOffset = key.offset();

        List<LayoutField> binFields = new ArrayList<>();
        for (LayoutField f : layout.fields()) {
            if (!f.isPadding() && !f.name().startsWith("_")) {
                int bytes = f.name().getBytes(StandardCharsets.UTF_8).length;
                if (bytes > MAX_BIN_NAME_BYTES) {
                    throw new LayoutException(f.name(), f.position(), "bin name is " + bytes
                            + " bytes of UTF-8; Aerospike allows at most " + MAX_BIN_NAME_BYTES
                            + " (prefix the name with '_' to leave the field out)");
                }
                binFields.add(f);
            }
        }
        if (binFields.isEmpty()) {
            throw new LayoutException("the layout has no bins: every named field starts with '_'");
        }
        this.binNames = new String[binFields.size()];
        this.readers = new FieldReader[binFields.size()];
        this.offsets = new int[binFields.size()];
        for (int i = 0; i < binNames.length; i++) {
            LayoutField f = binFields.get(i);
            binNames[i] = f.name();
            readers[i] = f.isSubarray() ? SubarrayReader.of(f, bytesAs, subarrayAs) : ElementReader.of(f, bytesAs);
            offsets[i] = f.offset();
        }
        this.decodesEveryRow = binFields.stream().allMatch(RowDecoder::alwaysDecodes);
    }

    /** Numbers and booleans always decode, but for a u8 above Long.MAX_VALUE; text, bytes and subarrays vary in size. */
    private static boolean alwaysDecodes(LayoutField f) {
        Kind kind = f.kind();
        return !f.isSubarray() && (kind == Kind.BOOL || kind == Kind.INT || kind == Kind.FLOAT
                || (kind == Kind.UINT && f.elementSize() < 8));
    }

    private static LayoutField keyField(RowLayout layout, String name) {
        if (name == null || name.isEmpty()) {
            throw new LayoutException("the key field name is empty; name a field of the layout, e.g. '_key'");
        }
        LayoutField key = layout.field(name);
        if (key == null) {
            String fields = layout.toString();
            throw new LayoutException(name, "key field '" + name + "' is not a named field of the layout "
                    + (fields.length() > 200 ? fields.substring(0, 200) + "..." : fields));
        }
        if (key.isSubarray()) {
            throw new LayoutException(name, key.position(), "a key field must be a scalar, not a subarray");
        }
        Kind kind = key.kind();
        if (kind != Kind.INT && kind != Kind.UINT && kind != Kind.BYTES && kind != Kind.VOID) {
            throw new LayoutException(name, key.position(), "a key field must be an integer (i1..i8, u1..u8),"
                    + " S<n> or V<n>, not '" + key.typeCode() + "'");
        }
        return key;
    }

    public RowLayout layout() {
        return layout;
    }

    /** Names of the bins every row produces, in layout order. */
    public List<String> binNames() {
        return List.of(binNames);
    }

    public int binCount() {
        return binNames.length;
    }

    public String binName(int bin) {
        return binNames[bin];
    }

    /**
     * Whether {@link #puts} cannot fail on a row that fits its payload, and gives every bin a value of at most
     * {@value #MAX_VALUE_BYTES} bytes: every bin is a number or a boolean, and none a {@code u8}. Such rows can be
     * decoded when they are sent rather than when they are read.
     */
    public boolean decodesEveryRow() {
        return decodesEveryRow;
    }

    /**
     * The number of rows in a payload of {@code payloadLength} bytes.
     *
     * @throws RowDecodeException unless the length is a positive multiple of the row size
     */
    public int rowCount(int payloadLength) {
        if (payloadLength <= 0 || payloadLength % itemSize != 0) {
            throw new RowDecodeException("payload of " + payloadLength + " bytes is not a multiple of the "
                    + itemSize + "-byte row layout");
        }
        return payloadLength / itemSize;
    }

    /**
     * The user key of the row starting at {@code buf[rowOffset]}: a long for integer fields, a string without
     * trailing NULs for {@code S}, a blob for {@code V}.
     */
    public Value key(byte[] buf, int rowOffset) {
        checkRow(buf, rowOffset);
        return keyReader.read(buf, rowOffset + keyOffset);
    }

    /** A put of each bin of the row starting at {@code buf[rowOffset]}, in layout order. */
    public Operation[] puts(byte[] buf, int rowOffset) {
        checkRow(buf, rowOffset);
        Operation[] puts = new Operation[readers.length];
        for (int i = 0; i < puts.length; i++) {
            puts[i] = new Operation(Operation.Type.WRITE, binNames[i], readers[i].read(buf, rowOffset + offsets[i]));
        }
        return puts;
    }

    private void checkRow(byte[] buf, int rowOffset) {
        if (rowOffset < 0 || rowOffset > buf.length - itemSize) {
            throw new RowDecodeException("a " + itemSize + "-byte row at offset " + rowOffset
                    + " does not fit in a payload of " + buf.length + " bytes");
        }
    }
}
