package io.aerosink.connect.mapping;

import org.apache.kafka.connect.errors.DataException;

/** A record that cannot become an Aerospike write; the message names the field at fault. */
public final class MappingException extends DataException {

    public MappingException(String message) {
        super(message);
    }
}
