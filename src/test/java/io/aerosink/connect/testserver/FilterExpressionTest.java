package io.aerosink.connect.testserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.Expression;
import com.aerospike.client.exp.MapExp;
import com.aerospike.client.policy.BatchDeletePolicy;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Filter expressions on writes, deletes and reads, and MapOperation.put, driven by the real client. The first group
 * has one test per row of the table "Filter expressions on batch writes" in aerospike-protocol.md section 8 (what a
 * real 8.1.2.0 server answered); the rest cover the map fence the connector sends and the three-valued logic behind
 * both fences.
 */
class FilterExpressionTest {
    private static final String NS = "test";
    private static final String SET = "s";

    private AerospikeTestServer server;
    private AerospikeClient client;

    @BeforeEach
    void startServer() {
        server = AerospikeTestServer.start();
        client = new AerospikeClient(new ClientPolicy(), "127.0.0.1", server.port());
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.close();
    }

    private static Key key(Object userKey) {
        return new Key(NS, SET, Value.get(userKey));
    }

    /** F(v) of section 8: write only if bin f is missing or older than v. */
    private static Expression fence(long v) {
        return Exp.build(Exp.or(Exp.not(Exp.binExists("f")), Exp.lt(Exp.intBin("f"), Exp.val(v))));
    }

    private static Exp mapValue(String k) {
        return MapExp.getByKey(MapReturnType.VALUE, Exp.Type.INT, Exp.val(k), Exp.mapBin("m"));
    }

    /** The connector's map fence: write only if map bin m is missing, lacks key k, or holds an older value there. */
    private static Expression mapFence(String k, long v) {
        return Exp.build(Exp.or(Exp.not(Exp.binExists("m")),
                Exp.eq(MapExp.getByKey(MapReturnType.COUNT, Exp.Type.INT, Exp.val(k), Exp.mapBin("m")), Exp.val(0)),
                Exp.lt(mapValue(k), Exp.val(v))));
    }

    private static BatchWritePolicy policy(Expression filter, RecordExistsAction action) {
        BatchWritePolicy p = new BatchWritePolicy();
        p.filterExp = filter;
        p.recordExistsAction = action;
        return p;
    }

    /** A fenced write of f = v, as the connector sends it. */
    private static BatchWrite fencedWrite(Object userKey, long v, RecordExistsAction action, Operation... more) {
        List<Operation> ops = new ArrayList<>(List.of(Operation.put(new Bin("f", v))));
        ops.addAll(List.of(more));
        return new BatchWrite(policy(fence(v), action), key(userKey), ops.toArray(Operation[]::new));
    }

    private static BatchWrite fencedWrite(Object userKey, long v) {
        return fencedWrite(userKey, v, RecordExistsAction.UPDATE);
    }

    /** A map-fenced write of m[k] = v plus a plain bin, under the given action. */
    private static BatchWrite mapWrite(Object userKey, String k, long v, RecordExistsAction action) {
        return new BatchWrite(policy(mapFence(k, v), action), key(userKey), new Operation[] {
                MapOperation.put(MapPolicy.Default, "m", Value.get(k), Value.get(v)),
                Operation.put(new Bin("last", k))});
    }

    /** An unfenced write to another key, so the batch has two records and goes out as a real batch. */
    private static BatchWrite bystander() {
        return new BatchWrite(key("bystander"), new Operation[] {Operation.put(new Bin("b", 1))});
    }

    /** Sends the records as one batch; rows report per-key results, the call itself never throws for them. */
    private boolean operate(BatchRecord... records) {
        return client.operate(null, List.of(records));
    }

    private StoredRecord stored(Object userKey) {
        return server.get(NS, SET, userKey);
    }

    private static void assertFilteredOut(BatchRecord row) {
        assertEquals(ResultCode.FILTERED_OUT, row.resultCode);
        assertNull(row.record, "a FILTERED_OUT row carries no ops");
        assertFalse(row.inDoubt);
    }

    // ---- aerospike-protocol.md section 8, "Filter expressions on batch writes", one test per row ----

