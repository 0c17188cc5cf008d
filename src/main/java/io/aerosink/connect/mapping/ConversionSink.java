package io.aerosink.connect.mapping;

import io.aerosink.connect.errors.KeyFailure;
import io.aerosink.connect.write.PendingWrite;

/** Receives what a record turns into: writes, and failures of single rows that do not sink the record. */
public interface ConversionSink {

    void write(PendingWrite write);

    void fail(KeyFailure failure);
}
