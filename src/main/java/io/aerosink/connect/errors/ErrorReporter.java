package io.aerosink.connect.errors;

/** Where keys that cannot be written go. Called from the task thread only. */
public interface ErrorReporter {

    /**
     * Hands one failed key over. Returns once the failure is owned elsewhere (a DLQ send the worker awaits
     * before it commits offsets, or a log line); throws a {@code ConnectException} when the task must stop.
     */
    void report(KeyFailure failure);
}
