package io.aerosink.connect.errors;

import java.util.concurrent.Future;

/** {@code errors.tolerance=none}: the first failed key stops the task, naming the record and the reason. */
public final class FailTaskReporter implements ErrorReporter {

    @Override
    public Future<?> report(KeyFailure failure) {
        throw new KeyFailureException(failure);
    }
}
