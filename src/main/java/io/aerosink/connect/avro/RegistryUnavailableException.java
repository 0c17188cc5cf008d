package io.aerosink.connect.avro;

import org.apache.kafka.connect.errors.RetriableException;

/**
 * The schema registry could not answer (unreachable, timed out, a server error): an outage, so the records wait
 * and are delivered again, never dead-lettered.
 */
public final class RegistryUnavailableException extends RetriableException {

    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