    @Test
    void fenceOnAMissingRecordWritesItInABatchOfTwoAndInABatchOfOne() {
        BatchWrite inBatch = fencedWrite(1L, 10);
        assertTrue(operate(inBatch, bystander()));
        assertEquals(ResultCode.OK, inBatch.resultCode);
        assertEquals(10L, stored(1L).bin("f"));
        assertEquals(1, server.batchRequestCount());
        assertTrue(server.journal(JournalEntry.Kind.BATCH).get(0).batchEntries().get(0).contains(" filter"));

        BatchWrite alone = fencedWrite(2L, 10);
        assertTrue(operate(alone));
        assertEquals(ResultCode.OK, alone.resultCode);
        assertEquals(1, alone.record.generation);
        assertEquals(10L, stored(2L).bin("f"));
        assertEquals(1, server.batchRequestCount(), "a one-key batch goes out as a single-record command");
        JournalEntry single = server.journal(JournalEntry.Kind.WRITE).get(0);
        assertTrue(single.fields().contains("FILTER_EXP"), single.fields().toString());
    }

    @Test
    void olderValueIsFilteredOutAndLeavesTheRecordUnchanged() {
        server.put(NS, SET, 1L, Map.of("f", 10L));
        BatchWrite older = fencedWrite(1L, 7);
        BatchWrite other = bystander();

        assertFalse(operate(older, other), "a filtered row makes operate return false, without throwing");
        assertFilteredOut(older);
        assertEquals(ResultCode.OK, other.resultCode);
        assertEquals(10L, stored(1L).bin("f"));
        assertEquals(1, stored(1L).generation());
    }

    @Test
    void equalValueIsFilteredOutBecauseTheFenceIsStrict() {
        server.put(NS, SET, 1L, Map.of("f", 10L));
        BatchWrite equal = fencedWrite(1L, 10);

        assertFalse(operate(equal, bystander()));
        assertFilteredOut(equal);
        assertEquals(1, stored(1L).generation());
    }

    @Test
    void createOnlyAnswersKeyExistsBeforeEvaluatingTheFilter() {
        server.put(NS, SET, 1L, Map.of("f", 10L));
        // F(5) on f=10 would filter the record out: KEY_EXISTS shows existence is checked first.
        BatchWrite create = fencedWrite(1L, 5, RecordExistsAction.CREATE_ONLY);

        assertFalse(operate(create, bystander()));
        assertEquals(ResultCode.KEY_EXISTS_ERROR, create.resultCode);
        assertEquals(10L, stored(1L).bin("f"));
    }

    @Test
    void replaceIsFencedAndReplacesTheBinsWhenTheFilterPasses() {
        server.put(NS, SET, 1L, Map.of("f", 10L));
        server.put(NS, SET, 2L, Map.of("f", 12L, "x", "old"));
        BatchWrite stale = fencedWrite(1L, 5, RecordExistsAction.REPLACE);
        BatchWrite fresh = fencedWrite(2L, 30, RecordExistsAction.REPLACE, Operation.put(new Bin("y", "new")));

        assertFalse(operate(stale, fresh));
        assertFilteredOut(stale);
        assertEquals(Map.of("f", 10L), stored(1L).bins());
        assertEquals(ResultCode.OK, fresh.resultCode);
        assertEquals(Map.of("f", 30L, "y", "new"), stored(2L).bins(), "only the new bins and f");
    }

    @Test
    void deleteWithAPassingFilterDeletesAndALaterOlderWriteCreatesTheRecordAgain() {
        server.put(NS, SET, 1L, Map.of("f", 10L));
        BatchDeletePolicy fenced = new BatchDeletePolicy();
        fenced.filterExp = fence(25);
        BatchDelete delete = new BatchDelete(fenced, key(1L));

        assertTrue(operate(delete, bystander()));
        assertEquals(ResultCode.OK, delete.resultCode);
        assertNull(stored(1L));

        BatchWrite older = fencedWrite(1L, 5);
        assertTrue(operate(older, bystander()));
        assertEquals(5L, stored(1L).bin("f"));
        assertEquals(1, stored(1L).generation());
    }

    @Test
    void missingMapKeyComparesAsFalse() {
        server.put(NS, SET, 1L, Map.of("m", Map.of("t-2", 1L)));
        BatchWritePolicy lookupOnly = policy(Exp.build(Exp.lt(mapValue("t-1"), Exp.val(3))), RecordExistsAction.UPDATE);
        BatchWrite write = new BatchWrite(lookupOnly, key(1L), new Operation[] {
                MapOperation.put(MapPolicy.Default, "m", Value.get("t-1"), Value.get(3))});

        assertFalse(operate(write, bystander()));
        assertFilteredOut(write);
        assertEquals(Map.of("t-2", 1L), stored(1L).map("m"));
    }

