package io.aerosink.connect.errors;

/** {@code errors.tolerance=none}: the first failed key stops the task, naming the record and the reason. */
public final class FailTaskReporter implements ErrorReporter {

    @Override
    public void report(KeyFailure failure) {
        throw new KeyFailureException(failure);
    }
}
