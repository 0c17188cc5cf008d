package io.aerosink.connect.errors;

import java.util.concurrent.Future;

/** Where keys that cannot be written go. Called from the task thread only. */
public interface ErrorReporter {

    /**
     * Hands one failed key over and returns its acknowledgement: the key is safe (in the dead-letter queue, or
     * logged) once the future completes normally. Throws a {@code ConnectException} when the task must stop.
     */
    Future<?> report(KeyFailure failure);
}
