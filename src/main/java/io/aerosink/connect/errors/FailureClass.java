package io.aerosink.connect.errors;

/** What a write outcome means for the record behind it. */
public enum FailureClass {
    /** Written (or, for a delete, already absent). */
    SUCCESS,
    /** Wrong for this key: dead-lettered at once. */
    DATA,
    /** Might succeed later for this key: retried with backoff up to {@code max.retries}, then dead-lettered. */
    TRANSIENT,
    /** The cluster or node is unreachable, slow or overloaded: retried without limit, never dead-lettered. */
    OUTAGE,
    /** A configuration problem no retry can fix: the task stops. */
    FATAL
}
