package io.aerosink.connect.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small subset of JSON and Python literals that dtype descriptions and {@code .npy} headers use:
 * strings in single or double quotes, integers, {@code True False None} (and JSON's {@code true false null}),
 * lists, tuples and dicts with string keys. Lists and tuples both become {@link List}, integers {@link Long},
 * None {@link #NONE}.
 *
 * <p>Input comes from the network, so nesting is bounded and every failure is a {@link SyntaxException} with a
 * 1-based character position.
 */
final class LiteralParser {

    /** Python's None and JSON's null. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** Deep enough for any dtype NumPy writes (a descr nests three levels); shallow enough for the stack. */
    private static final int MAX_DEPTH = 32;

    /** A literal that cannot be read; the message ends with the character position. */
    static final class SyntaxException extends Exception {
        SyntaxException(String message) {
            super(message);
        }
    }

    private final String text;
    private int pos;

    private LiteralParser(String text) {
        this.text = text;
    }

    /** Parses one literal that must fill {@code text}, surrounding whitespace aside. */
    static Object parse(String text) throws SyntaxException {
        LiteralParser p = new LiteralParser(text);
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected text after the end of the value");
        }
        return value;
    }

    private Object value(int depth) throws SyntaxException {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of text, expected a value");
        }
        char c = text.charAt(pos);
        if (c == '[') {
            return sequence(']', depth);
        }
        if (c == '(') {
            return sequence(')', depth);
        }
        if (c == '{') {
            return dict(depth);
        }
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return integer();
        }
        if (Character.isLetter(c)) {
            return word();
        }
        throw error("unexpected character " + show(c));
    }

    private List<Object> sequence(char close, int depth) throws SyntaxException {
        pos++;
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == close) {
                pos++;
                return Collections.unmodifiableList(items);
            }
            items.add(value(depth + 1));
            if (!separator(close)) {
                pos++;
                return Collections.unmodifiableList(items);
            }
        }
    }

    private Map<String, Object> dict(int depth) throws SyntaxException {
        pos++;
        Map<String, Object> entries = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '}') {
                pos++;
                return Collections.unmodifiableMap(entries);
            }
            if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
                throw error("expected a quoted key or '}'");
            }
            String key = string();
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != ':') {
                throw error("expected ':' after key '" + key + "'");
            }
            pos++;
            entries.put(key, value(depth + 1));
            if (!separator('}')) {
                pos++;
                return Collections.unmodifiableMap(entries);
            }
        }
    }

    /** After an item: consumes a comma and returns true, or finds {@code close} (left for the caller) and returns false. */
    private boolean separator(char close) throws SyntaxException {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of text, expected ',' or '" + close + "'");
        }
        char c = text.charAt(pos);
        if (c == ',') {
            pos++;
            return true;
        }
        if (c == close) {
            return false;
        }
        throw error("expected ',' or '" + close + "' but found " + show(c));
    }

    private String string() throws SyntaxException {
        char quote = text.charAt(pos);
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '\\', '\'', '"', '/' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case '0' -> sb.append('\0');
                case 'x' -> sb.appendCodePoint(hex(2));
                case 'u' -> sb.appendCodePoint(hex(4));
                case 'U' -> {
                    int cp = hex(8);
                    if (!Character.isValidCodePoint(cp)) {
                        throw error("escape \\U" + Integer.toHexString(cp) + " is not a valid code point");
                    }
                    sb.appendCodePoint(cp);
                }
                default -> throw error("unknown escape after a backslash: " + show(e));
            }
        }
        pos = start;
        throw error("string is not closed");
    }

    private int hex(int digits) throws SyntaxException {
        if (pos + digits > text.length()) {
            throw error("incomplete escape");
        }
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw error("bad hex digit in escape");
            }
            v = (v << 4) | d;
        }
        pos += digits;
        return v;
    }

    private Long integer() throws SyntaxException {
        int start = pos;
        boolean negative = text.charAt(pos) == '-';
        if (negative) {
            pos++;
        }
        long v = 0;
        int digits = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            int d = text.charAt(pos++) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                pos = start;
                throw error("integer is too large");
            }
            v = v * 10 + d;
            digits++;
        }
        if (digits == 0) {
            throw error("expected a digit after '-'");
        }
        // Headers written by NumPy under Python 2 spell long integers with an L suffix, e.g. (3L,).
        if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            throw error("only integers are expected here");
        }
        return negative ? -v : v;
    }

    private Object word() throws SyntaxException {
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        String w = text.substring(start, pos);
        switch (w) {
            case "True", "true" -> {
                return Boolean.TRUE;
            }
            case "False", "false" -> {
                return Boolean.FALSE;
            }
            case "None", "null" -> {
                return NONE;
            }
            default -> {
                pos = start;
                throw error("unexpected word '" + (w.length() > 20 ? w.substring(0, 20) + "..." : w) + "'");
            }
        }
    }

    /** A character as it can be shown in a message, whatever bytes a corrupt payload held. */
    private static String show(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private SyntaxException error(String problem) {
        return new SyntaxException(problem + " at character " + (pos + 1));
    }
}
