package io.aerosink.connect.layout;

/**
 * A row layout that cannot be used: bad syntax, an unsupported or malformed type, a duplicate name, or a
 * key or bin that Aerospike cannot take.
 *
 * <p>When the problem belongs to one field, {@link #fieldName()} and {@link #position()} name it and the
 * message starts with {@code field 'name' (position N):}. Syntax errors say at which character (1-based) of the
 * layout text they were found; those that precede any field name report position 0 and no field.
 */
public class LayoutException extends IllegalArgumentException {

    private final String fieldName;
    private final int position;

    /** A problem with the layout as a whole (no field to blame). */
    public LayoutException(String message) {
        this(null, 0, message, null);
    }

    LayoutException(String message, Throwable cause) {
        this(null, 0, message, cause);
    }

    /** A problem with a field that is not in the layout, so has no position. */
    LayoutException(String fieldName, String message) {
        this(fieldName, 0, message, null);
    }

    /** A problem with one field; the message is prefixed with the field name and position. */
    public LayoutException(String fieldName, int position, String problem) {
        this(fieldName, position, describe(fieldName, position) + ": " + problem, null);
    }

    private LayoutException(String fieldName, int position, String message, Throwable cause) {
        super(message, cause);
        this.fieldName = fieldName;
        this.position = position;
    }

    /** Name of the offending field ({@code ""} for an unnamed padding field), or null if none is to blame. */
    public String fieldName() {
        return fieldName;
    }

    /** 1-based index of the offending field in the layout, or 0 if no field is to blame. */
    public int position() {
        return position;
    }

    static String describe(String fieldName, int position) {
        String name = fieldName.isEmpty() ? "unnamed field" : "field '" + fieldName + "'";
        return name + " (position " + position + ")";
    }
}
