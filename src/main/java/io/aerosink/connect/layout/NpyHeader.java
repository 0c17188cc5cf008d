package io.aerosink.connect.layout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The header of a NumPy {@code .npy} payload (format versions 1.0, 2.0 and 3.0): the row layout from its
 * {@code descr}, the row count from its {@code shape}, and where the data starts.
 *
 * <p>Rules beyond the format itself:
 * <ul>
 *   <li>The dtype must be structured (a list {@code descr}); a plain dtype such as {@code '<f8'} is refused, as it
 *       has no field to take the key from.</li>
 *   <li>The rows are the array's items in storage order: a shape's dimensions multiply to the row count, and a 0-d
 *       shape {@code ()} is one row. A shape with a 0 dimension is an empty array of 0 rows.</li>
 *   <li>{@code fortran_order: True} is accepted only when at most one dimension is longer than 1, where it
 *       stores the items exactly as C order would.</li>
 *   <li>The data must be exactly rows &times; itemsize bytes: truncated data and trailing bytes are both refused.</li>
 * </ul>
 *
 * <p>{@link #parseFileHeader} reads the header of a {@code .npy} file instead, whose data is not at hand: there is
 * no data length to check, the row count may exceed an int, and a plain dtype is accepted (see there).
 *
 * <p>Every problem with the bytes is an {@link NpyFormatException}. Immutable.
 */
public final class NpyHeader {

    /** Bytes of the longest preamble (versions 2.0 and 3.0), enough for {@link #dataOffsetFromPreamble}. */
    public static final int PREAMBLE_BYTES = 12;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private final int majorVersion;
    private final RowLayout layout;
    private final long[] shape;
    private final boolean fortranOrder;
    private final long rowCount;
    private final int dataOffset;

    private NpyHeader(int majorVersion, RowLayout layout, long[] shape, boolean fortranOrder, long rowCount,
            int dataOffset) {
        this.majorVersion = majorVersion;
        this.layout = layout;
        this.shape = shape;
        this.fortranOrder = fortranOrder;
        this.rowCount = rowCount;
        this.dataOffset = dataOffset;
    }

    /**
     * Parses the header at the start of {@code payload} and checks that the rest of the payload is exactly the
     * data the header announces. Use {@link NpyHeaderCache} to parse each distinct header only once.
     *
     * @throws NpyFormatException if the payload is not a supported, well-formed {@code .npy} array
     */
    public static NpyHeader parse(byte[] payload) {
        NpyHeader header = parseHeader(payload, dataOffset(payload));
        header.checkDataLength(payload.length);
        return header;
    }

    /**
     * Parses the header of a {@code .npy} file from its first bytes: magic through the end of the header dict, as
     * many as {@link #dataOffsetFromPreamble} gives (any more are ignored). The data, which may be larger than any
     * payload, is the caller's to read. Unlike {@link #parse}, a plain dtype such as {@code '<f4'} is accepted: each
     * row is then one unnamed field holding the array's trailing axes, undoing the way NumPy folds a subarray
     * dtype into the shape, so shape {@code (6, 3)} is 6 rows of {@code :(3,)<f4}.
     *
     * @throws NpyFormatException if the bytes are not a supported, well-formed {@code .npy} header
     */
    public static NpyHeader parseFileHeader(byte[] headerBytes) {
        return parseHeader(headerBytes, dataOffset(headerBytes), true);
    }

    /**
     * Where the data of the {@code .npy} payload starts, read from the preamble alone (magic, version, header
     * length) and checked to lie within the payload.
     */
    static int dataOffset(byte[] payload) {
        long dataOffset = dataOffsetFromPreamble(payload);
        int preamble = payload[6] == 1 ? 10 : 12;
        if (dataOffset > payload.length) {
            throw new NpyFormatException("truncated .npy payload: the header says it is " + (dataOffset - preamble)
                    + " bytes but only " + (payload.length - preamble) + " follow the preamble");
        }
        return (int) dataOffset;
    }

    /**
     * Where the data starts, from the preamble alone: the first {@link #PREAMBLE_BYTES} bytes of a {@code .npy}
     * file or payload suffice (10 for version 1.0). The header itself is not looked at.
     *
     * @throws NpyFormatException for bad magic, an unsupported version or too few bytes
     */
    public static long dataOffsetFromPreamble(byte[] start) {
        if (start.length < 10) {
            throw new NpyFormatException("not a .npy payload: " + start.length
                    + " bytes is shorter than the 10-byte .npy preamble");
        }
        if (!Arrays.equals(start, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new NpyFormatException("not a .npy payload: it does not start with the magic bytes \\x93NUMPY");
        }
        int major = start[6] & 0xff;
        int minor = start[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException("unsupported .npy format version " + major + "." + minor
                    + "; versions 1.0, 2.0 and 3.0 are supported");
        }
        long headerLength;
        int preamble;
        if (major == 1) {
            headerLength = (start[8] & 0xff) | (start[9] & 0xff) << 8;
            preamble = 10;
        } else {
            if (start.length < 12) {
                throw new NpyFormatException("truncated .npy payload: " + start.length
                        + " bytes is shorter than the 12-byte version " + major + ".0 preamble");
            }
            headerLength = (start[8] & 0xffL) | (start[9] & 0xffL) << 8 | (start[10] & 0xffL) << 16
                    | (start[11] & 0xffL) << 24;
            preamble = 12;
        }
        return preamble + headerLength;
    }

    /** Parses the header dict that ends at {@code dataOffset}, which {@link #dataOffset(byte[])} has checked. */
    static NpyHeader parseHeader(byte[] payload, int dataOffset) {
        return parseHeader(payload, dataOffset, false);
    }

    private static NpyHeader parseHeader(byte[] payload, int dataOffset, boolean ofFile) {
        int major = payload[6] & 0xff;
        int preamble = major == 1 ? 10 : 12;
        String text = new String(payload, preamble, dataOffset - preamble,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Object dict;
        try {
            dict = LiteralParser.parse(text);
        } catch (LiteralParser.SyntaxException e) {
            throw new NpyFormatException("corrupt .npy header: " + e.getMessage(), e);
        }
        if (!(dict instanceof Map)) {
            throw new NpyFormatException("corrupt .npy header: it is not a dict of 'descr', 'fortran_order', 'shape'");
        }
        Map<?, ?> entries = (Map<?, ?>) dict;
        Object descr = required(entries, "descr");
        // A file's plain dtype is sized by the shape, so it is read once the shape is.
        RowLayout layout = ofFile && descr instanceof String ? null : layoutOf(descr);
        Object fortran = required(entries, "fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw new NpyFormatException("corrupt .npy header: 'fortran_order' must be True or False");
        }
        long[] shape = shapeOf(required(entries, "shape"));
        boolean fortranOrder = (Boolean) fortran;
        if (fortranOrder && Arrays.stream(shape).filter(d -> d > 1).count() > 1) {
            throw new NpyFormatException("a Fortran-ordered array of shape " + show(shape) + " is not supported;"
                    + " save it in C order, e.g. np.save(f, np.ascontiguousarray(arr))");
        }
        long[] rowDims = shape;
        if (layout == null) {
            layout = plainRowLayout((String) descr, shape);
            rowDims = Arrays.copyOf(shape, Math.min(shape.length, 1));
        }
        long rowCount = rowCountOf(rowDims, layout.itemSize(), ofFile);
        return new NpyHeader(major, layout, shape, fortranOrder, rowCount, dataOffset);
    }

    private static Object required(Map<?, ?> entries, String key) {
        Object value = entries.get(key);
        if (value == null) {
            throw new NpyFormatException("corrupt .npy header: it has no '" + key + "' entry");
        }
        return value;
    }

    private static RowLayout layoutOf(Object descr) {
        if (descr instanceof String) {
            throw new NpyFormatException("the .npy array has the plain dtype '" + descr + "' with no fields;"
                    + " a structured dtype with a key field is needed, e.g. [('_key', '<i8'), ('value', '<f8')]");
        }
        if (!(descr instanceof List)) {
            throw new NpyFormatException("the .npy header's 'descr' is neither a dtype string nor a list of fields");
        }
        try {
            return DescrReader.read(descr);
        } catch (LayoutException e) {
            throw new NpyFormatException("the .npy array's dtype is not supported: " + e.getMessage(), e);
        }
    }

    /** One unnamed field per row: the plain dtype, shaped as the array's axes after the first. */
    private static RowLayout plainRowLayout(String type, long[] shape) {
        LayoutBuilder builder = new LayoutBuilder();
        try {
            builder.add("", type, Arrays.copyOfRange(shape, Math.min(shape.length, 1), shape.length));
        } catch (LayoutException e) {
            throw new NpyFormatException("the .npy array's dtype is not supported: " + e.getMessage(), e);
        }
        return builder.build();
    }

    private static long[] shapeOf(Object shape) {
        if (!(shape instanceof List)) {
            throw new NpyFormatException("corrupt .npy header: 'shape' must be a tuple of integers");
        }
        List<?> dims = (List<?>) shape;
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(dims.get(i) instanceof Long) || (Long) dims.get(i) < 0) {
                throw new NpyFormatException("corrupt .npy header: 'shape' must hold integers of at least 0");
            }
            out[i] = (Long) dims.get(i);
        }
        return out;
    }

    /** The product of the dimensions, refused when the data it needs could not fit in one payload or file. */
    private static long rowCountOf(long[] shape, int itemSize, boolean ofFile) {
        long maxRows = (ofFile ? Long.MAX_VALUE : Integer.MAX_VALUE) / itemSize;
        long rows = 1;
        for (long d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        for (long d : shape) {
            if (d > maxRows / rows) {
                throw new NpyFormatException("the .npy shape " + show(shape) + " of " + itemSize
                        + "-byte rows needs more data than a " + (ofFile ? "file" : "payload") + " can hold");
            }
            rows *= d;
        }
        return rows;
    }

    private static String show(long[] shape) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return "(" + dims + (shape.length == 1 ? ",)" : ")");
    }

    /**
     * Checks that a payload of {@code payloadLength} bytes with this header holds exactly the rows announced.
     *
     * @throws NpyFormatException for truncated data or trailing bytes
     */
    public void checkDataLength(int payloadLength) {
        long expected = (long) rowCount * layout.itemSize();
        long actual = payloadLength - (long) dataOffset;
        if (actual < expected) {
            throw new NpyFormatException("truncated .npy payload: the shape " + show(shape) + " of "
                    + layout.itemSize() + "-byte rows needs " + expected + " bytes of data but " + actual + " follow the header");
        }
        if (actual > expected) {
            throw new NpyFormatException(".npy payload has " + (actual - expected) + " bytes after the "
                    + expected + " bytes of data its shape " + show(shape) + " announces");
        }
    }

    /** The format's major version: 1, 2 or 3 (the minor version is always 0). */
    public int majorVersion() {
        return majorVersion;
    }

    /** The row layout from the header's {@code descr}. */
    public RowLayout layout() {
        return layout;
    }

    /** The array's shape as the header gives it. */
    public long[] shape() {
        return shape.clone();
    }

    public boolean fortranOrder() {
        return fortranOrder;
    }

    /**
     * Rows in the payload: the product of the shape, 1 for a 0-d array, 0 for an empty one.
     *
     * @throws ArithmeticException for a file header of more rows than an int holds; see {@link #rowCountLong()}
     */
    public int rowCount() {
        return Math.toIntExact(rowCount);
    }

    /** Rows in the payload or file, as {@link #rowCount()} counts them; only a file's may exceed an int. */
    public long rowCountLong() {
        return rowCount;
    }

    /** Offset in the payload of the first row, right after the header. */
    public int dataOffset() {
        return dataOffset;
    }

    /** Offset in the payload of row {@code row} (0-based). */
    public int rowOffset(int row) {
        return dataOffset + row * layout.itemSize();
    }
}
