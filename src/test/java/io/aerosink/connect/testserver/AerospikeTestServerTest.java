package io.aerosink.connect.testserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRead;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchResults;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.BatchDeletePolicy;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AerospikeTestServerTest {
    private static final String NS = "test";
    private static final String SET = "s";

    private AerospikeTestServer server;
    private AerospikeClient client;

    @BeforeEach
    void startServer() {
        server = AerospikeTestServer.start();
        client = connect(server, new ClientPolicy());
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.close();
    }

    private static AerospikeClient connect(AerospikeTestServer s, ClientPolicy policy) {
        return new AerospikeClient(policy, "127.0.0.1", s.port());
    }

    private static Key key(Object userKey) {
        return new Key(NS, SET, Value.get(userKey));
    }

    private static WritePolicy write(RecordExistsAction action) {
        WritePolicy p = new WritePolicy();
        p.recordExistsAction = action;
        return p;
    }

    /** Short timeouts and no retries, so a fault shows up as one exception quickly. */
    private static WritePolicy impatient() {
        WritePolicy p = new WritePolicy();
        p.socketTimeout = 300;
        p.totalTimeout = 300;
        p.maxRetries = 0;
        return p;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static int rc(Runnable action) {
        return assertThrows(AerospikeException.class, action::run).getResultCode();
    }

    // ---- cluster tend ----

    @Test
    void clientConnectsAndTendsOneNodeOwningTheNamespace() {
        assertTrue(client.isConnected());
        Node[] nodes = client.getNodes();
        assertEquals(1, nodes.length);
        assertEquals(server.nodeName(), nodes[0].getName());
        assertEquals("test", Info.request(null, nodes[0], "namespaces"));
        assertTrue(server.host().matches("127\\.0\\.0\\.1:\\d+"));

        List<String> commands = server.journal(JournalEntry.Kind.INFO).stream()
                .flatMap(e -> e.infoCommands().stream()).toList();
        assertTrue(commands.containsAll(List.of("node", "partition-generation", "build", "features",
                "peers-clear-std", "replicas")), commands.toString());
    }

    @Test
    void namespaceNotServedFailsInTheClientWithoutAnyRequest() {
        assertEquals(ResultCode.INVALID_NAMESPACE,
                rc(() -> client.put(null, new Key("other", SET, 1L), new Bin("a", 1))));
        assertEquals(0, server.singleRecordRequestCount());
    }

    @Test
    void extraNamespacesAreServed() {
        try (AerospikeTestServer two = AerospikeTestServer.start(new AerospikeTestServer.Options().namespaces("test", "durable"));
             AerospikeClient c = connect(two, new ClientPolicy())) {
            c.put(null, new Key("durable", SET, 1L), new Bin("a", 1));
            assertEquals(1, two.recordCount("durable"));
            assertEquals(0, two.recordCount("test"));
        }
    }

    // ---- single-record commands ----

    @Test
    void putGetExistsDeleteRoundTripEveryValueType() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", 1L);
        client.put(null, key(1L), new Bin("long", 42L), new Bin("dbl", 1.5), new Bin("str", "héllo"),
                new Bin("empty", ""), new Bin("blob", new byte[] {1, 2, 3}), new Bin("bool", true),
                new Bin("list", List.of("a", 2L)), new Bin("map", map));

        Record r = client.get(null, key(1L));
        assertEquals(42L, r.getLong("long"));
        assertEquals(1.5, r.getDouble("dbl"));
        assertEquals("héllo", r.getString("str"));
        assertEquals("", r.getString("empty"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) r.getValue("blob"));
        assertEquals(true, r.getValue("bool"));
        assertEquals(List.of("a", 2L), r.getList("list"));
        assertEquals(Map.of("k", 1L), r.getMap("map"));
        assertEquals(1, r.generation);

        StoredRecord stored = server.get(NS, SET, 1L);
        assertEquals(List.of("long", "dbl", "str", "empty", "blob", "bool", "list", "map"),
                List.copyOf(stored.bins().keySet()));
        assertEquals(42L, stored.bin("long"));
        assertEquals(true, stored.bin("bool"));
        assertEquals(17, stored.particleType("bool"));
        assertEquals(List.of("a", 2L), stored.list("list"));
        assertEquals(Map.of("k", 1L), stored.map("map"));
        assertTrue(stored.bin("list") instanceof byte[]);
        assertEquals(SET, stored.setName());

        Record some = client.get(null, key(1L), "str", "nope");
        assertEquals(Map.of("str", "héllo"), some.bins);
        Record header = client.getHeader(null, key(1L));
        assertEquals(1, header.generation);
        assertNull(header.bins);

        assertTrue(client.exists(null, key(1L)));
        assertTrue(client.delete(null, key(1L)));
        assertFalse(client.exists(null, key(1L)));
        assertFalse(client.delete(null, key(1L)));
        assertNull(client.get(null, key(1L)));
        assertNull(server.get(NS, SET, 1L));
    }

    @Test
    void everyRecordExistsActionBehavesLikeTheServer() {
        client.put(null, key("k"), new Bin("a", 1), new Bin("b", 2));

        assertEquals(ResultCode.KEY_EXISTS_ERROR,
                rc(() -> client.put(write(RecordExistsAction.CREATE_ONLY), key("k"), new Bin("c", 3))));
        assertEquals(ResultCode.KEY_NOT_FOUND_ERROR,
                rc(() -> client.put(write(RecordExistsAction.UPDATE_ONLY), key("missing"), new Bin("c", 3))));
        assertEquals(ResultCode.KEY_NOT_FOUND_ERROR,
                rc(() -> client.put(write(RecordExistsAction.REPLACE_ONLY), key("missing"), new Bin("c", 3))));

        client.put(write(RecordExistsAction.UPDATE_ONLY), key("k"), new Bin("c", 3));
        assertEquals(Map.of("a", 1L, "b", 2L, "c", 3L), server.get(NS, SET, "k").bins());
        client.put(null, key("k"), new Bin("a", 10));
        assertEquals(Map.of("a", 10L, "b", 2L, "c", 3L), server.get(NS, SET, "k").bins());
        client.put(write(RecordExistsAction.REPLACE), key("k"), new Bin("d", 4));
        assertEquals(Map.of("d", 4L), server.get(NS, SET, "k").bins());
        client.put(write(RecordExistsAction.REPLACE_ONLY), key("k"), new Bin("e", 5));
        assertEquals(Map.of("e", 5L), server.get(NS, SET, "k").bins());
        client.put(write(RecordExistsAction.REPLACE), key("new"), new Bin("f", 6));
        client.put(write(RecordExistsAction.CREATE_ONLY), key("new2"), new Bin("g", 7));
        assertEquals(1, server.get(NS, SET, "new2").generation());
        assertEquals(5, server.get(NS, SET, "k").generation());
    }

    @Test
    void generationCountsWritesAndGuardsThem() {
        client.put(null, key(1L), new Bin("a", 1));
        client.put(null, key(1L), new Bin("a", 2));
        assertEquals(2, client.get(null, key(1L)).generation);

        WritePolicy equal = new WritePolicy();
        equal.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
        equal.generation = 1;
        assertEquals(ResultCode.GENERATION_ERROR, rc(() -> client.put(equal, key(1L), new Bin("a", 3))));
        assertEquals(ResultCode.GENERATION_ERROR, rc(() -> client.delete(equal, key(1L))));
        equal.generation = 2;
        client.put(equal, key(1L), new Bin("a", 3));
        assertEquals(3, server.get(NS, SET, 1L).generation());

        WritePolicy greater = new WritePolicy();
        greater.generationPolicy = GenerationPolicy.EXPECT_GEN_GT;
        greater.generation = 3;
        assertEquals(ResultCode.GENERATION_ERROR, rc(() -> client.put(greater, key(1L), new Bin("a", 4))));
        greater.generation = 4;
        client.put(greater, key(1L), new Bin("a", 4));

        equal.generation = 0;
        client.put(equal, key(2L), new Bin("a", 1));
        assertEquals(1, server.get(NS, SET, 2L).generation());
    }

    @Test
    void nullBinsRemoveBinsAndTheLastOneDeletesTheRecord() {
        client.put(null, key(1L), new Bin("a", 1), new Bin("b", 2));
        client.put(null, key(1L), Bin.asNull("a"));
        assertEquals(Map.of("b", 2L), server.get(NS, SET, 1L).bins());
        client.put(null, key(1L), Bin.asNull("b"));
        assertNull(server.get(NS, SET, 1L));
        assertNull(client.get(null, key(1L)));
        client.put(null, key(1L), new Bin("c", 3));
        assertEquals(1, server.get(NS, SET, 1L).generation());
    }

    @Test
    void expirationMinusOneZeroMinusTwoAndSeconds() {
        WritePolicy p = new WritePolicy();
        p.expiration = -1;
        client.put(p, key("never"), new Bin("a", 1));
        assertEquals(0, server.get(NS, SET, "never").voidTime());
        assertEquals(-1, server.get(NS, SET, "never").ttlSeconds());

        p.expiration = 0;
        client.put(p, key("default"), new Bin("a", 1));
        assertEquals(0, client.get(null, key("default")).expiration);

        p.expiration = -2;
        client.put(p, key("fresh"), new Bin("a", 1));
        assertEquals(0, server.get(NS, SET, "fresh").voidTime());

        p.expiration = 100;
        client.put(p, key("ttl"), new Bin("a", 1));
        int voidTime = server.get(NS, SET, "ttl").voidTime();
        int ttl = client.get(null, key("ttl")).getTimeToLive();
        assertTrue(ttl >= 98 && ttl <= 100, "ttl " + ttl);
        p.expiration = -2;
        client.put(p, key("ttl"), new Bin("a", 2));
        assertEquals(voidTime, server.get(NS, SET, "ttl").voidTime());
        p.expiration = -1;
        client.put(p, key("never2"), new Bin("a", 1));

        server.advanceClock(Duration.ofSeconds(101));
        assertNull(client.get(null, key("ttl")));
        assertNull(server.get(NS, SET, "ttl"));
        assertNotNull(client.get(null, key("never2")));
    }

    @Test
    void defaultTtlOptionAppliesToExpirationZero() {
        try (AerospikeTestServer s = AerospikeTestServer.start(new AerospikeTestServer.Options().defaultTtlSeconds(60));
             AerospikeClient c = connect(s, new ClientPolicy())) {
            c.put(null, key(1L), new Bin("a", 1));
            long ttl = s.get(NS, SET, 1L).ttlSeconds();
            assertTrue(ttl > 55 && ttl <= 60, "ttl " + ttl);
        }
    }

    @Test
    void sendKeyStoresTheUserKey() {
        WritePolicy p = new WritePolicy();
        p.sendKey = true;
        client.put(p, key(7L), new Bin("a", 1));
        client.put(p, key("seven"), new Bin("a", 1));
        client.put(p, key(new byte[] {7}), new Bin("a", 1));
        client.put(null, key(8L), new Bin("a", 1));

        assertEquals(7L, server.get(NS, SET, 7L).userKey());
        assertEquals(7L, server.get(NS, SET, 7).userKey(), "Integer and Long keys share a digest");
        assertEquals("seven", server.get(NS, SET, "seven").userKey());
        assertArrayEquals(new byte[] {7}, (byte[]) server.get(NS, SET, new byte[] {7}).userKey());
        assertNull(server.get(NS, SET, 8L).userKey());
        client.put(null, key(7L), new Bin("b", 2));
        assertEquals(7L, server.get(NS, SET, 7L).userKey(), "a stored key survives later writes without it");
    }

    @Test
    void binNamesOfSixteenBytesAreRejected() {
        client.put(null, key(1L), new Bin("a".repeat(15), 1));
        assertEquals(ResultCode.BIN_NAME_TOO_LONG, rc(() -> client.put(null, key(2L), new Bin("a".repeat(16), 1))));
        assertNull(server.get(NS, SET, 2L));
    }

    @Test
    void recordsOverTheSizeLimitAreRejected() {
        client.put(null, key(1L), new Bin("a", "x".repeat(1_000_000)));
        assertEquals(ResultCode.RECORD_TOO_BIG, rc(() -> client.put(null, key(2L), new Bin("a", "x".repeat(1024 * 1024)))));
        assertNull(server.get(NS, SET, 2L));

        try (AerospikeTestServer small = AerospikeTestServer.start(new AerospikeTestServer.Options().maxRecordBytes(100));
             AerospikeClient c = connect(small, new ClientPolicy())) {
            c.put(null, key(1L), new Bin("a", "x".repeat(99)));
            assertEquals(ResultCode.RECORD_TOO_BIG, rc(() -> c.put(null, key(2L), new Bin("a", "x".repeat(100)))));
        }
    }

    @Test
    void operateAddAppendPrependTouchAndRead() {
        client.put(null, key(1L), new Bin("n", 1), new Bin("s", "b"));
        Record r = client.operate(null, key(1L), Operation.add(new Bin("n", 2)), Operation.append(new Bin("s", "c")),
                Operation.prepend(new Bin("s", "a")), Operation.get("n"), Operation.get("s"));
        assertEquals(3L, r.getLong("n"));
        assertEquals("abc", r.getString("s"));
        assertEquals(ResultCode.BIN_TYPE_ERROR, rc(() -> client.operate(null, key(1L), Operation.add(new Bin("s", 1)))));

        WritePolicy touch = new WritePolicy();
        touch.expiration = 50;
        client.touch(touch, key(1L));
        assertEquals(3, server.get(NS, SET, 1L).generation());
        assertTrue(server.get(NS, SET, 1L).ttlSeconds() > 45);
        assertEquals(ResultCode.KEY_NOT_FOUND_ERROR, rc(() -> client.touch(null, key(2L))));
    }

    @Test
    void unsupportedFeaturesFailWithParameterError() {
        client.put(null, key(1L), new Bin("a", 1));
        WritePolicy filtered = new WritePolicy();
        // String comparisons are beyond the filter subset this server evaluates (see FilterExpressionTest).
        filtered.filterExp = Exp.build(Exp.eq(Exp.stringBin("a"), Exp.val("x")));
        assertEquals(ResultCode.PARAMETER_ERROR, rc(() -> client.put(filtered, key(1L), new Bin("a", 2))));
        assertEquals(ResultCode.PARAMETER_ERROR,
                rc(() -> client.operate(null, key(1L), ListOperation.append("l", Value.get(1)))));
        assertEquals(1, server.get(NS, SET, 1L).generation());
    }

    @Test
    void seededRecordsAreVisibleToTheClientAndTruncateClearsASet() {
        server.put(NS, SET, 5L, Map.of("a", 1L, "b", "two"));
        server.put(NS, "other", 5L, Map.of("a", 1L));
        Record r = client.get(null, key(5L));
        assertEquals(1L, r.getLong("a"));
        assertEquals("two", r.getString("b"));
        assertEquals(2, server.recordCount(NS));

        client.truncate(null, NS, SET, null);
        assertNull(server.get(NS, SET, 5L));
        assertEquals(1, server.records(NS).size());
        server.clear();
        assertEquals(0, server.recordCount(NS));
    }

    @Test
    void compressedRequestsAreAccepted() {
        WritePolicy p = new WritePolicy();
        p.compress = true;
        client.put(p, key(1L), new Bin("a", "x".repeat(1000)));
        BatchPolicy batch = new BatchPolicy();
        batch.compress = true;
        Record[] records = client.get(batch, new Key[] {key(1L), key(2L)});
        assertEquals("x".repeat(1000), records[0].getString("a"));
        assertNull(records[1]);
    }

    // ---- batches ----

    @Test
    void batchWriteWithMixedPerRowFailuresWritesTheGoodRows() {
        client.put(null, key("exists"), new Bin("a", 1));
        client.put(null, key("gen1"), new Bin("a", 1));
        BatchWritePolicy createOnly = new BatchWritePolicy();
        createOnly.recordExistsAction = RecordExistsAction.CREATE_ONLY;
        BatchWritePolicy updateOnly = new BatchWritePolicy();
        updateOnly.recordExistsAction = RecordExistsAction.UPDATE_ONLY;
        BatchWritePolicy replaceOnly = new BatchWritePolicy();
        replaceOnly.recordExistsAction = RecordExistsAction.REPLACE_ONLY;
        BatchWritePolicy gen99 = new BatchWritePolicy();
        gen99.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
        gen99.generation = 99;
        BatchWritePolicy genGt0 = new BatchWritePolicy();
        genGt0.generationPolicy = GenerationPolicy.EXPECT_GEN_GT;
        genGt0.generation = 0;
        Operation[] small = {Operation.put(new Bin("a", 2))};

        List<BatchRecord> batch = List.of(
                new BatchWrite(createOnly, key("exists"), small),
                new BatchWrite(key("big"), new Operation[] {Operation.put(new Bin("a", "x".repeat(2 * 1024 * 1024)))}),
                new BatchWrite(key("name15"), new Operation[] {Operation.put(new Bin("b".repeat(15), 1))}),
                new BatchWrite(key("name16"), new Operation[] {Operation.put(new Bin("b".repeat(16), 1))}),
                new BatchWrite(updateOnly, key("missing1"), small),
                new BatchWrite(replaceOnly, key("missing2"), small),
                new BatchWrite(gen99, key("gen1"), small),
                new BatchWrite(gen99, key("missing3"), small),
                new BatchWrite(genGt0, key("gen1"), small),
                new BatchWrite(key("plain"), new Operation[] {Operation.put(new Bin("a", 1)), Operation.put(new Bin("b", 2))}));

        assertFalse(client.operate(null, batch));

        int[] expected = {5, 13, 0, 21, 2, 2, 3, 3, 3, 0};
        assertArrayEquals(expected, batch.stream().mapToInt(br -> br.resultCode).toArray());
        batch.forEach(br -> assertFalse(br.inDoubt));
        BatchRecord plain = batch.get(9);
        assertEquals(1, plain.record.generation);
        assertEquals(2, plain.record.bins.size());
        assertTrue(plain.record.bins.containsKey("a") && plain.record.bins.get("a") == null,
                "a write row names each written bin with a null value");
        assertNull(batch.get(0).record);

        assertEquals(1, server.get(NS, SET, "name15").generation());
        assertEquals(Map.of("a", 1L, "b", 2L), server.get(NS, SET, "plain").bins());
        assertEquals(1L, server.get(NS, SET, "exists").bin("a"));
        assertEquals(1, server.get(NS, SET, "gen1").generation());
        assertNull(server.get(NS, SET, "big"));
        assertNull(server.get(NS, SET, "missing1"));
        assertEquals(1, server.batchRequestCount());
        JournalEntry entry = server.journal(JournalEntry.Kind.BATCH).get(0);
        assertEquals(10, entry.entryCount());
        assertEquals(List.of("BATCH_INDEX"), entry.fields());
        assertTrue(entry.batchEntries().get(0).startsWith("0: WRITE attrs=00/a1/00"), entry.batchEntries().get(0));
    }

    @Test
    void batchWriteStoresSendKeyAndTtl() {
        BatchWritePolicy p = new BatchWritePolicy();
        p.sendKey = true;
        p.expiration = 100;
        List<BatchRecord> batch = List.of(new BatchWrite(p, key(1L), new Operation[] {Operation.put(new Bin("a", 1))}),
                new BatchWrite(p, key(2L), new Operation[] {Operation.put(new Bin("a", 2))}));
        assertTrue(client.operate(null, batch));
        assertEquals(2L, server.get(NS, SET, 2L).userKey());
        assertTrue(server.get(NS, SET, 2L).ttlSeconds() > 95);
        assertEquals(server.get(NS, SET, 1L).voidTime(), batch.get(0).record.expiration);
        assertTrue(server.journal(JournalEntry.Kind.BATCH).get(0).keyPresent());
    }

    @Test
    void batchDeleteRemovesRecordsAndReportsMissingKeys() {
        for (long i = 0; i < 3; i++) {
            client.put(null, key(i), new Bin("a", i));
        }
        Key[] keys = {key(0L), key(1L), key(2L), key(3L)};
        BatchResults results = client.delete(null, new BatchDeletePolicy(), keys);
        assertFalse(results.status);
        assertArrayEquals(new int[] {0, 0, 0, 2}, Arrays.stream(results.records).mapToInt(r -> r.resultCode).toArray());
        assertEquals(0, server.recordCount(NS));
        List<String> entries = server.journal(JournalEntry.Kind.BATCH).get(0).batchEntries();
        assertTrue(entries.get(0).startsWith("0: DELETE"), entries.toString());
        assertEquals("1: REPEAT", entries.get(1));

        client.put(null, key(9L), new Bin("a", 1));
        assertTrue(client.operate(null, List.of(new BatchDelete(key(9L)), new BatchWrite(key(10L),
                new Operation[] {Operation.put(new Bin("a", 1))}))));
        assertNull(server.get(NS, SET, 9L));
    }

    @Test
    void batchReadsReturnRecordsInPlace() {
        client.put(null, key(1L), new Bin("a", 1), new Bin("b", "x"));
        client.put(null, key(3L), new Bin("a", 3));
        Key[] keys = {key(1L), key(2L), key(3L)};

        Record[] all = client.get(null, keys);
        assertEquals(Map.of("a", 1L, "b", "x"), all[0].bins);
        assertNull(all[1]);
        assertEquals(3L, all[2].getLong("a"));

        Record[] some = client.get(null, keys, "b");
        assertEquals(Map.of("b", "x"), some[0].bins);
        assertArrayEquals(new boolean[] {true, false, true}, client.exists(null, keys));

        List<BatchRecord> reads = new ArrayList<>(List.of(new BatchRead(key(1L), true), new BatchRead(key(2L), true),
                new BatchWrite(key(4L), new Operation[] {Operation.put(new Bin("a", 4))})));
        assertFalse(client.operate(null, reads));
        assertEquals("x", reads.get(0).record.getString("b"));
        assertEquals(ResultCode.KEY_NOT_FOUND_ERROR, reads.get(1).resultCode);
        assertEquals(ResultCode.OK, reads.get(2).resultCode);
    }

    @Test
    void oneRecordBatchArrivesAsASingleRecordMessageAndRepliesLikeARow() {
        client.put(null, key("dup"), new Bin("a", 1));
        BatchWritePolicy createOnly = new BatchWritePolicy();
        createOnly.recordExistsAction = RecordExistsAction.CREATE_ONLY;
        server.clearJournal();

        BatchRecord ok = new BatchWrite(key(1L), new Operation[] {Operation.put(new Bin("a", 1)), Operation.put(new Bin("b", 2))});
        assertTrue(client.operate(null, List.of(ok)));
        assertEquals(1, ok.record.generation);
        assertTrue(ok.record.bins.containsKey("b") && ok.record.bins.get("b") == null);
        BatchRecord failed = new BatchWrite(createOnly, key("dup"), new Operation[] {Operation.put(new Bin("a", 2))});
        assertFalse(client.operate(null, List.of(failed)));
        assertEquals(ResultCode.KEY_EXISTS_ERROR, failed.resultCode);
        BatchResults deleted = client.delete(null, null, new Key[] {key(1L)});
        assertEquals(ResultCode.OK, deleted.records[0].resultCode);
        assertNull(client.get(null, new Key[] {key(1L)})[0]);

        assertEquals(0, server.batchRequestCount());
        assertEquals(4, server.singleRecordRequestCount());
        JournalEntry first = server.journal().stream().filter(e -> e.kind() == JournalEntry.Kind.WRITE).findFirst().orElseThrow();
        assertEquals(0x81, first.info2());
        assertEquals(List.of("WRITE:a", "WRITE:b"), first.ops());
    }

    @Test
    void duplicateKeysInABatchApplyInIndexOrderByDefaultOrReversedOnRequest() {
        List<BatchRecord> batch = List.of(
                new BatchWrite(key(1L), new Operation[] {Operation.put(new Bin("v", "first")), Operation.put(new Bin("x", 1))}),
                new BatchWrite(key(2L), new Operation[] {Operation.put(new Bin("v", "other"))}),
                new BatchWrite(key(1L), new Operation[] {Operation.put(new Bin("v", "last"))}));
        assertTrue(client.operate(null, batch));
        assertEquals(Map.of("v", "last", "x", 1L), server.get(NS, SET, 1L).bins());
        assertEquals(1, batch.get(0).record.generation);
        assertEquals(2, batch.get(2).record.generation);

        AerospikeTestServer.Options reverse = new AerospikeTestServer.Options()
                .duplicateKeyOrder(AerospikeTestServer.DuplicateKeyOrder.REVERSE_ORDER);
        try (AerospikeTestServer s = AerospikeTestServer.start(reverse); AerospikeClient c = connect(s, new ClientPolicy())) {
            assertTrue(c.operate(null, batch));
            assertEquals("first", s.get(NS, SET, 1L).bin("v"));
            assertEquals(2, batch.get(0).record.generation);
            assertEquals(1, batch.get(2).record.generation);
        }
    }

    @Test
    void largeBatchReadSpansSeveralFrames() {
        String value = "v".repeat(1000);
        List<BatchRecord> writes = new ArrayList<>();
        Key[] keys = new Key[400];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key((long) i);
            writes.add(new BatchWrite(keys[i], new Operation[] {Operation.put(new Bin("a", value))}));
        }
        assertTrue(client.operate(null, writes));
        Record[] records = client.get(null, keys);
        assertTrue(Arrays.stream(records).allMatch(r -> value.equals(r.getString("a"))));
    }

    // ---- faults ----

    @Test
    void resultCodeFaultFailsTheKeyUntilCleared() {
        Fault fault = server.inject(Fault.resultCode(ResultCode.FAIL_FORBIDDEN).forKey(NS, SET, 1L));
        assertEquals(ResultCode.FAIL_FORBIDDEN, rc(() -> client.put(null, key(1L), new Bin("a", 1))));
        assertEquals(ResultCode.FAIL_FORBIDDEN, rc(() -> client.get(null, key(1L))));
        client.put(null, key(2L), new Bin("a", 1));
        assertNull(server.get(NS, SET, 1L));
        assertEquals(2, fault.hits());

        server.clearFaults();
        client.put(null, key(1L), new Bin("a", 1));
        assertNotNull(server.get(NS, SET, 1L));
    }

    @Test
    void firstNFaultLetsTheClientRetryThrough() {
        Fault busy = server.inject(Fault.resultCode(ResultCode.KEY_BUSY).forKey(NS, SET, 1L).times(2));
        WritePolicy retrying = new WritePolicy();
        retrying.maxRetries = 2;
        retrying.sleepBetweenRetries = 0;
        client.put(retrying, key(1L), new Bin("a", 1));
        assertEquals(2, busy.hits());
        assertEquals(1, server.get(NS, SET, 1L).generation());
        assertEquals(3, server.singleRecordRequestCount());
        client.put(null, key(1L), new Bin("a", 2));
        assertEquals(2, busy.hits());
    }

    @Test
    void delayFaultHoldsTheReplyAndTimesOutAnImpatientClient() {
        server.inject(Fault.delay(Duration.ofMillis(200)).forKey(NS, SET, 1L).times(1));
        long start = System.nanoTime();
        client.put(null, key(1L), new Bin("a", 1));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos());

        server.inject(Fault.delay(Duration.ofMillis(1000)).forKey(NS, SET, 1L).times(1));
        WritePolicy p = impatient();
        p.socketTimeout = 100;
        p.totalTimeout = 100;
        AerospikeException e = assertThrows(AerospikeException.class, () -> client.put(p, key(1L), new Bin("a", 2)));
        assertEquals(ResultCode.TIMEOUT, e.getResultCode());
        await("the delayed write to land", () -> server.get(NS, SET, 1L).generation() == 2);
        assertEquals(2L, client.get(null, key(1L)).getLong("a"), "server still serves after the client hung up mid-reply");
    }

    @Test
    void closeWithoutReplyFailsTheClientAndWritesNothing() {
        server.inject(Fault.closeWithoutReply().forKey(NS, SET, 1L).times(1));
        AerospikeException e = assertThrows(AerospikeException.class, () -> client.put(impatient(), key(1L), new Bin("a", 1)));
        assertEquals(ResultCode.SERVER_NOT_AVAILABLE, e.getResultCode(), e.toString());
        assertTrue(e.getInDoubt());
        assertNull(server.get(NS, SET, 1L));
        client.put(null, key(1L), new Bin("a", 1));
        assertNotNull(server.get(NS, SET, 1L));
    }

    @Test
    void applyThenCloseIsATrueInDoubtWrite() {
        server.inject(Fault.applyThenClose().forKey(NS, SET, 1L).times(1));
        AerospikeException e = assertThrows(AerospikeException.class, () -> client.put(impatient(), key(1L), new Bin("a", 1)));
        assertTrue(e.getInDoubt());
        assertEquals(1L, server.get(NS, SET, 1L).bin("a"));
    }

    @Test
    void keyFaultsApplyToTheirRowInsideABatch() {
        server.inject(Fault.resultCode(ResultCode.FAIL_FORBIDDEN).forKey(NS, SET, 2L));
        List<BatchRecord> batch = new ArrayList<>();
        for (long i = 1; i <= 3; i++) {
            batch.add(new BatchWrite(key(i), new Operation[] {Operation.put(new Bin("a", i))}));
        }
        assertFalse(client.operate(null, batch));
        assertArrayEquals(new int[] {0, ResultCode.FAIL_FORBIDDEN, 0}, batch.stream().mapToInt(r -> r.resultCode).toArray());
        assertEquals(2, server.recordCount(NS));
        assertNull(server.get(NS, SET, 2L));
    }

    @Test
    void closeWithoutReplyOnABatchLeavesRowsWithoutResponse() {
        server.inject(Fault.closeWithoutReply().forKey(NS, SET, 2L).times(1));
        BatchPolicy noRetry = BatchPolicy.WriteDefault();
        noRetry.socketTimeout = 300;
        noRetry.totalTimeout = 300;
        List<BatchRecord> batch = new ArrayList<>();
        for (long i = 1; i <= 3; i++) {
            batch.add(new BatchWrite(key(i), new Operation[] {Operation.put(new Bin("a", i))}));
        }
        assertThrows(AerospikeException.class, () -> client.operate(noRetry, batch));
        batch.forEach(r -> assertEquals(ResultCode.NO_RESPONSE, r.resultCode));
        batch.forEach(r -> assertTrue(r.inDoubt));
        assertEquals(0, server.recordCount(NS));
    }

    @Test
    void applyThenCloseOnABatchWritesEveryRow() {
        server.inject(Fault.applyThenClose().forKey(NS, SET, 1L).times(1));
        BatchPolicy noRetry = BatchPolicy.WriteDefault();
        List<BatchRecord> batch = List.of(new BatchWrite(key(1L), new Operation[] {Operation.put(new Bin("a", 1))}),
                new BatchWrite(key(2L), new Operation[] {Operation.put(new Bin("a", 2))}));
        assertThrows(AerospikeException.class, () -> client.operate(noRetry, batch));
        assertTrue(batch.get(1).inDoubt);
        assertEquals(2, server.recordCount(NS));
    }

    @Test
    void nonZeroLastResultCodeFailsTheBatchAfterItsRows() {
        List<BatchRecord> batch = List.of(new BatchWrite(key(1L), new Operation[] {Operation.put(new Bin("a", 1))}),
                new BatchWrite(key(2L), new Operation[] {Operation.put(new Bin("a", 2))}));
        server.inject(Fault.batchLastResultCode(ResultCode.PARAMETER_ERROR).times(1));
        assertEquals(ResultCode.PARAMETER_ERROR, rc(() -> client.operate(BatchPolicy.WriteDefault(), batch)));
        assertEquals(2, server.recordCount(NS), "rows before LAST were applied");
        batch.forEach(r -> assertEquals(ResultCode.OK, r.resultCode));

        // The client retries only records still without a row, so a retryable LAST code after a full set of rows
        // is absorbed: operate succeeds and nothing is resent.
        Fault timeout = server.inject(Fault.batchLastResultCode(ResultCode.TIMEOUT).forKey(NS, SET, 2L).times(1));
        BatchPolicy retrying = new BatchPolicy();
        retrying.maxRetries = 2;
        server.clearJournal();
        assertTrue(client.operate(retrying, batch));
        assertEquals(1, timeout.hits());
        assertEquals(1, server.batchRequestCount());
        assertEquals(2, server.get(NS, SET, 1L).generation());
    }

    // ---- stop / restart ----

    @Test
    void clientRecoversAfterStopAndRestartOnTheSamePort() {
        client.put(null, key(1L), new Bin("a", 1));
        int port = server.port();
        server.stop();
        assertFalse(server.isRunning());
        assertThrows(AerospikeException.class, () -> client.put(impatient(), key(2L), new Bin("a", 2)));

        server.restart();
        assertEquals(port, server.port());
        await("the client to write again", () -> succeeds(() -> client.put(impatient(), key(2L), new Bin("a", 2))));
        assertEquals(1L, client.get(null, key(1L)).getLong("a"), "records survive a restart");
        assertEquals(server.nodeName(), client.getNodes()[0].getName());
    }

    @Test
    void clientReseedsAfterDroppingTheNodeWhileStopped() {
        ClientPolicy fastTend = new ClientPolicy();
        fastTend.tendInterval = 250;
        try (AerospikeClient c = connect(server, fastTend)) {
            c.put(null, key(1L), new Bin("a", 1));
            server.stop();
            await("the client to drop the node after 5 failed tends", () -> c.getNodes().length == 0);
            server.restart();
            await("the client to re-seed", () -> c.getNodes().length == 1);
            await("the client to write again", () -> succeeds(() -> c.put(impatient(), key(2L), new Bin("a", 2))));
            // Key 2's partition being mapped to the re-seeded node does not mean key 1's is yet: on a busy machine the
            // read right after that write failed with InvalidNode (node not found for partition), so it waits too.
            await("the client to read again", () -> succeeds(() -> c.get(impatient(), key(1L))));
            assertEquals(1L, c.get(null, key(1L)).getLong("a"));
        }
    }

    @Test
    void closeFreesThePortForANewServer() throws Exception {
        int port = server.port();
        client.close();
        server.close();
        assertFalse(server.isRunning());
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress("127.0.0.1", port));
        }
        server = AerospikeTestServer.start(new AerospikeTestServer.Options().port(port));
        client = connect(server, new ClientPolicy());
        assertEquals(port, server.port());
        client.put(null, key(1L), new Bin("a", 1));
        assertEquals(1, server.recordCount(NS));
    }

    private static boolean succeeds(Runnable action) {
        try {
            action.run();
            return true;
        } catch (AerospikeException e) {
            return false;
        }
    }

    // ---- journal, concurrency ----

    @Test
    void journalRecordsWhatTheServerDecoded() {
        server.clearJournal();
        WritePolicy p = new WritePolicy();
        p.sendKey = true;
        Instant before = Instant.now();
        client.put(p, key(1L), new Bin("a", 1), new Bin("b", "x"));
        client.get(null, key(1L));
        client.delete(null, key(1L));

        List<JournalEntry> records = server.journal().stream().filter(e -> e.kind() != JournalEntry.Kind.INFO).toList();
        assertEquals(List.of(JournalEntry.Kind.WRITE, JournalEntry.Kind.READ, JournalEntry.Kind.DELETE),
                records.stream().map(JournalEntry::kind).toList());
        JournalEntry put = records.get(0);
        assertEquals(NS, put.namespace());
        assertEquals(1, put.entryCount());
        assertEquals(List.of("NAMESPACE", "SET", "DIGEST", "KEY"), put.fields());
        assertEquals(List.of("WRITE:a", "WRITE:b"), put.ops());
        assertTrue(put.keyPresent());
        assertEquals(0x01, put.info2());
        assertFalse(put.receivedAt().isBefore(before));
        assertEquals(0x03, records.get(1).info1());
        assertFalse(records.get(1).keyPresent());
        assertEquals(0x03, records.get(2).info2());
        assertEquals(3, server.singleRecordRequestCount());

        server.clearJournal();
        assertEquals(0, server.singleRecordRequestCount());
        assertTrue(server.journal(JournalEntry.Kind.WRITE).isEmpty());
    }

    @Test
    void concurrentWritersAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        client.operate(null, key(0L), Operation.add(new Bin("n", 1)));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(400L, server.get(NS, SET, 0L).bin("n"));
        assertEquals(400, server.get(NS, SET, 0L).generation());
    }

    @Test
    void writeListenerSeesEachStoredRecordOnceItIsReadable() {
        List<Object> seen = new ArrayList<>();
        server.onWrite(r -> {
            // Called once the record is readable, before the reply.
            assertNotNull(server.get(NS, r.digest()));
            seen.add(r.userKey());
        });
        WritePolicy sendKey = new WritePolicy();
        sendKey.sendKey = true;
        client.put(sendKey, key(1L), new Bin("a", 1));
        BatchWritePolicy batchSendKey = new BatchWritePolicy();
        batchSendKey.sendKey = true;
        client.operate(null, List.of(
                new BatchWrite(batchSendKey, key(2L), new Operation[] {Operation.put(new Bin("a", 2))}),
                new BatchWrite(batchSendKey, key(3L), new Operation[] {Operation.put(new Bin("a", 3))})));
        client.delete(null, key(1L));
        server.put(NS, SET, 4L, Map.of("a", 4));
        assertEquals(List.of(1L, 2L, 3L), seen);

        server.onWrite(null);
        client.put(sendKey, key(5L), new Bin("a", 5));
        assertEquals(3, seen.size());
    }
}