    @Test
    void sameKeyTwiceInOneBatchIsEvaluatedInIndexOrderAgainstTheFirstEntrysResult() {
        BatchWrite first = fencedWrite(1L, 50);
        BatchWrite second = fencedWrite(1L, 40);
        assertFalse(operate(first, second));
        assertEquals(ResultCode.OK, first.resultCode);
        assertFilteredOut(second);
        assertEquals(50L, stored(1L).bin("f"));
        assertEquals(1, stored(1L).generation());

        // The device namespace ran the F(40) entry first: both rows pass and f=50 still lands last.
        AerospikeTestServer.Options device = new AerospikeTestServer.Options()
                .duplicateKeyOrder(AerospikeTestServer.DuplicateKeyOrder.REVERSE_ORDER);
        try (AerospikeTestServer s = AerospikeTestServer.start(device);
             AerospikeClient c = new AerospikeClient(new ClientPolicy(), "127.0.0.1", s.port())) {
            BatchWrite a = fencedWrite(1L, 50);
            BatchWrite b = fencedWrite(1L, 40);
            assertTrue(c.operate(null, List.of(a, b)));
            assertEquals(50L, s.get(NS, SET, 1L).bin("f"));
            assertEquals(2, s.get(NS, SET, 1L).generation());
        }
    }

    // ---- the map fence ----

    @Test
    void mapFenceWritesWhenTheBinIsMissing() {
        server.put(NS, SET, 1L, Map.of("other", 1L));
        BatchWrite write = mapWrite(1L, "t-1", 5, RecordExistsAction.UPDATE);
        BatchWrite created = mapWrite(2L, "t-1", 5, RecordExistsAction.UPDATE);

        assertTrue(operate(write, created));
        assertEquals(Map.of("t-1", 5L), stored(1L).map("m"));
        assertEquals(1L, stored(1L).bin("other"));
        assertEquals(Map.of("t-1", 5L), stored(2L).map("m"));
        assertEquals(1L, write.record.getLong("m"), "a map put answers the map's new size");
        assertTrue(write.record.bins.containsKey("last") && write.record.bins.get("last") == null);
    }

    @Test
    void mapFenceWritesWhenTheMapLacksTheKeyThanksToTheCountClause() {
        server.put(NS, SET, 1L, Map.of("m", Map.of("t-2", 9L)));
        server.put(NS, SET, 2L, Map.of("m", Map.of("t-2", 9L)));
        // Without the COUNT clause the lookup of the missing key is unknown, and unknown filters the record out.
        BatchWritePolicy noCount = policy(Exp.build(Exp.or(Exp.not(Exp.binExists("m")),
                Exp.lt(mapValue("t-1"), Exp.val(5)))), RecordExistsAction.UPDATE);
        BatchWrite withoutCount = new BatchWrite(noCount, key(2L), new Operation[] {
                MapOperation.put(MapPolicy.Default, "m", Value.get("t-1"), Value.get(5))});
        BatchWrite withCount = mapWrite(1L, "t-1", 5, RecordExistsAction.UPDATE);

        assertFalse(operate(withCount, withoutCount));
        assertEquals(ResultCode.OK, withCount.resultCode);
        assertEquals(Map.of("t-1", 5L, "t-2", 9L), stored(1L).map("m"));
        assertFilteredOut(withoutCount);
        assertEquals(Map.of("t-2", 9L), stored(2L).map("m"));
    }

    @Test
    void mapFenceWritesAnOlderKeyAndFiltersEqualOrNewerOnes() {
        for (long key = 1; key <= 3; key++) {
            server.put(NS, SET, key, Map.of("m", Map.of("t-1", 5L, "t-2", 1L)));
        }
        BatchWrite newer = mapWrite(1L, "t-1", 6, RecordExistsAction.UPDATE);
        BatchWrite equal = mapWrite(2L, "t-1", 5, RecordExistsAction.UPDATE);
        BatchWrite older = mapWrite(3L, "t-1", 4, RecordExistsAction.UPDATE);

        assertFalse(operate(newer, equal, older));
        assertEquals(ResultCode.OK, newer.resultCode);
        assertEquals(Map.of("t-1", 6L, "t-2", 1L), stored(1L).map("m"));
        assertEquals(2L, newer.record.getLong("m"));
        assertFilteredOut(equal);
        assertFilteredOut(older);
        assertEquals(Map.of("t-1", 5L, "t-2", 1L), stored(2L).map("m"));
        assertEquals(Map.of("t-1", 5L, "t-2", 1L), stored(3L).map("m"));
    }

