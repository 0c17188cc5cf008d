package io.aerosink.connect.write;

import io.aerosink.connect.errors.KeyFailure;

/** A write that failed for good, waiting for the task thread to report it; its record is done after that. */
public record FailedWrite(KeyFailure failure, RecordTicket ticket) {
}
