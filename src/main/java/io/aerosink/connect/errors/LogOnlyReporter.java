package io.aerosink.connect.errors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code errors.tolerance=all} without a dead-letter topic or error log: the user chose to skip bad records,
 * so each one is skipped with a log line that says which.
 */
public final class LogOnlyReporter implements ErrorReporter {

    private static final Logger LOG = LoggerFactory.getLogger(LogOnlyReporter.class);

    @Override
    public Future<?> report(KeyFailure failure) {
        LOG.warn("Skipped (errors.tolerance=all, no dead-letter queue configured): {}", failure.describe());
        return CompletableFuture.completedFuture(null);
    }
}
