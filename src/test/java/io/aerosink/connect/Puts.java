package io.aerosink.connect;

import com.aerospike.client.Bin;
import com.aerospike.client.Operation;

/** Writes carry one put operation per bin; tests state and compare them as bins, which have equality. */
public final class Puts {

    private Puts() {
    }

    public static Bin[] bins(Operation[] puts) {
        Bin[] bins = new Bin[puts.length];
        for (int i = 0; i < puts.length; i++) {
            bins[i] = new Bin(puts[i].binName, puts[i].value);
        }
        return bins;
    }

    public static Operation[] of(Bin... bins) {
        Operation[] puts = new Operation[bins.length];
        for (int i = 0; i < bins.length; i++) {
            puts[i] = Operation.put(bins[i]);
        }
        return puts;
    }
}
