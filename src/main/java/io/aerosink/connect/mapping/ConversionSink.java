package io.aerosink.connect.mapping;

import io.aerosink.connect.errors.KeyFailure;

/** Receives what a record turns into: writes, and failures of single rows that do not sink the record. */
public interface ConversionSink {

    void write(KeyWrite write);

    void fail(KeyFailure failure);
}