    @Test
    void mapFenceHoldsForAOneKeyBatchOnTheSingleRecordPath() {
        server.put(NS, SET, 1L, Map.of("m", Map.of("t-1", 5L)));
        BatchWrite stale = mapWrite(1L, "t-1", 5, RecordExistsAction.UPDATE);
        assertFalse(operate(stale));
        assertFilteredOut(stale);

        BatchWrite fresh = mapWrite(1L, "t-1", 8, RecordExistsAction.UPDATE);
        assertTrue(operate(fresh));
        assertEquals(Map.of("t-1", 8L), stored(1L).map("m"));
        assertEquals(0, server.batchRequestCount());
        assertEquals(2, server.singleRecordRequestCount());
    }

    @Test
    void mapPutKeepsOtherKeysUnderUpdateAndIsRefusedUnderReplace() {
        server.put(NS, SET, 1L, Map.of("m", Map.of("t-1", 1L), "x", 1L));
        server.put(NS, SET, 2L, Map.of("m", Map.of("t-1", 1L), "x", 1L));
        BatchWrite update = mapWrite(1L, "t-2", 2, RecordExistsAction.UPDATE);
        // The real server refuses any CDT modify op under a record-level replace (write.c: "cdt modify op can't have
        // record-level replace flag"), before looking at the record or the filter.
        BatchWrite replace = mapWrite(2L, "t-2", 2, RecordExistsAction.REPLACE);

        assertFalse(operate(update, replace));
        assertEquals(Map.of("t-1", 1L, "t-2", 2L), stored(1L).map("m"));
        assertEquals(1L, stored(1L).bin("x"));
        assertEquals(ResultCode.PARAMETER_ERROR, replace.resultCode);
        assertEquals(1, stored(2L).generation());

        // Replacing the map means writing it whole, a plain WRITE op, which REPLACE accepts.
        BatchWritePolicy replacing = policy(mapFence("t-2", 2), RecordExistsAction.REPLACE);
        BatchWrite whole = new BatchWrite(replacing, key(2L), new Operation[] {
                Operation.put(new Bin("m", Map.of("t-2", 2L)))});
        assertTrue(operate(whole, bystander()));
        assertEquals(Map.of("t-2", 2L), stored(2L).map("m"));
        assertNull(stored(2L).bin("x"));
    }

    @Test
    void mapPutUnderEachRecordExistsAction() {
        server.put(NS, SET, "exists1", Map.of("m", Map.of("t-1", 1L)));
        server.put(NS, SET, "exists2", Map.of("m", Map.of("t-1", 1L)));
        server.put(NS, SET, "exists3", Map.of("m", Map.of("t-1", 1L)));
        BatchWrite createNew = mapWrite("new1", "t-2", 2, RecordExistsAction.CREATE_ONLY);
        BatchWrite createExisting = mapWrite("exists1", "t-2", 2, RecordExistsAction.CREATE_ONLY);
        BatchWrite updateOnlyMissing = mapWrite("new2", "t-2", 2, RecordExistsAction.UPDATE_ONLY);
        BatchWrite updateOnlyExisting = mapWrite("exists2", "t-2", 2, RecordExistsAction.UPDATE_ONLY);
        BatchWrite replaceOnly = mapWrite("exists3", "t-2", 2, RecordExistsAction.REPLACE_ONLY);
        BatchWrite replaceMissing = mapWrite("new3", "t-2", 2, RecordExistsAction.REPLACE);

        assertFalse(operate(createNew, createExisting, updateOnlyMissing, updateOnlyExisting, replaceOnly,
                replaceMissing));

        assertEquals(ResultCode.OK, createNew.resultCode);
        assertEquals(Map.of("t-2", 2L), stored("new1").map("m"));
        assertEquals("t-2", stored("new1").bin("last"));
        assertEquals(ResultCode.KEY_EXISTS_ERROR, createExisting.resultCode);
        assertEquals(ResultCode.KEY_NOT_FOUND_ERROR, updateOnlyMissing.resultCode);
        assertEquals(ResultCode.OK, updateOnlyExisting.resultCode);
        assertEquals(Map.of("t-1", 1L, "t-2", 2L), stored("exists2").map("m"));
        assertEquals(ResultCode.PARAMETER_ERROR, replaceOnly.resultCode);
        assertEquals(ResultCode.PARAMETER_ERROR, replaceMissing.resultCode);
        assertNull(stored("new3"));
    }

