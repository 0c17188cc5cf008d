package io.aerosink.connect.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python literal subset a .npy header uses: dicts, lists, tuples, quoted strings, integers,
 * True, False and None. Tuples and lists both become {@link List}, integers {@link Long}.
 */
final class PythonLiteral {

    private final String text;
    private int pos;

    private PythonLiteral(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        PythonLiteral parser = new PythonLiteral(text);
        Object value = parser.value();
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("trailing text");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict();
            case '[':
                return sequence(']');
            case '(':
                return sequence(')');
            case '\'':
            case '"':
                return string(c);
            default:
                return c == '-' || Character.isDigit(c) ? integer() : word();
        }
    }

    private Map<Object, Object> dict() {
        Map<Object, Object> map = new LinkedHashMap<>();
        pos++;
        while (!closes('}')) {
            Object key = value();
            expect(':');
            map.put(key, value());
            separator('}');
        }
        return map;
    }

    private List<Object> sequence(char close) {
        List<Object> items = new ArrayList<>();
        pos++;
        while (!closes(close)) {
            items.add(value());
            separator(close);
        }
        return items;
    }

    private String string(char quote) {
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw error("unterminated string");
        }
        String s = text.substring(pos + 1, end);
        pos = end + 1;
        return s;
    }

    private Long integer() {
        int start = pos;
        pos++;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        return Long.parseLong(text.substring(start, pos));
    }

    private Object word() {
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        switch (text.substring(start, pos)) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            default:
                pos = start;
                throw error("unexpected token");
        }
    }

    /** Consumes {@code close} if it is next; trailing commas are legal in Python. */
    private boolean closes(char close) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == close) {
            pos++;
            return true;
        }
        return false;
    }

    private void separator(char close) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
        } else if (pos >= text.length() || text.charAt(pos) != close) {
            throw error("expected ',' or '" + close + "'");
        }
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos + " of .npy header: " + text.strip());
    }
}
