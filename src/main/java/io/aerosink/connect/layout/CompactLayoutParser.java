package io.aerosink.connect.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the compact layout spelling: {@code name:type} entries separated by commas, each type optionally
 * preceded by a shape such as {@code (128,)} or {@code (2,3)}; an empty name is padding. Whitespace around
 * names, shapes and types is ignored.
 */
final class CompactLayoutParser {

    private final String spec;
    private final LayoutBuilder builder = new LayoutBuilder();
    private int pos;

    private CompactLayoutParser(String spec) {
        this.spec = spec;
    }

    static RowLayout parse(String spec) {
        CompactLayoutParser p = new CompactLayoutParser(spec);
        p.field();
        while (p.pos < spec.length()) {
            p.pos++;
            p.field();
        }
        return p.builder.build();
    }

    /** Reads one {@code name:[shape]type} entry and leaves {@link #pos} on the comma after it or at the end. */
    private void field() {
        int nameStart = pos;
        while (pos < spec.length() && spec.charAt(pos) != ':') {
            if (spec.charAt(pos) == ',') {
                throw syntax(pos, null, "expected ':' after field name '" + spec.substring(nameStart, pos).strip() + "'");
            }
            pos++;
        }
        String name = spec.substring(nameStart, pos).strip();
        if (pos == spec.length()) {
            throw syntax(pos, null,
                    name.isEmpty() ? "expected a field 'name:type'" : "expected ':' after field name '" + name + "'");
        }
        pos++;
        skipSpace();
        long[] shape = pos < spec.length() && spec.charAt(pos) == '(' ? shape(name) : new long[0];
        int typeStart = pos;
        while (pos < spec.length() && spec.charAt(pos) != ',') {
            pos++;
        }
        String type = spec.substring(typeStart, pos).strip();
        if (type.isEmpty()) {
            throw syntax(typeStart, name, "expected a type after the colon");
        }
        builder.add(name, type, shape);
    }

    private long[] shape(String name) {
        int open = pos++;
        List<Long> dims = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos < spec.length() && spec.charAt(pos) == ')') {
                pos++;
                break;
            }
            dims.add(dimension(name));
            skipSpace();
            if (pos < spec.length() && spec.charAt(pos) == ',') {
                pos++;
            } else if (pos < spec.length() && spec.charAt(pos) == ')') {
                pos++;
                break;
            } else {
                throw syntax(pos, name, "shape opened at character " + (open + 1) + " is not closed");
            }
        }
        skipSpace();
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private long dimension(String name) {
        int start = pos;
        if (pos < spec.length() && spec.charAt(pos) == '-') {
            pos++;
        }
        long v = 0;
        while (pos < spec.length() && spec.charAt(pos) >= '0' && spec.charAt(pos) <= '9') {
            v = Math.min(v * 10 + (spec.charAt(pos++) - '0'), Integer.MAX_VALUE + 1L);
        }
        if (pos == start || (pos == start + 1 && spec.charAt(start) == '-')) {
            throw syntax(start, name, "expected a number in the shape");
        }
        return spec.charAt(start) == '-' ? -v : v;
    }

    private void skipSpace() {
        while (pos < spec.length() && Character.isWhitespace(spec.charAt(pos))) {
            pos++;
        }
    }

    /** A syntax error, blamed on the field being read once its name is known ({@code name} non-null). */
    private LayoutException syntax(int at, String name, String problem) {
        String where = "syntax error at character " + (at + 1) + ": " + problem;
        return name == null
                ? new LayoutException("layout " + where)
                : new LayoutException(name, builder.nextPosition(), where);
    }
}
