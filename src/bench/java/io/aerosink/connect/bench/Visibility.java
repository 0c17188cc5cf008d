package io.aerosink.connect.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.BatchPolicy;

import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * When each produced row became readable in Aerospike. Rows are numbered by key: a {@link Stage} covers keys
 * {@code base .. base + size - 1}, records when each was meant to be sent, and when it was first seen stored.
 *
 * <p>In process, the test server calls back the moment a write is stored, before it replies: the time is exact and
 * nothing polls. On a cluster, a thread polls {@code exists} over the rows sent and not yet seen, about every
 * millisecond: the times are then late by up to one poll. Rows carry their sequence number in {@code temperature}.
 */
abstract class Visibility implements AutoCloseable {

    /**
     * One run's rows, by sequence number {@code base .. base + size - 1}: intended send times, visibility times, and
     * how many are visible. With {@code keys > 0} the rows update {@code keys} sensors in turn (see
     * {@link SensorRows#sequenced}); a row that the connector folded into a later write of its key counts as visible
     * when that write is stored.
     */
    static final class Stage {
        final int base;
        final int size;
        final int keys;
        final long[] sentNanos;
        final AtomicLongArray visibleNanos;
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger visible = new AtomicInteger();
        private volatile long lastVisibleNanos;

        Stage(int base, int size, int keys) {
            this.base = base;
            this.size = size;
            this.keys = keys;
            this.sentNanos = new long[size];
            this.visibleNanos = new AtomicLongArray(size);
        }

        int keyOf(int index) {
            return keys == 0 ? base + index : (base + index) % keys;
        }

        /** The row with sequence number {@code seq} is stored (only the first time counts). */
        void seen(long seq, long nanos) {
            long index = seq - base;
            if (index < 0 || index >= size) {
                return;
            }
            mark((int) index, nanos);
            // Earlier rows of the same key not seen yet were folded into this write: they are visible with it.
            for (int i = (int) index - keys; keys > 0 && i >= 0 && visibleNanos.get(i) == 0; i -= keys) {
                mark(i, nanos);
            }
        }

        private void mark(int index, long nanos) {
            if (visibleNanos.compareAndSet(index, 0, nanos)) {
                lastVisibleNanos = nanos;
                visible.incrementAndGet();
            }
        }

        boolean allVisible() {
            return visible.get() >= size;
        }

        long lastVisibleNanos() {
            return lastVisibleNanos;
        }

        /** Produce-to-visible latencies in nanoseconds of rows {@code from .. size-1}, sorted; unseen rows left out. */
        long[] latencies(int from) {
            long[] out = new long[size - from];
            int n = 0;
            for (int i = from; i < size; i++) {
                long v = visibleNanos.get(i);
                if (v != 0) {
                    out[n++] = v - sentNanos[i];
                }
            }
            long[] sorted = Arrays.copyOf(out, n);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    protected volatile Stage current;

    static Visibility of(Target target, String set) {
        return target.server != null ? new Hook(target.server, set) : new Poll(target, set);
    }

    void watch(Stage stage) {
        current = stage;
    }

    abstract String method();

    @Override
    public abstract void close();

    /** The test server tells each stored record as it is stored. */
    private static final class Hook extends Visibility {
        private final AerospikeTestServer server;

        Hook(AerospikeTestServer server, String set) {
            this.server = server;
            server.onWrite(record -> {
                Stage stage = current;
                if (stage != null && set.equals(record.setName()) && record.bin("temperature") instanceof Double seq) {
                    stage.seen(seq.longValue(), System.nanoTime());
                }
            });
        }

        @Override
        String method() {
            return "the test server's write hook (exact time each row was stored)";
        }

        @Override
        public void close() {
            server.onWrite(null);
        }
    }

    /** Polls a cluster with batch exists over the rows sent and not yet seen. */
    private static final class Poll extends Visibility {
        private static final int WINDOW = 5_000;
        private final IAerospikeClient client;
        private final Thread poller;
        private volatile boolean closed;

        Poll(Target target, String set) {
            this.client = target.client();
            BatchPolicy policy = new BatchPolicy();
            String namespace = target.options.namespace;
            this.poller = new Thread(() -> {
                int cursor = 0;
                Stage polled = null;
                while (!closed) {
                    Stage stage = current;
                    if (stage != polled) {
                        polled = stage;
                        cursor = 0;
                    }
                    if (stage != null) {
                        cursor = pollOnce(stage, cursor, namespace, set, policy);
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-visibility-poller");
            poller.setDaemon(true);
            poller.start();
        }

        private int pollOnce(Stage stage, int cursor, String namespace, String set, BatchPolicy policy) {
            while (cursor < stage.size && stage.visibleNanos.get(cursor) != 0) {
                cursor++;
            }
            int end = Math.min(stage.sent.get(), cursor + WINDOW);
            if (end <= cursor) {
                return cursor;
            }
            Key[] keys = new Key[end - cursor];
            int n = 0;
            for (int i = cursor; i < end; i++) {
                if (stage.visibleNanos.get(i) == 0) {
                    keys[n++] = SensorRows.key(namespace, set, stage.keyOf(i));
                }
            }
            Record[] records = client.get(policy, Arrays.copyOf(keys, n), "temperature");
            long now = System.nanoTime();
            for (Record record : records) {
                if (record != null && record.getValue("temperature") instanceof Double seq) {
                    stage.seen(seq.longValue(), now);
                }
            }
            return cursor;
        }

        @Override
        String method() {
            return "polling the cluster with batch reads of the temperature bin about every millisecond (times late by up to one poll)";
        }

        @Override
        public void close() {
            closed = true;
            poller.interrupt();
            client.close();
        }
    }
}
