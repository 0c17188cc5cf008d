package io.aerosink.connect.layout;

/** How a subarray field (a field with a shape, e.g. {@code (128,)<f4}) becomes a bin value. */
public enum SubarrayAs {
    /** A blob of the subarray's raw bytes in the row's byte order, ready for {@code np.frombuffer}. */
    BLOB,
    /**
     * An Aerospike list of the elements, flattened in C (row-major) order whatever the shape: integers as
     * Long, floats as Double, {@code b1} as Boolean, {@code S<n>} as for {@link BytesAs}, {@code V<n>} as blobs.
     */
    LIST
}
