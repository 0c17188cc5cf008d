package io.aerosink.connect.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Fault#hold()}: requests wait unexecuted until released, then run in arrival order; nothing is lost. */
class HoldFaultTest {
    private static final String NS = "test";
    private static final String SET = "s";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private AerospikeTestServer server;
    private AerospikeClient client;
    private ExecutorService pool;
    private final List<Fault> holds = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = AerospikeTestServer.start();
        client = new AerospikeClient(new ClientPolicy(), "127.0.0.1", server.port());
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        holds.forEach(Fault::release);
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        client.close();
        server.close();
    }

    private Fault hold(Fault fault) {
        holds.add(fault);
        return server.inject(fault);
    }

    private static Key key(long userKey) {
        return new Key(NS, SET, Value.get(userKey));
    }

    /** Patient (it outwaits any hold of these tests) and without client retries, so one call is one request. */
    private static WritePolicy patient() {
        WritePolicy p = new WritePolicy();
        p.socketTimeout = (int) WAIT.toMillis();
        p.totalTimeout = (int) WAIT.toMillis();
        p.maxRetries = 0;
        return p;
    }

    private Future<?> putAsync(long userKey, long value) {
        return pool.submit(() -> client.put(patient(), key(userKey), new Bin("a", value)));
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void awaitDone(Future<?> call) throws Exception {
        call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aHeldWriteIsNeitherExecutedNorAnsweredUntilReleasedThenItIsBoth() throws Exception {
        Fault hold = hold(Fault.hold());
        Future<?> put = putAsync(1L, 7L);
        await("the write to be held", () -> hold.held() == 1);

        assertNull(server.get(NS, SET, 1L), "a held write is not executed");
        assertFalse(put.isDone(), "a held write is not answered");
        assertThrows(TimeoutException.class, () -> put.get(200, TimeUnit.MILLISECONDS));
        assertEquals(1, hold.hits());
        assertFalse(hold.isReleased());

        hold.release();
        awaitDone(put);
        assertEquals(7L, server.get(NS, SET, 1L).bin("a"));
        assertEquals(0, hold.held());
        assertTrue(hold.isReleased());

        // Released: later requests are no longer held and do not count.
        client.put(patient(), key(1L), new Bin("a", 8L));
        assertEquals(8L, server.get(NS, SET, 1L).bin("a"));
        assertEquals(1, hold.hits());
    }

    @Test
    void heldRequestsRunInTheOrderTheyArrived() throws Exception {
        List<Long> applied = new CopyOnWriteArrayList<>();
        server.onWrite(r -> applied.add((Long) r.bin("a")));
        Fault hold = hold(Fault.hold());
        List<Future<?>> puts = new ArrayList<>();
        // Each write of the same key comes over a connection of its own, one after the other.
        for (long v = 1; v <= 5; v++) {
            puts.add(putAsync(1L, v));
            int expected = (int) v;
            await(expected + " writes held", () -> hold.held() == expected);
        }
        assertTrue(applied.isEmpty(), "nothing applied while held: " + applied);

        hold.release();
        for (Future<?> put : puts) {
            awaitDone(put);
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), applied, "applied in arrival order");
        assertEquals(5L, server.get(NS, SET, 1L).bin("a"));
        assertEquals(5, server.get(NS, SET, 1L).generation());
    }

    @Test
    void aBatchIsHeldAsAWholeWhenOneOfItsRowsMatchesAndOtherKeysPass() throws Exception {
        Fault hold = hold(Fault.hold().forKey(NS, SET, 2L));
        List<BatchRecord> batch = new ArrayList<>();
        for (long i = 1; i <= 3; i++) {
            batch.add(new BatchWrite(key(i), new Operation[] {Operation.put(new Bin("a", i))}));
        }
        BatchPolicy policy = new BatchPolicy();
        policy.socketTimeout = (int) WAIT.toMillis();
        policy.totalTimeout = (int) WAIT.toMillis();
        policy.maxRetries = 0;
        Future<Boolean> call = pool.submit(() -> client.operate(policy, batch));
        await("the batch to be held", () -> hold.held() == 1);
        assertEquals(1, hold.hits(), "one row matched");

        // A key the hold does not cover is written at once, while the batch waits.
        client.put(patient(), key(9L), new Bin("a", 9L));
        assertNotNull(server.get(NS, SET, 9L));
        for (long i = 1; i <= 3; i++) {
            assertNull(server.get(NS, SET, i), "no row of a held batch is applied: key " + i);
        }

        hold.release();
        assertTrue(call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "every row written");
        for (long i = 1; i <= 3; i++) {
            assertEquals(i, server.get(NS, SET, i).bin("a"));
            assertEquals(ResultCode.OK, batch.get((int) i - 1).resultCode);
        }
    }

    @Test
    void aClientThatGivesUpDoesNotCancelTheHeldWrite() {
        Fault hold = hold(Fault.hold());
        WritePolicy impatient = patient();
        impatient.socketTimeout = 200;
        impatient.totalTimeout = 200;
        AerospikeException e = assertThrows(AerospikeException.class,
                () -> client.put(impatient, key(1L), new Bin("a", 1L)));
        assertEquals(ResultCode.TIMEOUT, e.getResultCode());
        assertEquals(1, hold.held());
        assertNull(server.get(NS, SET, 1L));

        hold.release();
        await("the held write to land after its client hung up", () -> server.get(NS, SET, 1L) != null);
        await("the hold to drain", () -> hold.held() == 0);
        assertEquals(1L, server.get(NS, SET, 1L).bin("a"));
        assertEquals(1L, client.get(null, key(1L)).getLong("a"), "the server still serves after the hung-up reply");
    }

    @Test
    void timesLimitsHowManyRecordsAreHeld() throws Exception {
        Fault hold = hold(Fault.hold().times(1));
        Future<?> first = putAsync(1L, 1L);
        await("the first write to be held", () -> hold.held() == 1);
        client.put(patient(), key(2L), new Bin("a", 2L));
        assertNotNull(server.get(NS, SET, 2L), "the second write is not held");
        assertNull(server.get(NS, SET, 1L));

        hold.release();
        awaitDone(first);
        assertEquals(1L, server.get(NS, SET, 1L).bin("a"));
    }

    @Test
    void stoppingTheServerDropsHeldRequestsUnexecuted() throws Exception {
        Fault hold = hold(Fault.hold());
        Future<?> put = putAsync(1L, 1L);
        await("the write to be held", () -> hold.held() == 1);

        server.stop();
        await("the held request to be dropped", () -> hold.held() == 0);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> awaitDone(put));
        assertTrue(failed.getCause() instanceof AerospikeException, failed.getCause().toString());
        hold.release();
        assertNull(server.get(NS, SET, 1L), "a dropped request is not executed, not even on release");
    }

    @Test
    void onlyHoldFaultsCanBeReleased() {
        assertThrows(IllegalStateException.class, () -> Fault.delay(Duration.ofMillis(1)).release());
        assertThrows(IllegalStateException.class, () -> Fault.resultCode(ResultCode.KEY_BUSY).held());
    }
}
