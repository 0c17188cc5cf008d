package io.aerosink.connect.layout;

/**
 * A {@code .npy} payload that is not a well-formed, supported NumPy file: bad magic, unknown version, a
 * header that cannot be parsed, a dtype AeroSink cannot decode, or data whose length does not match the
 * header's shape.
 *
 * <p>It is a {@link RowDecodeException} so that a caller can treat every bad payload alike.
 */
public class NpyFormatException extends RowDecodeException {

    public NpyFormatException(String message) {
        super(null, message, null);
    }

    NpyFormatException(String message, Throwable cause) {
        super(null, message, cause);
    }
}
