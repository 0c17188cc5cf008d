package io.aerosink.connect.avro;

import com.aerospike.client.Value;

/**
 * Reads one value of one writer schema straight from Avro binary into what Aerospike stores: integers as long,
 * floats as double, strings, bytes, lists and maps. Compiled once per schema by {@link ValueReaders}.
 */
public abstract class ValueReader {

    /** The value as a Java object for a list or map (null for Avro null). */
    public abstract Object read(AvroInput in);

    /** The value as a bin value, or null for Avro null (no bin). */
    public Value bin(AvroInput in) {
        Object value = read(in);
        return value == null ? null : Value.get(value);
    }

    /** Moves past the value without building it, for fields that are not written. */
    public void skip(AvroInput in) {
        read(in);
    }

    /** The fewest bytes the value can take: a bound on how many items a block's count can claim. */
    abstract int minBytes();
}
