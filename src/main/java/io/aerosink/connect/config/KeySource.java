package io.aerosink.connect.config;

/** Where the Aerospike user key is read from ({@code key.source}). */
public enum KeySource {
    /** The {@code key.field} of the record value. */
    VALUE,
    /** The Kafka record key: a primitive, or a struct/map holding {@code key.field}. */
    RECORD
}
