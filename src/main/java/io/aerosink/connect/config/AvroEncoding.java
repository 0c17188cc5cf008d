package io.aerosink.connect.config;

/** How an Avro value is framed ({@code value.avro.encoding}), which tells where its writer schema comes from. */
public enum AvroEncoding {
    /** Magic byte 0, a 4-byte big-endian schema id from the schema registry, then the Avro body. */
    CONFLUENT,
    /** Avro's single-object encoding: {@code C3 01}, the schema's 8-byte fingerprint, then the body. */
    SINGLE_OBJECT,
    /** The bare Avro body, written with {@code value.avro.schema}. */
    BINARY
}
