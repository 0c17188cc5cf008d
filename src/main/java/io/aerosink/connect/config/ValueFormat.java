package io.aerosink.connect.config;

/** How record values are read ({@code value.format}). */
public enum ValueFormat {
    /** A Connect {@code Struct} or a schemaless {@code Map}, whatever converter produced it. */
    AUTO,
    /** Packed fixed-layout rows described by {@code value.layout}. */
    FIXED,
    /** A {@code .npy} payload whose header carries the layout. */
    NPY,
    /** Avro binary, decoded by the connector itself; framed as {@code value.avro.encoding} says. */
    AVRO
}
