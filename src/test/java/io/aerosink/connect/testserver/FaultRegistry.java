package io.aerosink.connect.testserver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Holds injected faults and works out which ones fire for a record or a batch. */
final class FaultRegistry {

    /** The combined effect of all faults firing for one record command; {@code hold} is the hold fault, or null. */
    record Effect(int resultCode, long delayMillis, boolean closeWithoutReply, boolean applyThenClose, Fault hold) {
        static final Effect NONE = new Effect(0, 0, false, false, null);
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    void add(Fault fault) {
        faults.add(fault);
    }

    void clear() {
        faults.clear();
    }

    Effect forRecord(String namespace, byte[] digest) {
        if (faults.isEmpty()) {
            return Effect.NONE;
        }
        int rc = 0;
        long delay = 0;
        boolean close = false;
        boolean applyThenClose = false;
        Fault hold = null;
        for (Fault f : faults) {
            if (f.kind() == Fault.Kind.BATCH_LAST_RESULT_CODE || !f.matches(namespace, digest)
                    || (f.kind() == Fault.Kind.RESULT_CODE && rc != 0)
                    || (f.kind() == Fault.Kind.HOLD && (hold != null || !f.holds())) || !f.tryHit()) {
                continue;
            }
            switch (f.kind()) {
                case RESULT_CODE -> rc = f.code();
                case DELAY -> delay = Math.max(delay, f.delayMillis());
                case HOLD -> hold = f;
                case CLOSE_WITHOUT_REPLY -> close = true;
                case APPLY_THEN_CLOSE -> applyThenClose = true;
                default -> throw new IllegalStateException(f.toString());
            }
        }
        return new Effect(rc, delay, close, applyThenClose, hold);
    }

    /**
     * Puts a request whose records had these effects into the queue of its hold: of the holds among them, the one
     * injected first (a request waits for one hold only). {@link Fault.Pass#THROUGH} when none holds it.
     */
    Fault.Pass admit(Effect... effects) {
        Fault chosen = null;
        for (Effect e : effects) {
            if (e.hold() != null && (chosen == null || injectedBefore(e.hold(), chosen))) {
                chosen = e.hold();
            }
        }
        return chosen == null ? Fault.Pass.THROUGH : chosen.admit();
    }

    private boolean injectedBefore(Fault a, Fault b) {
        int ia = faults.indexOf(a);
        int ib = faults.indexOf(b);
        return ia >= 0 && (ib < 0 || ia < ib);
    }

    /** The code for a batch's LAST message: the first unused LAST fault that is unscoped or names a batch key. */
    int batchLastCode(List<RecordCommand> entries) {
        for (Fault f : faults) {
            if (f.kind() == Fault.Kind.BATCH_LAST_RESULT_CODE && covers(f, entries) && f.tryHit()) {
                return f.code();
            }
        }
        return 0;
    }

    private static boolean covers(Fault f, List<RecordCommand> entries) {
        if (!f.isScoped()) {
            return true;
        }
        return entries.stream().anyMatch(e -> f.matches(e.namespace(), e.digest()));
    }
}
