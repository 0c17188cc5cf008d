package io.aerosink.connect.avro;

import org.apache.kafka.connect.errors.DataException;

/** A payload that cannot be read as Avro with its writer schema: a data error of that record alone. */
public final class AvroDecodeException extends DataException {

    private static final long serialVersionUID = 1L;

    public AvroDecodeException(String message) {
        super(message);
    }
}
