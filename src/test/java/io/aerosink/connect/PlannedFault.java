package io.aerosink.connect;

/**
 * A fault the schedule plans for the scripted server: the writer threads meet it on their next calls, so outcomes
 * are decided without the test thread's help.
 */
record PlannedFault(Kind kind, StoreKey key, int amount) {

    enum Kind {
        /** The next {@code amount} writes of {@code key} answer KEY_BUSY (14), not applied: transient. */
        KEY_BUSY,
        /** Every key of the next call answers DEVICE_OVERLOAD (18), not applied: transient. */
        OVERLOAD,
        /** The next call throws NO_RESPONSE without applying anything, nothing in doubt: an outage. */
        NO_RESPONSE,
        /** The next call throws a connection error without applying anything: an outage. */
        CONNECTION_LOST,
        /** The next call applies its writes, then throws NO_RESPONSE with every key in doubt. */
        APPLIED_IN_DOUBT,
        /** The next call takes {@code amount} ms longer: back-pressure, and writes in flight across a close. */
        SLOW
    }

    static PlannedFault keyBusy(StoreKey key, int times) {
        return new PlannedFault(Kind.KEY_BUSY, key, times);
    }

    static PlannedFault nextCall(Kind kind) {
        return new PlannedFault(kind, null, 0);
    }

    static PlannedFault slow(int ms) {
        return new PlannedFault(Kind.SLOW, null, ms);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case KEY_BUSY -> "KEY_BUSY x" + amount + " on " + key;
            case SLOW -> "next call slow " + amount + " ms";
            default -> "next call " + kind;
        };
    }
}
