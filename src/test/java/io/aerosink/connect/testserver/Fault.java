package io.aerosink.connect.testserver;

import com.aerospike.client.Key;
import com.aerospike.client.Value;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault to inject with {@link AerospikeTestServer#inject(Fault)}. A fault scoped to a key ({@link #forKey},
 * {@link #forDigest}) fires for single-record requests on that key and for that key's row inside batches; an
 * unscoped fault fires for every record command. Faults never touch info (tend) traffic.
 *
 * <pre>{@code
 * server.inject(Fault.resultCode(14).forKey("test", "s", 7L).times(2));
 *
 * Fault hold = server.inject(Fault.hold());   // writes pile up, unexecuted, until
 * hold.release();                             // they run in the order they arrived
 * }</pre>
 */
public final class Fault {
    enum Kind { RESULT_CODE, DELAY, HOLD, CLOSE_WITHOUT_REPLY, APPLY_THEN_CLOSE, BATCH_LAST_RESULT_CODE }

    private final Kind kind;
    private final int resultCode;
    private final long delayMillis;
    private final String namespace;
    private final byte[] digest;
    private final int times;
    private final AtomicInteger hits = new AtomicInteger();
    /** The queue of a {@link #hold()} fault; null for every other kind. */
    private final Gate gate;

    private Fault(Kind kind, int resultCode, long delayMillis, String namespace, byte[] digest, int times) {
        this.kind = kind;
        this.resultCode = resultCode;
        this.delayMillis = delayMillis;
        this.namespace = namespace;
        this.digest = digest;
        this.times = times;
        this.gate = kind == Kind.HOLD ? new Gate() : null;
    }

    /** Reply with this result code instead of executing (a batch row gets it as its row code). */
    public static Fault resultCode(int resultCode) {
        return new Fault(Kind.RESULT_CODE, resultCode, 0, null, null, 0);
    }

    /** Execute normally but hold the reply back; a batch is delayed once by its longest matching delay. */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 0, delay.toMillis(), null, null, 0);
    }

    /**
     * Hold matching requests back, unexecuted and unanswered, until {@link #release()}: then each is executed and
     * answered, one at a time in the order they arrived, so that nothing held is lost or reordered. A request
     * that arrives after the release while held ones are still being executed queues behind them; once the
     * queue is empty the fault lets everything through untouched. A batch is held as a whole, once, when any of
     * its rows matches; a request matched by several holds waits for the one injected first. A client that gives
     * up on a held request does not cancel it: it still runs at the release, like a write the real server
     * received before the client timed out. Stopping the server drops the held requests unexecuted.
     */
    public static Fault hold() {
        return new Fault(Kind.HOLD, 0, 0, null, null, 0);
    }

    /** Close the connection without executing or replying (for a batch: nothing of the batch is applied). */
    public static Fault closeWithoutReply() {
        return new Fault(Kind.CLOSE_WITHOUT_REPLY, 0, 0, null, null, 0);
    }

    /** Execute the whole request, then close the connection without replying: a true in-doubt write. */
    public static Fault applyThenClose() {
        return new Fault(Kind.APPLY_THEN_CLOSE, 0, 0, null, null, 0);
    }

    /**
     * Execute a batch and send its rows, then end it with this code on the LAST message. Scoped to a key, it fires
     * for batches holding that key. One-record batches travel as single-record messages and never see it.
     */
    public static Fault batchLastResultCode(int resultCode) {
        return new Fault(Kind.BATCH_LAST_RESULT_CODE, resultCode, 0, null, null, 0);
    }

    /** Limits the fault to one key; userKey is a Long, Integer, String or byte[] as given to the client. */
    public Fault forKey(String namespace, String setName, Object userKey) {
        return forDigest(namespace, new Key(namespace, setName, Value.get(userKey)).digest);
    }

    public Fault forDigest(String namespace, byte[] digest) {
        return new Fault(kind, resultCode, delayMillis, namespace, digest.clone(), times);
    }

    /** Fires for the first {@code n} matching requests or rows only; without it the fault fires every time. */
    public Fault times(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("times must be positive: " + n);
        }
        return new Fault(kind, resultCode, delayMillis, namespace, digest, n);
    }

    /** How many times this fault has fired; for a hold, how many records it has held (rows of a batch count). */
    public int hits() {
        return hits.get();
    }

    /**
     * Lets the requests this {@link #hold()} holds proceed, in the order they arrived, and stops holding new ones.
     * Returns at once; {@link #held()} falls to 0 as they are executed.
     */
    public void release() {
        requireHold().release();
    }

    /** Requests this {@link #hold()} holds now: arrived and not yet executed (or dropped by a stopping server). */
    public int held() {
        return requireHold().waiting();
    }

    /** Whether {@link #release()} was called on this {@link #hold()}. */
    public boolean isReleased() {
        return requireHold().isReleased();
    }

    private Gate requireHold() {
        if (gate == null) {
            throw new IllegalStateException("not a hold fault: " + this);
        }
        return gate;
    }

    Kind kind() {
        return kind;
    }

    int code() {
        return resultCode;
    }

    long delayMillis() {
        return delayMillis;
    }

    /** Whether a matching record is to be held: for a hold that is released and has drained, no longer. */
    boolean holds() {
        return gate != null && !gate.passesThrough();
    }

    /**
     * Enters a request into this hold's queue; the request must then {@link Pass#await()} its turn and call
     * {@link Pass#done()} once executed (or not).
     */
    Pass admit() {
        long ticket = requireHold().admit();
        return ticket < 0 ? Pass.THROUGH : new Pass(gate, ticket);
    }

    boolean matches(String ns, byte[] recordDigest) {
        return digest == null || (namespace.equals(ns) && Arrays.equals(digest, recordDigest));
    }

    boolean isScoped() {
        return digest != null;
    }

    /** Counts a hit unless the fault is used up; concurrent requests never exceed {@link #times}. */
    boolean tryHit() {
        while (true) {
            int h = hits.get();
            if (times > 0 && h >= times) {
                return false;
            }
            if (hits.compareAndSet(h, h + 1)) {
                return true;
            }
        }
    }

    /** A request's place in the queue of a hold. */
    static final class Pass {
        /** For a request that is not held. */
        static final Pass THROUGH = new Pass(null, -1);

        private final Gate gate;
        private final long ticket;
        private boolean settled;

        private Pass(Gate gate, long ticket) {
            this.gate = gate;
            this.ticket = ticket;
        }

        /**
         * Waits until the hold is released and every request that arrived earlier has been executed; false, with
         * the thread's interrupt flag set, when the thread was interrupted meanwhile (the server is stopping), in
         * which case the request must not be executed.
         */
        boolean await() {
            if (gate == null) {
                return true;
            }
            try {
                gate.awaitTurn(ticket);
                return true;
            } catch (InterruptedException e) {
                done();
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The request has been executed (or given up): the next one may go. Idempotent. */
        void done() {
            if (gate != null && !settled) {
                settled = true;
                gate.leave(ticket);
            }
        }
    }

    /**
     * The queue of a hold: tickets in arrival order; ticket {@code turn} is the one that may execute, once released.
     * Tickets given up out of turn (their request's thread was interrupted) are skipped when their turn comes.
     */
    private static final class Gate {
        private boolean released;
        private long next;
        private long turn;
        private int waiting;
        private final Set<Long> givenUp = new HashSet<>();

        synchronized boolean passesThrough() {
            return released && next == turn;
        }

        synchronized long admit() {
            if (released && next == turn) {
                return -1;
            }
            waiting++;
            return next++;
        }

        synchronized void awaitTurn(long ticket) throws InterruptedException {
            while (!released || turn != ticket) {
                wait();
            }
        }

        synchronized void leave(long ticket) {
            waiting--;
            if (ticket != turn) {
                givenUp.add(ticket);
                return;
            }
            turn++;
            while (givenUp.remove(turn)) {
                turn++;
            }
            notifyAll();
        }

        synchronized void release() {
            released = true;
            notifyAll();
        }

        synchronized boolean isReleased() {
            return released;
        }

        synchronized int waiting() {
            return waiting;
        }
    }

    @Override
    public String toString() {
        return "Fault{" + kind + (resultCode != 0 ? " rc=" + resultCode : "") + (delayMillis != 0 ? " delay=" + delayMillis : "")
                + (digest != null ? " scoped" : "") + (times > 0 ? " times=" + times : "") + " hits=" + hits
                + (gate != null ? (gate.isReleased() ? " released" : "") + " held=" + gate.waiting() : "") + "}";
    }
}
