package io.aerosink.connect.layout;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One field of a {@link RowLayout}: its name, type, shape and place in the row.
 *
 * <p>Equality is structural (name, kind, element size, byte order, shape); where the byte order cannot change
 * a value (one-byte numbers, {@code S}, {@code V}) it is always reported as little-endian.
 */
public final class LayoutField {

    private final String name;
    private final int position;
    private final TypeCode type;
    private final int[] shape;
    private final int elementCount;
    private final int offset;

    LayoutField(String name, int position, TypeCode type, int[] shape, int elementCount, int offset) {
        this.name = name;
        this.position = position;
        this.type = type;
        this.shape = shape;
        this.elementCount = elementCount;
        this.offset = offset;
    }

    /** The field name; {@code ""} for unnamed padding. */
    public String name() {
        return name;
    }

    /** 1-based index of the field in its layout, padding included. */
    public int position() {
        return position;
    }

    public Kind kind() {
        return type.kind();
    }

    /** Size in bytes of one element: 8 for {@code <f8}, 16 for {@code S16}. */
    public int elementSize() {
        return type.size();
    }

    public ByteOrder byteOrder() {
        return type.order();
    }

    /** The subarray shape, empty for a scalar field. */
    public int[] shape() {
        return shape.clone();
    }

    public boolean isSubarray() {
        return shape.length > 0;
    }

    /** Number of elements: the product of the shape, 1 for a scalar. */
    public int elementCount() {
        return elementCount;
    }

    /** Size in bytes of the whole field. */
    public int size() {
        return elementCount * type.size();
    }

    /** Byte offset of the field from the start of its row. */
    public int offset() {
        return offset;
    }

    /** Unnamed fields are padding: they take room in the row and never become bins. */
    public boolean isPadding() {
        return name.isEmpty();
    }

    /** The type in NumPy's spelling without the shape, e.g. {@code <f4}. */
    public String typeCode() {
        return type.toString();
    }

    /** The compact spelling, e.g. {@code embedding:(128,)<f4}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(':');
        if (shape.length > 0) {
            sb.append('(');
            for (int i = 0; i < shape.length; i++) {
                sb.append(i == 0 ? "" : ",").append(shape[i]);
            }
            sb.append(shape.length == 1 ? ",)" : ")");
        }
        return sb.append(type).toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LayoutField)) {
            return false;
        }
        LayoutField other = (LayoutField) o;
        return name.equals(other.name) && type.equals(other.type) && Arrays.equals(shape, other.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type) * 31 + Arrays.hashCode(shape);
    }
}
