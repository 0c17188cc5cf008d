package io.aerosink.connect.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks fields one at a time, in row order, and lays them out back to back as NumPy packs them. */
final class LayoutBuilder {

    /** Rows are indexed with int offsets; leave headroom so that offset arithmetic never overflows. */
    static final int MAX_ITEM_SIZE = Integer.MAX_VALUE / 2;

    private final List<LayoutField> fields = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private long offset;

    /** Position (1-based) that the next field will have, for error messages raised before {@link #add}. */
    int nextPosition() {
        return fields.size() + 1;
    }

    /** Adds a field; {@code shape} is empty for a scalar and may hold any values, which are checked here. */
    void add(String name, String typeCode, long[] shape) {
        int position = nextPosition();
        if (!name.isEmpty()) {
            Integer first = positions.putIfAbsent(name, position);
            if (first != null) {
                throw new LayoutException(name, position, "duplicate name; already used at position " + first);
            }
        }
        TypeCode type = TypeCode.parse(typeCode, name, position);
        int[] dims = new int[shape.length];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0) {
                throw new LayoutException(name, position,
                        "shape dimension " + (i + 1) + " is " + shape[i] + "; dimensions must be at least 1");
            }
            count *= Math.min(shape[i], MAX_ITEM_SIZE + 1L);
            if (count > MAX_ITEM_SIZE / type.size()) {
                throw new LayoutException(name, position, "subarray is too large");
            }
            dims[i] = (int) shape[i];
        }
        if (offset + count * type.size() > MAX_ITEM_SIZE) {
            throw new LayoutException(name, position, "the row layout is too large (over " + MAX_ITEM_SIZE + " bytes)");
        }
        fields.add(new LayoutField(name, position, type, dims, (int) count, (int) offset));
        offset += count * type.size();
    }

    RowLayout build() {
        if (fields.isEmpty()) {
            throw new LayoutException("empty layout: at least one field is needed, e.g. '_key:<i8, value:<f8'");
        }
        return new RowLayout(fields, (int) offset);
    }
}
