package io.aerosink.connect.config;

/** What makes a write stale, so that Aerospike drops it ({@code write.fence}). */
public enum WriteFence {
    /** Every write is applied: the last one to arrive wins. */
    NONE,
    /** A write is applied only if no write of a later or equal offset of its partition has been. */
    OFFSET,
    /** A write is applied only if its {@code write.fence.field} value is greater than the stored one. */
    FIELD
}
