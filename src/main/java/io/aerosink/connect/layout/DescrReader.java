package io.aerosink.connect.layout;

import java.util.List;

/**
 * Turns a parsed NumPy {@code dtype.descr} (a list of {@code (name, type)} or {@code (name, type, shape)}
 * entries, from JSON or from a {@code .npy} header) into a {@link RowLayout}.
 */
final class DescrReader {

    private DescrReader() {
    }

    static RowLayout read(Object descr) {
        if (!(descr instanceof List)) {
            throw new LayoutException("a dtype descr must be a list of [name, type] or [name, type, shape] entries");
        }
        LayoutBuilder builder = new LayoutBuilder();
        for (Object entry : (List<?>) descr) {
            int position = builder.nextPosition();
            if (!(entry instanceof List) || ((List<?>) entry).size() < 2 || ((List<?>) entry).size() > 3) {
                throw new LayoutException("entry at position " + position
                        + " must be [name, type] or [name, type, shape], not " + brief(entry));
            }
            List<?> parts = (List<?>) entry;
            String name = nameOf(parts.get(0), position);
            Object type = parts.get(1);
            if (type instanceof List) {
                throw new LayoutException(name, position,
                        "nested structured fields are not supported; flatten them into top-level fields");
            }
            if (!(type instanceof String)) {
                throw new LayoutException(name, position, "type must be a string such as '<f8', not " + brief(type));
            }
            long[] shape = parts.size() == 3 ? shapeOf(parts.get(2), name, position) : new long[0];
            builder.add(name, (String) type, shape);
        }
        return builder.build();
    }

    /** A plain name, or NumPy's {@code (title, name)} pair for a titled field, whose title is dropped. */
    private static String nameOf(Object name, int position) {
        if (name instanceof String) {
            return (String) name;
        }
        if (name instanceof List && ((List<?>) name).size() == 2 && ((List<?>) name).get(1) instanceof String) {
            return (String) ((List<?>) name).get(1);
        }
        throw new LayoutException("entry at position " + position + ": field name must be a string, not " + brief(name));
    }

    private static long[] shapeOf(Object shape, String name, int position) {
        if (shape instanceof Long) {
            return new long[] {(Long) shape};
        }
        if (shape instanceof List) {
            List<?> dims = (List<?>) shape;
            long[] out = new long[dims.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(dims.get(i) instanceof Long)) {
                    throw new LayoutException(name, position, "shape must hold integers, not " + brief(dims.get(i)));
                }
                out[i] = (Long) dims.get(i);
            }
            return out;
        }
        throw new LayoutException(name, position, "shape must be a list of integers such as [128], not " + brief(shape));
    }

    /** A value from untrusted input, cut short enough for an error message. */
    private static String brief(Object value) {
        String s = value instanceof String ? "'" + value + "'" : String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