    @Test
    void mapBinReadsBackAsAJavaMapWithTheBytesAClientWriteWouldStore() {
        assertTrue(operate(mapWrite(1L, "t-1", 5, RecordExistsAction.UPDATE),
                mapWrite(1L, "t-2", 300_000, RecordExistsAction.UPDATE)));

        Record r = client.get(null, key(1L));
        assertEquals(Map.of("t-1", 5L, "t-2", 300_000L), r.getMap("m"));
        LinkedHashMap<String, Long> same = new LinkedHashMap<>();
        same.put("t-1", 5L);
        same.put("t-2", 300_000L);
        client.put(null, key(2L), new Bin("m", same));
        assertArrayEquals(stored(2L).rawBin("m"), stored(1L).rawBin("m"));
        assertEquals(19, stored(1L).particleType("m"));
    }

    @Test
    void mapPutOnABinOfAnotherTypeIsABinTypeError() {
        server.put(NS, SET, 1L, Map.of("m", "not a map"));
        BatchWrite write = new BatchWrite(key(1L), new Operation[] {
                MapOperation.put(MapPolicy.Default, "m", Value.get("t-1"), Value.get(1))});

        assertFalse(operate(write, bystander()));
        assertEquals(ResultCode.BIN_TYPE_ERROR, write.resultCode);
        assertEquals("not a map", stored(1L).bin("m"));
    }

    // ---- three-valued logic and the rest of the supported subset ----

    /** The row code of a write of bin w to a record {f: 10, s: "str", m: {t-1: 5, t-s: "x"}} under this filter. */
    private int rowCode(Exp filter) {
        server.put(NS, SET, "logic", Map.of("f", 10L, "s", "str", "m", Map.of("t-1", 5L, "t-s", "x")));
        BatchWrite write = new BatchWrite(policy(Exp.build(filter), RecordExistsAction.UPDATE), key("logic"),
                new Operation[] {Operation.put(new Bin("w", 1))});
        operate(write, bystander());
        return write.resultCode;
    }

    @Test
    void unknownPropagatesThroughComparisonsAndNotAndIsDecidedOnlyByAndOr() {
        int ok = ResultCode.OK;
        int out = ResultCode.FILTERED_OUT;
        Exp unknown = Exp.lt(Exp.intBin("missing"), Exp.val(1));
        Exp yes = Exp.eq(Exp.intBin("f"), Exp.val(10));
        Exp no = Exp.eq(Exp.intBin("f"), Exp.val(11));

        assertEquals(out, rowCode(unknown));
        assertEquals(out, rowCode(Exp.not(unknown)), "not(unknown) is unknown");
        assertEquals(ok, rowCode(Exp.or(unknown, yes)), "true or unknown is true");
        assertEquals(out, rowCode(Exp.not(Exp.or(no, unknown))), "false or unknown is unknown");
        assertEquals(ok, rowCode(Exp.not(Exp.and(no, unknown))), "false and unknown is false");
        assertEquals(out, rowCode(Exp.not(Exp.and(yes, unknown))), "true and unknown is unknown");
        assertEquals(out, rowCode(Exp.not(Exp.eq(Exp.intBin("s"), Exp.val(0)))), "intBin of a string bin is unknown");
        assertEquals(out, rowCode(Exp.not(Exp.eq(mapValue("t-s"), Exp.val(0)))), "a non-integer map value is unknown");
        assertEquals(out, rowCode(Exp.not(Exp.eq(MapExp.getByKey(MapReturnType.VALUE, Exp.Type.INT, Exp.val("t-1"),
                Exp.mapBin("f")), Exp.val(0)))), "a map lookup in a bin that is not a map is unknown");
        assertEquals(ok, rowCode(Exp.eq(Exp.binType("missing"), Exp.val(0))), "binType of a missing bin is 0");
        assertEquals(ok, rowCode(Exp.eq(Exp.binType("m"), Exp.val(19))));
        assertEquals(ok, rowCode(Exp.eq(MapExp.getByKey(MapReturnType.COUNT, Exp.Type.INT, Exp.val("t-1"),
                Exp.mapBin("m")), Exp.val(1))));
    }

