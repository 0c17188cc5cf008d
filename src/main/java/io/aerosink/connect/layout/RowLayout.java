package io.aerosink.connect.layout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fixed byte layout of one row, as a NumPy structured dtype describes it: named fields of fixed size packed
 * back to back, with unnamed fields as padding.
 *
 * <p>{@link #parse} takes either spelling:
 * <ul>
 *   <li>compact: {@code _key:<i4, temperature:<f8, status:u1, embedding:(128,)<f4, :V3} (name, colon, optional
 *       shape, type; an empty name is padding);</li>
 *   <li>NumPy's {@code dtype.descr} as JSON, i.e. Python's {@code json.dumps(arr.dtype.descr)}:
 *       {@code [["_key","<i4"],["embedding","<f4",[128]],["","|V3"]]}.</li>
 * </ul>
 * Types are NumPy type strings: byte order, kind {@code b i u f S V} ({@code ?} alone is accepted for {@code b1}),
 * size in bytes. The byte order is {@code <} little-endian, {@code >} big-endian, {@code |} not applicable; an
 * absent order and {@code =} (NumPy's "native") are both read as little-endian, which is native on every platform
 * producers run NumPy on in practice (x86-64, ARM64): a big-endian producer must write {@code >}. Kinds {@code U}
 * (unicode), {@code O} (object), datetimes and complex numbers are refused, with a hint at what to use instead;
 * so are nested structured fields.
 *
 * <p>Immutable. Equality is structural, so a layout read from a {@code .npy} header can be compared with a
 * configured one.
 */
public final class RowLayout {

    private final List<LayoutField> fields;
    private final int itemSize;
    private final Map<String, LayoutField> byName;

    RowLayout(List<LayoutField> fields, int itemSize) {
        this.fields = List.copyOf(fields);
        this.itemSize = itemSize;
        this.byName = new HashMap<>();
        for (LayoutField f : fields) {
            if (!f.isPadding()) {
                byName.put(f.name(), f);
            }
        }
    }

    /**
     * Parses a layout in either spelling.
     *
     * @throws LayoutException naming the field and its 1-based position, or the 1-based character of a syntax
     *     error
     */
    public static RowLayout parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new LayoutException("empty layout: at least one field is needed, e.g. '_key:<i8, value:<f8'");
        }
        if (spec.strip().startsWith("[")) {
            Object descr;
            try {
                descr = LiteralParser.parse(spec);
            } catch (LiteralParser.SyntaxException e) {
                throw new LayoutException("layout syntax error: " + e.getMessage(), e);
            }
            return DescrReader.read(descr);
        }
        return CompactLayoutParser.parse(spec);
    }

    /** The fields in row order, padding included. */
    public List<LayoutField> fields() {
        return fields;
    }

    /** Size in bytes of one row (NumPy's {@code dtype.itemsize}). */
    public int itemSize() {
        return itemSize;
    }

    /** The named field, or null if there is none (padding has no name and is never returned). */
    public LayoutField field(String name) {
        return byName.get(name);
    }

    /** The compact spelling, which {@link #parse} reads back to an equal layout. */
    @Override
    public String toString() {
        return fields.stream().map(LayoutField::toString).collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof RowLayout && fields.equals(((RowLayout) o).fields));
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }
}
