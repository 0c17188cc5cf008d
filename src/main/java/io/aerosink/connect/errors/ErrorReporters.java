package io.aerosink.connect.errors;

import org.apache.kafka.connect.sink.ErrantRecordReporter;

/** Picks the {@link ErrorReporter} that matches the connector's {@code errors.*} settings. */
public final class ErrorReporters {

    private ErrorReporters() {
    }

    /** @param reporter the worker's reporter, null when no DLQ topic nor error log is configured */
    public static ErrorReporter create(boolean tolerateErrors, ErrantRecordReporter reporter) {
        if (!tolerateErrors) {
            return new FailTaskReporter();
        }
        return reporter == null ? new LogOnlyReporter() : new DeadLetterReporter(reporter);
    }
}
