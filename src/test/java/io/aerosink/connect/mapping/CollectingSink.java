package io.aerosink.connect.mapping;

import java.util.ArrayList;
import java.util.List;

import io.aerosink.connect.errors.KeyFailure;
import io.aerosink.connect.write.PendingWrite;

/** Keeps what a converter produced, for assertions. */
final class CollectingSink implements ConversionSink {

    final List<PendingWrite> writes = new ArrayList<>();
    final List<KeyFailure> failures = new ArrayList<>();

    @Override
    public void write(PendingWrite write) {
        writes.add(write);
    }

    @Override
    public void fail(KeyFailure failure) {
        failures.add(failure);
    }
}
