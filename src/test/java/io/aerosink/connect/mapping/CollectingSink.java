package io.aerosink.connect.mapping;

import java.util.ArrayList;
import java.util.List;

import io.aerosink.connect.errors.KeyFailure;

/** Keeps what a converter produced, for assertions. */
final class CollectingSink implements ConversionSink {

    final List<KeyWrite> writes = new ArrayList<>();
    final List<KeyFailure> failures = new ArrayList<>();

    @Override
    public void write(KeyWrite write) {
        writes.add(write);
    }

    @Override
    public void fail(KeyFailure failure) {
        failures.add(failure);
    }
}
