package io.aerosink.connect.errors;

import org.apache.kafka.connect.errors.ConnectException;

/** A failed key as an exception: what the DLQ's error context and a stopped task show. */
public final class KeyFailureException extends ConnectException {

    public KeyFailureException(KeyFailure failure) {
        super("Could not write " + failure.describe());
    }
}
