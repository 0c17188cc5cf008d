package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.List;

import com.aerospike.client.Operation;

import io.aerosink.connect.config.WriteAction;

/**
 * Folds a new write of a key into the one still waiting before it, when one write can have exactly the effect
 * of both applied in order. Only writes of the same partition are folded, so that closing a partition never
 * takes another partition's record with it.
 */
final class WriteReducer {

    private WriteReducer() {
    }

    /** Folds {@code later} into {@code earlier} and returns true, or returns false when they must both be sent. */
    static boolean fold(PendingWrite earlier, PendingWrite later) {
        if (!samePartition(earlier, later) || !foldEffect(earlier, later)) {
            return false;
        }
        later.absorbed = earlier.absorbed;
        earlier.absorbed = later;
        return true;
    }

    private static boolean foldEffect(PendingWrite earlier, PendingWrite later) {
        if (later.isDelete()) {
            earlier.puts = null;
            earlier.action = null;
            earlier.ttl = 0;
            return true;
        }
        if (later.action == WriteAction.REPLACE) {
            earlier.puts = later.puts;
            earlier.action = WriteAction.REPLACE;
            earlier.ttl = later.ttl;
            return true;
        }
        if (later.action != WriteAction.UPSERT) {
            return false;
        }
        if (earlier.isDelete()) {
            // An upsert that keeps the existing TTL would keep it from a record that the delete removed.
            if (later.ttl == -2) {
                return false;
            }
            earlier.puts = later.puts;
            earlier.action = WriteAction.REPLACE;
            earlier.ttl = later.ttl;
            return true;
        }
        if (earlier.action == WriteAction.UPSERT || earlier.action == WriteAction.REPLACE) {
            earlier.puts = overlay(earlier.puts, later.puts);
            earlier.ttl = later.ttl == -2 ? earlier.ttl : later.ttl;
            return true;
        }
        return false;
    }

    private static boolean samePartition(PendingWrite a, PendingWrite b) {
        return a.ticket.record().originalKafkaPartition().equals(b.ticket.record().originalKafkaPartition())
                && a.ticket.record().originalTopic().equals(b.ticket.record().originalTopic());
    }

    private static Operation[] overlay(Operation[] base, Operation[] top) {
        List<Operation> merged = new ArrayList<>(base.length + top.length);
        for (Operation put : base) {
            if (!contains(top, put.binName)) {
                merged.add(put);
            }
        }
        merged.addAll(List.of(top));
        return merged.toArray(new Operation[0]);
    }

    private static boolean contains(Operation[] puts, String binName) {
        for (Operation put : puts) {
            if (put.binName.equals(binName)) {
                return true;
            }
        }
        return false;
    }
}
