package io.aerosink.connect.tls;

import org.apache.kafka.connect.errors.ConnectException;

/** A key or trust store that cannot be used, with the setting to fix; the message never holds a password. */
public final class StoreException extends ConnectException {

    private final String key;

    StoreException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The setting whose value is wrong. */
    public String key() {
        return key;
    }
}
