package io.aerosink.connect.layout;

/**
 * A payload whose bytes cannot be turned into a key and bins: a length that does not fit the layout, or a
 * value Aerospike cannot store (an unsigned 64-bit integer above {@link Long#MAX_VALUE}).
 *
 * <p>The message says what is wrong in the payload's own terms; the caller adds where the payload came from
 * (topic, partition, offset, row index).
 */
public class RowDecodeException extends RuntimeException {

    private final String fieldName;

    /** A problem with the payload as a whole. */
    public RowDecodeException(String message) {
        this(null, message, null);
    }

    /** A problem with one field's value; the message is prefixed with the field name. */
    public RowDecodeException(String fieldName, String problem) {
        this(fieldName, "field '" + fieldName + "': " + problem, null);
    }

    RowDecodeException(String fieldName, String message, Throwable cause) {
        super(message, cause);
        this.fieldName = fieldName;
    }

    /** Name of the field whose value could not be decoded, or null if the payload as a whole is at fault. */
    public String fieldName() {
        return fieldName;
    }
}
