package io.aerosink.connect.testserver;

import com.aerospike.client.Key;
import com.aerospike.client.Value;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault to inject with {@link AerospikeTestServer#inject(Fault)}. A fault scoped to a key ({@link #forKey},
 * {@link #forDigest}) fires for single-record requests on that key and for that key's row inside batches; an
 * unscoped fault fires for every record command. Faults never touch info (tend) traffic.
 *
 * <pre>{@code
 * server.inject(Fault.resultCode(14).forKey("test", "s", 7L).times(2));
 * }</pre>
 */
public final class Fault {
    enum Kind { RESULT_CODE, DELAY, CLOSE_WITHOUT_REPLY, APPLY_THEN_CLOSE, BATCH_LAST_RESULT_CODE }

    private final Kind kind;
    private final int resultCode;
    private final long delayMillis;
    private final String namespace;
    private final byte[] digest;
    private final int times;
    private final AtomicInteger hits = new AtomicInteger();

    private Fault(Kind kind, int resultCode, long delayMillis, String namespace, byte[] digest, int times) {
        this.kind = kind;
        this.resultCode = resultCode;
        this.delayMillis = delayMillis;
        this.namespace = namespace;
        this.digest = digest;
        this.times = times;
    }

    /** Reply with this result code instead of executing (a batch row gets it as its row code). */
    public static Fault resultCode(int resultCode) {
        return new Fault(Kind.RESULT_CODE, resultCode, 0, null, null, 0);
    }

    /** Execute normally but hold the reply back; a batch is delayed once by its longest matching delay. */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 0, delay.toMillis(), null, null, 0);
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

    /** How many times this fault has fired. */
    public int hits() {
        return hits.get();
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

    @Override
    public String toString() {
        return "Fault{" + kind + (resultCode != 0 ? " rc=" + resultCode : "") + (delayMillis != 0 ? " delay=" + delayMillis : "")
                + (digest != null ? " scoped" : "") + (times > 0 ? " times=" + times : "") + " hits=" + hits + "}";
    }
}