    @Test
    void everyComparisonOnIntegers() {
        Exp f = Exp.intBin("f");
        assertEquals(ResultCode.OK, rowCode(Exp.and(Exp.eq(f, Exp.val(10)), Exp.ne(f, Exp.val(9)),
                Exp.gt(f, Exp.val(9)), Exp.ge(f, Exp.val(10)), Exp.lt(f, Exp.val(11)), Exp.le(f, Exp.val(10)),
                Exp.gt(Exp.val(-1), Exp.val(Long.MIN_VALUE)), Exp.lt(Exp.val(300_000), Exp.val(Long.MAX_VALUE)))));
        for (Exp falseOne : List.of(Exp.eq(f, Exp.val(9)), Exp.ne(f, Exp.val(10)), Exp.gt(f, Exp.val(10)),
                Exp.ge(f, Exp.val(11)), Exp.lt(f, Exp.val(10)), Exp.le(f, Exp.val(9)))) {
            assertEquals(ResultCode.FILTERED_OUT, rowCode(falseOne));
        }
    }

    @Test
    void unsupportedExpressionFailsItsRowWithParameterErrorAndTheServerKeepsServing() {
        server.put(NS, SET, 1L, Map.of("s", "abc"));
        Expression regex = Exp.build(Exp.regexCompare("a.*", 0, Exp.stringBin("s")));
        BatchWrite unsupported = new BatchWrite(policy(regex, RecordExistsAction.UPDATE), key(1L),
                new Operation[] {Operation.put(new Bin("s", "x"))});
        // Like the real server, the filter is parsed only once a record was found: a write creating one ignores it.
        BatchWrite creating = new BatchWrite(policy(regex, RecordExistsAction.UPDATE), key(2L),
                new Operation[] {Operation.put(new Bin("s", "x"))});

        assertFalse(operate(unsupported, creating, bystander()));
        assertEquals(ResultCode.PARAMETER_ERROR, unsupported.resultCode);
        assertEquals("abc", stored(1L).bin("s"));
        assertEquals(ResultCode.OK, creating.resultCode);
        assertEquals("abc", client.get(null, key(1L)).getString("s"));
        assertEquals(1L, client.get(null, key("bystander")).getLong("b"));
    }

    @Test
    void filtersApplyToDeletesReadsSingleRecordCommandsAndTheBatchHeader() {
        server.put(NS, SET, 1L, Map.of("f", 10L));
        BatchDeletePolicy stale = new BatchDeletePolicy();
        stale.filterExp = fence(5);
        BatchDelete keep = new BatchDelete(stale, key(1L));
        BatchDelete missing = new BatchDelete(stale, key(2L));
        assertFalse(operate(keep, missing));
        assertFilteredOut(keep);
        assertEquals(ResultCode.KEY_NOT_FOUND_ERROR, missing.resultCode);
        assertEquals(10L, stored(1L).bin("f"));

        WritePolicy quiet = new WritePolicy();
        quiet.filterExp = fence(5);
        client.put(quiet, key(1L), new Bin("f", 5));
        assertEquals(10L, stored(1L).bin("f"), "filtered out; the client ignores it unless failOnFilteredOut");
        WritePolicy loud = new WritePolicy(quiet);
        loud.failOnFilteredOut = true;
        assertEquals(ResultCode.FILTERED_OUT, assertThrows(AerospikeException.class,
                () -> client.put(loud, key(1L), new Bin("f", 5))).getResultCode());
        Policy read = new Policy();
        read.filterExp = fence(5);
        assertNull(client.get(read, key(1L)));
        read.filterExp = fence(11);
        assertEquals(10L, client.get(read, key(1L)).getLong("f"));

        // BatchPolicy.filterExp goes in the batch header and applies to entries without their own.
        BatchPolicy headerFilter = new BatchPolicy();
        headerFilter.filterExp = fence(5);
        BatchWrite plain = new BatchWrite(key(1L), new Operation[] {Operation.put(new Bin("f", 5))});
        BatchWrite own = fencedWrite(1L, 20);
        assertFalse(client.operate(headerFilter, List.of(plain, own)));
        assertFilteredOut(plain);
        assertEquals(ResultCode.OK, own.resultCode);
        assertEquals(20L, stored(1L).bin("f"));
    }
}
