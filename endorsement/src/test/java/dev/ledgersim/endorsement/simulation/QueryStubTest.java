package dev.ledgersim.endorsement.simulation;

import static dev.ledgersim.endorsement.simulation.RwSets.kv;
import static dev.ledgersim.endorsement.simulation.RwSets.readKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.ContractTester;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.KeyModification;
import dev.ledgersim.contract.KeyValue;
import dev.ledgersim.contract.QueryResultsIterator;
import dev.ledgersim.contract.QueryResultsIteratorWithMetadata;
import dev.ledgersim.contract.Transaction;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Range, paginated, rich and history queries through {@link ContractTester}: what each returns and
 * what each records in the rw-set (FABRIC.md §4.2, §4.5, §9.3).
 */
class QueryStubTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TX_ID = Pattern.compile("[0-9a-f]{64}");

    /** One page of a paginated query. */
    public record Page(List<String> keys, int fetched, String bookmark) {
    }

    /** One committed change of a key. */
    public record Change(String txId, String value, String timestamp, boolean deleted) {
    }

    /** Query functions over simple keys with string values. */
    @Contract(name = "query")
    @Default
    public static final class QueryContract implements ContractInterface {

        @Transaction
        public void put(Context ctx, String key, String value) {
            ctx.getStub().putStringState(key, value);
        }

        @Transaction
        public void del(Context ctx, String key) {
            ctx.getStub().delState(key);
        }

        /** Writes {@code prefix00} .. {@code prefix(count-1)}. */
        @Transaction
        public void seed(Context ctx, String prefix, int count) {
            for (int i = 0; i < count; i++) {
                ctx.getStub().putStringState(String.format("%s%02d", prefix, i), "value " + i);
            }
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public List<String> range(Context ctx, String start, String end) {
            List<String> out = new ArrayList<>();
            try (QueryResultsIterator<KeyValue> it = ctx.getStub().getStateByRange(start, end)) {
                for (KeyValue kv : it) {
                    out.add(kv.getKey() + "=" + kv.getStringValue());
                }
            }
            return out;
        }

        /** Reads the first {@code count} results, then closes the iterator. */
        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public List<String> rangeFirst(Context ctx, String start, String end, int count) {
            List<String> out = new ArrayList<>();
            try (QueryResultsIterator<KeyValue> it = ctx.getStub().getStateByRange(start, end)) {
                Iterator<KeyValue> results = it.iterator();
                while (out.size() < count && results.hasNext()) {
                    out.add(results.next().getKey());
                }
            }
            return out;
        }

        /** Reads the first result and returns without closing the iterator. */
        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String rangeLeftOpen(Context ctx, String start, String end) {
            QueryResultsIterator<KeyValue> it = ctx.getStub().getStateByRange(start, end);
            return it.iterator().next().getKey();
        }

        @Transaction
        public List<String> putThenRange(Context ctx, String key, String value, String start, String end) {
            ctx.getStub().putStringState(key, value);
            return range(ctx, start, end);
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public Page page(Context ctx, String start, String end, int pageSize, String bookmark) {
            List<String> keys = new ArrayList<>();
            QueryResultsIteratorWithMetadata<KeyValue> it =
                    ctx.getStub().getStateByRangeWithPagination(start, end, pageSize, bookmark);
            it.forEach(kv -> keys.add(kv.getKey()));
            it.close();
            return new Page(keys, it.getMetadata().getFetchedRecordsCount(), it.getMetadata().getBookmark());
        }

        @Transaction
        public Page putThenPage(Context ctx, String key) {
            ctx.getStub().putStringState(key, "v");
            return page(ctx, "", "", 10, "");
        }

        @Transaction
        public void pageThenPut(Context ctx, String key) {
            page(ctx, "", "", 10, "");
            ctx.getStub().putStringState(key, "v");
        }

        @Transaction
        public void queryPageThenDelete(Context ctx, String key) {
            queryPage(ctx, "{\"selector\":{}}", 1, "");
            ctx.getStub().delState(key);
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public List<String> query(Context ctx, String query) {
            List<String> keys = new ArrayList<>();
            try (QueryResultsIterator<KeyValue> it = ctx.getStub().getQueryResult(query)) {
                it.forEach(kv -> keys.add(kv.getKey()));
            }
            return keys;
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public Page queryPage(Context ctx, String query, int pageSize, String bookmark) {
            List<String> keys = new ArrayList<>();
            QueryResultsIteratorWithMetadata<KeyValue> it =
                    ctx.getStub().getQueryResultWithPagination(query, pageSize, bookmark);
            it.forEach(kv -> keys.add(kv.getKey()));
            return new Page(keys, it.getMetadata().getFetchedRecordsCount(), it.getMetadata().getBookmark());
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public List<Change> history(Context ctx, String key) {
            ChaincodeStub stub = ctx.getStub();
            List<Change> out = new ArrayList<>();
            try (QueryResultsIterator<KeyModification> it = stub.getHistoryForKey(key)) {
                for (KeyModification m : it) {
                    out.add(new Change(m.getTxId(), m.getStringValue(), m.getTimestamp().toString(), m.isDeleted()));
                }
            }
            return out;
        }
    }

    private static ContractTester tester() {
        return ContractTester.named("query", QueryContract::new);
    }

    private static <T> T json(ContractTester.Result result, TypeReference<T> type) throws IOException {
        return JSON.readValue(result.payload(), type);
    }

    private static List<String> strings(ContractTester.Result result) throws IOException {
        return json(result, new TypeReference<List<String>>() { });
    }

    private static Page page(ContractTester.Result result) throws IOException {
        return JSON.readValue(result.payload(), Page.class);
    }

    private static RangeQueryInfo onlyRange(ContractTester.Result result) {
        List<RangeQueryInfo> ranges = kv(result.rwSet(), "query").rangeQueriesInfo();
        assertEquals(1, ranges.size(), ranges.toString());
        return ranges.get(0);
    }

    private static ContractTester abc() {
        ContractTester tester = tester();
        tester.submit("put", "a", "1");
        tester.submit("put", "b", "2");
        tester.submit("put", "c", "3");
        return tester;
    }

    // ---------------------------------------------------------------- range recording

    @Test
    void aFullyIteratedRangeIsRecordedExhaustedUpToTheRequestedEnd() throws IOException {
        ContractTester tester = abc();

        ContractTester.Result result = tester.evaluate("range", "a", "z");

        assertEquals(List.of("a=1", "b=2", "c=3"), strings(result));
        RangeQueryInfo range = onlyRange(result);
        assertEquals("a", range.startKey());
        assertEquals("z", range.endKey(), "exhausted: the requested end");
        assertTrue(range.itrExhausted());
        assertEquals(List.of("a", "b", "c"), range.rawReads().stream().map(KvRead::key).toList());
        range.rawReads().forEach(r -> assertNotNull(r.version(), "each result with its committed version"));
        assertNull(range.merkleSummary());
        assertEquals(List.of(), kv(result.rwSet(), "query").reads(), "range results are not plain reads");
    }

    @Test
    void theEndKeyIsExclusive() throws IOException {
        assertEquals(List.of("a=1", "b=2"), strings(abc().evaluate("range", "a", "c")));
    }

    @Test
    void aPartlyIteratedThenClosedRangeEndsAtTheLastKeyReturned() throws IOException {
        ContractTester.Result result = abc().evaluate("rangeFirst", "a", "z", "2");

        assertEquals(List.of("a", "b"), strings(result));
        RangeQueryInfo range = onlyRange(result);
        assertEquals("a", range.startKey());
        assertEquals("b", range.endKey(), "the last key returned");
        assertFalse(range.itrExhausted());
        assertEquals(List.of("a", "b"), range.rawReads().stream().map(KvRead::key).toList());
    }

    @Test
    void anIteratorLeftOpenIsRecordedWhenTheTransactionEnds() {
        ContractTester.Result result = abc().evaluate("rangeLeftOpen", "a", "z");

        assertEquals("a", result.payloadAsString());
        RangeQueryInfo range = onlyRange(result);
        assertEquals("a", range.startKey());
        assertEquals("a", range.endKey());
        assertFalse(range.itrExhausted());
        assertEquals(List.of("a"), range.rawReads().stream().map(KvRead::key).toList());
    }

    @Test
    void moreThanFiftyResultsAreRecordedAsAMerkleSummary() throws IOException {
        ContractTester tester = tester();
        tester.submit("seed", "m", "60");

        ContractTester.Result result = tester.evaluate("range", "m", "n");

        assertEquals(60, strings(result).size());
        RangeQueryInfo range = onlyRange(result);
        assertNull(range.rawReads(), "no raw reads beyond 50 results");
        assertNotNull(range.merkleSummary());
        assertEquals(50, range.merkleSummary().maxDegree());
        assertFalse(range.merkleSummary().maxLevelHashes().isEmpty());
        assertTrue(range.itrExhausted());
        assertEquals("n", range.endKey());
    }

    @Test
    void fiftyResultsAreStillRawReads() throws IOException {
        ContractTester tester = tester();
        tester.submit("seed", "m", "50");

        RangeQueryInfo range = onlyRange(tester.evaluate("range", "m", "n"));

        assertNull(range.merkleSummary());
        assertEquals(50, range.rawReads().size());
    }

    @Test
    void rangeResultsNeverIncludeTheTransactionsOwnWrites() throws IOException {
        ContractTester tester = abc();

        ContractTester.Result result = tester.submit("putThenRange", "b2", "new", "a", "z");

        assertEquals(List.of("a=1", "b=2", "c=3"), strings(result));
        assertEquals(List.of("a", "b", "c"), onlyRange(result).rawReads().stream().map(KvRead::key).toList());
        assertEquals(List.of("a=1", "b=2", "b2=new", "c=3"), strings(tester.evaluate("range", "a", "z")));
    }

    @Test
    void rangeResultsShowTheCommittedValueOfAKeyTheTransactionOverwrites() throws IOException {
        ContractTester tester = abc();

        assertEquals(List.of("a=1", "b=2", "c=3"), strings(tester.submit("putThenRange", "b", "changed", "a", "z")));
        assertEquals(List.of("a=1", "b=changed", "c=3"), strings(tester.evaluate("range", "a", "z")));
    }

    // ---------------------------------------------------------------- pagination

    @Test
    void paginationWalksFiveKeysInThreePagesOfTwo() throws IOException {
        ContractTester tester = tester();
        tester.submit("seed", "k", "5");

        Page first = page(tester.evaluate("page", "k", "l", "2", ""));
        Page second = page(tester.evaluate("page", "k", "l", "2", first.bookmark()));
        Page third = page(tester.evaluate("page", "k", "l", "2", second.bookmark()));

        assertEquals(List.of("k00", "k01"), first.keys());
        assertEquals(List.of("k02", "k03"), second.keys());
        assertEquals(List.of("k04"), third.keys());
        assertEquals(List.of(2, 2, 1), List.of(first.fetched(), second.fetched(), third.fetched()));
        assertFalse(first.bookmark().isEmpty());
        assertFalse(second.bookmark().isEmpty());
        assertEquals("", third.bookmark(), "the last page has an empty bookmark");
    }

    @Test
    void aPaginatedQueryAfterAWriteIsRefused() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> tester().submit("putThenPage", "k"));

        assertFabricMessage("Paginated queries are supported only in a read-only transaction", e);
    }

    @Test
    void aWriteAfterAPaginatedQueryIsRefused() {
        ContractTester tester = tester();
        tester.submit("put", "a", "1");

        ChaincodeException e = assertThrows(ChaincodeException.class, () -> tester.submit("pageThenPut", "k"));

        assertFabricMessage("Transaction has already performed a paginated query. Writes are not allowed", e);
        assertNull(tester.state("k"));
    }

    @Test
    void aDeleteAfterAPaginatedRichQueryIsRefused() {
        ContractTester tester = tester();
        tester.submit("put", "a", "{\"n\":1}");

        ChaincodeException e = assertThrows(ChaincodeException.class, () -> tester.submit("queryPageThenDelete", "a"));

        assertFabricMessage("Transaction has already performed a paginated query. Writes are not allowed", e);
    }

    /** Fabric's {@code txmgr/tx_simulator.go} texts, typo included: "txid [&lt;id&gt;]: unsuppored transaction. ...". */
    private static void assertFabricMessage(String tail, ChaincodeException e) {
        Pattern expected = Pattern.compile("txid \\[" + TX_ID.pattern() + "\\]: " + Pattern.quote("unsuppored transaction. " + tail));
        assertTrue(expected.matcher(e.getMessage()).matches(), e.getMessage());
    }

    // ---------------------------------------------------------------- rich queries

    private static ContractTester assets() {
        ContractTester tester = tester();
        tester.submit("put", "asset1", "{\"docType\":\"asset\",\"color\":\"blue\",\"size\":5,"
                + "\"owner\":{\"name\":\"Tom\",\"org\":\"Org1MSP\"}}");
        tester.submit("put", "asset2", "{\"docType\":\"asset\",\"color\":\"red\",\"size\":10,"
                + "\"owner\":{\"name\":\"Max\",\"org\":\"Org2MSP\"}}");
        tester.submit("put", "asset3", "{\"docType\":\"asset\",\"color\":\"green\",\"size\":15,"
                + "\"owner\":{\"name\":\"Tomoko\",\"org\":\"Org1MSP\"}}");
        tester.submit("put", "asset4", "{\"docType\":\"asset\",\"color\":\"blue\",\"size\":20,"
                + "\"owner\":{\"name\":\"Adriana\",\"org\":\"Org2MSP\"}}");
        tester.submit("put", "note", "docType asset color blue");
        tester.submit("put", "array", "[{\"docType\":\"asset\",\"color\":\"blue\"}]");
        tester.submit("put", "broken", "{\"docType\":\"asset\",\"color\":\"blue\"");
        return tester;
    }

    private static List<String> query(ContractTester tester, String query) throws IOException {
        return strings(tester.evaluate("query", query));
    }

    @Test
    void equalityAndImplicitEqualityMatchTheSameDocuments() throws IOException {
        ContractTester tester = assets();

        assertEquals(List.of("asset1", "asset4"), query(tester, "{\"selector\":{\"color\":{\"$eq\":\"blue\"}}}"));
        assertEquals(List.of("asset1", "asset4"), query(tester, "{\"selector\":{\"color\":\"blue\"}}"));
    }

    @Test
    void comparisonAndInOperators() throws IOException {
        ContractTester tester = assets();

        assertEquals(List.of("asset3", "asset4"), query(tester, "{\"selector\":{\"size\":{\"$gt\":10}}}"));
        assertEquals(List.of("asset2", "asset3"),
                query(tester, "{\"selector\":{\"color\":{\"$in\":[\"red\",\"green\"]}}}"));
    }

    @Test
    void andOrCombinations() throws IOException {
        ContractTester tester = assets();

        assertEquals(List.of("asset4"),
                query(tester, "{\"selector\":{\"$and\":[{\"color\":\"blue\"},{\"size\":{\"$gt\":5}}]}}"));
        assertEquals(List.of("asset1", "asset2"),
                query(tester, "{\"selector\":{\"$or\":[{\"color\":\"red\"},{\"owner.name\":\"Tom\"}]}}"));
    }

    @Test
    void regexAndNestedFields() throws IOException {
        ContractTester tester = assets();

        assertEquals(List.of("asset1", "asset3"), query(tester, "{\"selector\":{\"owner.name\":{\"$regex\":\"^Tom\"}}}"));
        assertEquals(List.of("asset2", "asset4"), query(tester, "{\"selector\":{\"owner\":{\"org\":\"Org2MSP\"}}}"));
    }

    @Test
    void sortAndLimit() throws IOException {
        ContractTester tester = assets();

        assertEquals(List.of("asset4", "asset3"),
                query(tester, "{\"selector\":{\"docType\":\"asset\"},\"sort\":[{\"size\":\"desc\"}],\"limit\":2}"));
        assertEquals(List.of("asset1", "asset2", "asset3", "asset4"),
                query(tester, "{\"selector\":{\"docType\":\"asset\"},\"sort\":[\"size\"]}"));
    }

    @Test
    void valuesThatAreNotJsonObjectsNeverMatch() throws IOException {
        assertEquals(List.of("asset1", "asset2", "asset3", "asset4"), query(assets(), "{\"selector\":{}}"));
    }

    @Test
    void eachRichQueryResultIsRecordedAsAPlainReadWithoutRangeInfo() {
        ContractTester tester = assets();

        ContractTester.Result result = tester.evaluate("query", "{\"selector\":{\"color\":\"blue\"}}");

        KvRwSet kv = kv(result.rwSet(), "query");
        assertEquals(List.of("asset1", "asset4"), readKeys(kv));
        kv.reads().forEach(r -> assertNotNull(r.version(), r.toString()));
        assertEquals(List.of(), kv.rangeQueriesInfo(), "no phantom protection for rich queries");
    }

    @Test
    void anInvalidQueryFailsTheTransaction() {
        ChaincodeException e = assertThrows(ChaincodeException.class,
                () -> assets().evaluate("query", "{\"selector\":{\"size\":{\"$near\":1}}}"));
        assertTrue(e.getMessage().startsWith("invalid query: "), e.getMessage());
    }

    @Test
    void paginatedRichQueriesPageAndRecordOnlyTheReturnedKeys() throws IOException {
        ContractTester tester = assets();
        String selector = "{\"selector\":{\"docType\":\"asset\"}}";

        ContractTester.Result first = tester.evaluate("queryPage", selector, "3", "");
        Page second = page(tester.evaluate("queryPage", selector, "3", page(first).bookmark()));

        assertEquals(List.of("asset1", "asset2", "asset3"), page(first).keys());
        assertEquals(List.of("asset4"), second.keys());
        assertEquals("", second.bookmark());
        assertEquals(List.of("asset1", "asset2", "asset3"), readKeys(kv(first.rwSet(), "query")),
                "a page records the keys it returned, not the whole result set");
    }

    // ---------------------------------------------------------------- history

    @Test
    void historyIsNewestFirstWithTxIdValueTimestampAndDeleteFlag() throws IOException {
        ContractTester tester = tester();
        Instant t1 = Instant.parse("2025-02-01T10:00:00Z");
        Instant t2 = Instant.parse("2025-02-02T11:30:00.250Z");
        Instant t3 = Instant.parse("2025-02-03T12:45:00Z");
        String created = tester.at(t1).submit("put", "patient1", "glucose 5.1").txId();
        String updated = tester.at(t2).submit("put", "patient1", "glucose 7.9").txId();
        String deleted = tester.at(t3).submit("del", "patient1").txId();
        tester.submit("put", "patient2", "unrelated");

        ContractTester.Result result = tester.evaluate("history", "patient1");

        assertEquals(List.of(
                new Change(deleted, "", t3.toString(), true),
                new Change(updated, "glucose 7.9", t2.toString(), false),
                new Change(created, "glucose 5.1", t1.toString(), false)),
                json(result, new TypeReference<List<Change>>() { }));
        assertEquals(List.of(), result.rwSet().nsRwSets(), "history records nothing in the rw-set");
    }

    @Test
    void historyOfANeverWrittenKeyIsEmpty() throws IOException {
        assertEquals(List.of(), json(tester().evaluate("history", "nobody"), new TypeReference<List<Change>>() { }));
    }
}
