package dev.ledgersim.endorsement.simulation;

import static dev.ledgersim.endorsement.simulation.RwSets.collection;
import static dev.ledgersim.endorsement.simulation.RwSets.kv;
import static dev.ledgersim.endorsement.simulation.RwSets.sha256;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.ledgersim.contract.KeyValue;
import dev.ledgersim.contract.QueryResultsIterator;
import dev.ledgersim.contract.Transaction;
import dev.ledgersim.endorsement.CollectionConfig;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.KvMetadataWriteHash;
import dev.ledgersim.ledger.protocol.KvReadHash;
import dev.ledgersim.ledger.protocol.KvWriteHash;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Private data through {@link ContractTester}: only hashes reach the public rw-set, reads are hashed
 * reads, member-only access with Fabric's messages, private queries only in read-only transactions
 * (FABRIC.md §4.2, §4.5, §6.1, §6.5).
 */
class PrivateDataStubTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "blood type AB-negative";
    private static final String PATIENT = "patient-4711";

    private static Identity alice;
    private static Identity eve;

    @BeforeAll
    static void enroll() {
        alice = RwSets.ca("Org1MSP").enroll("alice", Role.CLIENT);
        CertificateAuthority org2 = RwSets.ca("Org2MSP");
        eve = org2.enroll("eve", Role.CLIENT);
    }

    /** Private data functions; the collection is a parameter where a test needs to vary it. */
    @Contract(name = "records")
    @Default
    public static final class RecordsContract implements ContractInterface {

        @Transaction
        public void putSecret(Context ctx, String key, String value) {
            ctx.getStub().putPrivateData("secret", key, value);
        }

        /** The usual pattern: the value travels in the transient map, never in the arguments. */
        @Transaction
        public void putSecretFromTransient(Context ctx, String key) {
            byte[] value = ctx.getStub().getTransient().get("value");
            if (value == null) {
                throw new ChaincodeException("the transient map has no value");
            }
            ctx.getStub().putPrivateData("secret", key, value);
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String getSecret(Context ctx, String key) {
            return ctx.getStub().getPrivateDataUTF8("secret", key);
        }

        @Transaction
        public String putThenGetSecret(Context ctx, String key, String value) {
            ctx.getStub().putPrivateData("secret", key, value);
            return ctx.getStub().getPrivateDataUTF8("secret", key);
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String secretHash(Context ctx, String key) {
            return HexFormat.of().formatHex(ctx.getStub().getPrivateDataHash("secret", key));
        }

        @Transaction
        public void delSecret(Context ctx, String key) {
            ctx.getStub().delPrivateData("secret", key);
        }

        @Transaction
        public void purgeSecret(Context ctx, String key) {
            ctx.getStub().purgePrivateData("secret", key);
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public List<String> secretRange(Context ctx, String start, String end) {
            List<String> out = new ArrayList<>();
            try (QueryResultsIterator<KeyValue> it = ctx.getStub().getPrivateDataByRange("secret", start, end)) {
                it.forEach(kv -> out.add(kv.getKey() + "=" + kv.getStringValue()));
            }
            return out;
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public List<String> secretQuery(Context ctx, String query) {
            List<String> out = new ArrayList<>();
            try (QueryResultsIterator<KeyValue> it = ctx.getStub().getPrivateDataQueryResult("secret", query)) {
                it.forEach(kv -> out.add(kv.getKey()));
            }
            return out;
        }

        @Transaction
        public void putThenSecretRange(Context ctx, String key) {
            ctx.getStub().putStringState(key, "public");
            secretRange(ctx, "", "");
        }

        @Transaction
        public void secretPutThenSecretQuery(Context ctx, String key) {
            ctx.getStub().putPrivateData("secret", key, "v");
            secretQuery(ctx, "{\"selector\":{}}");
        }

        @Transaction
        public void secretRangeThenPut(Context ctx, String key) {
            secretRange(ctx, "", "");
            ctx.getStub().putStringState(key, "public");
        }

        @Transaction
        public void secretQueryThenSecretPut(Context ctx, String key) {
            secretQuery(ctx, "{\"selector\":{}}");
            ctx.getStub().putPrivateData("secret", key, "v");
        }

        @Transaction
        public void pageAndSecretRangeThenPut(Context ctx, String key) {
            ctx.getStub().getStateByRangeWithPagination("", "", 10, "").close();
            secretRange(ctx, "", "");
            ctx.getStub().putStringState(key, "public");
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String getFrom(Context ctx, String collection, String key) {
            return ctx.getStub().getPrivateDataUTF8(collection, key);
        }

        @Transaction
        public void putTo(Context ctx, String collection, String key, String value) {
            ctx.getStub().putPrivateData(collection, key, value);
        }

        @Transaction
        public void requireOrg2(Context ctx, String key) {
            ctx.getStub().setPrivateDataValidationParameter("secret", key, "OR('Org2MSP.peer')".getBytes(UTF_8));
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String secretPolicy(Context ctx, String key) {
            byte[] ep = ctx.getStub().getPrivateDataValidationParameter("secret", key);
            return ep == null ? "<none>" : new String(ep, UTF_8);
        }

        @Transaction
        public String readBoth(Context ctx, String key) {
            ChaincodeStub stub = ctx.getStub();
            return stub.getPrivateDataUTF8("secret", key) + "|" + stub.getPrivateDataUTF8("shared", key);
        }
    }

    /** "secret": Org1 only, member-only reads and writes; "shared": Org1 members hold it, anyone may use it. */
    private static ContractTester tester() {
        return ContractTester.named("records", RecordsContract::new)
                .collection(CollectionConfig.builder("secret").memberOrgsPolicy("OR('Org1MSP.member')")
                        .memberOnlyRead(true).memberOnlyWrite(true).build())
                .collection(CollectionConfig.builder("shared").memberOrgsPolicy("OR('Org1MSP.member')").build())
                .as(alice);
    }

    private static List<String> strings(ContractTester.Result result) throws IOException {
        return JSON.readValue(result.payload(), new TypeReference<List<String>>() { });
    }

    private static boolean contains(Bytes haystack, String needle) {
        byte[] hay = haystack.toByteArray();
        byte[] n = needle.getBytes(UTF_8);
        outer:
        for (int i = 0; i + n.length <= hay.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (hay[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- writes

    @Test
    void putPrivateDataPutsOnlyHashesIntoThePublicRwSet() {
        ContractTester.Result result = tester().submit("putSecret", PATIENT, SECRET);

        NsReadWriteSet ns = RwSets.ns(result.rwSet(), "records");
        assertEquals(List.of(), ns.rwset().writes(), "no public write");
        CollectionHashedRwSet hashed = collection(result.rwSet(), "records", "secret");
        assertEquals(List.of(new KvWriteHash(sha256(PATIENT), false, sha256(SECRET), false)),
                hashed.hashedRwSet().hashedWrites());
        assertEquals(32, hashed.pvtRwSetHash().size(), "the hash of the private rw-set ties it to the transaction");
        Bytes encoded = ProtoCodec.encode(result.rwSet());
        assertFalse(contains(encoded, SECRET), "the value is nowhere in the encoded public rw-set");
        assertFalse(contains(encoded, PATIENT), "nor the key");
        assertTrue(contains(encoded, "secret"), "precondition: the search finds what is there (the collection name)");
    }

    @Test
    void theValueOftenComesFromTheTransientMapAndNeverAppearsInTheArguments() {
        ContractTester tester = tester().withTransient(Map.of("value", SECRET.getBytes(UTF_8)));

        ContractTester.Result result = tester.submit("putSecretFromTransient", PATIENT);

        assertFalse(contains(ProtoCodec.encode(result.rwSet()), SECRET));
        assertArrayEquals(SECRET.getBytes(UTF_8), tester.privateState("secret", PATIENT));
    }

    @Test
    void getPrivateDataAfterCommitReturnsTheValueAndRecordsAHashedRead() {
        ContractTester tester = tester();
        tester.submit("putSecret", PATIENT, SECRET);

        ContractTester.Result result = tester.evaluate("getSecret", PATIENT);

        assertEquals(SECRET, result.payloadAsString());
        List<KvReadHash> reads = collection(result.rwSet(), "records", "secret").hashedRwSet().hashedReads();
        assertEquals(1, reads.size());
        assertEquals(sha256(PATIENT), reads.get(0).keyHash());
        assertTrue(reads.get(0).version() != null, "the committed version of the hashed key");
        assertEquals(List.of(), kv(result.rwSet(), "records").reads(), "no plain read of the private key");
        assertFalse(contains(ProtoCodec.encode(result.rwSet()), PATIENT));
    }

    @Test
    void privateReadsDoNotSeeTheTransactionsOwnPrivateWrites() {
        ContractTester tester = tester();

        ContractTester.Result result = tester.submit("putThenGetSecret", PATIENT, SECRET);

        assertEquals("", result.payloadAsString());
        assertNull(collection(result.rwSet(), "records", "secret").hashedRwSet().hashedReads().get(0).version());
        assertEquals(SECRET, tester.evaluate("getSecret", PATIENT).payloadAsString());
    }

    @Test
    void getPrivateDataHashIsTheSha256OfTheValueAndIsRecordedAsAHashedRead() {
        ContractTester tester = tester();
        tester.submit("putSecret", PATIENT, SECRET);

        ContractTester.Result result = tester.evaluate("secretHash", PATIENT);

        assertEquals(sha256(SECRET).toHex(), result.payloadAsString());
        assertEquals(sha256(PATIENT),
                collection(result.rwSet(), "records", "secret").hashedRwSet().hashedReads().get(0).keyHash());
        assertEquals("", tester.evaluate("secretHash", "absent").payloadAsString(), "absent: empty");
    }

    @Test
    void delPrivateDataRecordsAHashedDeleteAndPurgeRecordsAPurge() {
        ContractTester tester = tester();
        tester.submit("putSecret", "a", "1");
        tester.submit("putSecret", "b", "2");

        ContractTester.Result deleted = tester.submit("delSecret", "a");
        ContractTester.Result purged = tester.submit("purgeSecret", "b");

        assertEquals(List.of(new KvWriteHash(sha256("a"), true, Bytes.EMPTY, false)),
                collection(deleted.rwSet(), "records", "secret").hashedRwSet().hashedWrites());
        assertEquals(List.of(new KvWriteHash(sha256("b"), true, Bytes.EMPTY, true)),
                collection(purged.rwSet(), "records", "secret").hashedRwSet().hashedWrites());
        assertNull(tester.privateState("secret", "a"));
        assertNull(tester.privateState("secret", "b"));
        assertEquals("", tester.evaluate("secretHash", "b").payloadAsString(), "the hashed key is gone too");
    }

    @Test
    void aPrivateKeyLevelPolicyIsAHashedMetadataWriteReadBackAfterCommit() {
        ContractTester tester = tester();
        tester.submit("putSecret", PATIENT, SECRET);

        ContractTester.Result result = tester.submit("requireOrg2", PATIENT);

        CollectionHashedRwSet hashed = collection(result.rwSet(), "records", "secret");
        assertEquals(List.of(new KvMetadataWriteHash(sha256(PATIENT), List.of(new KvMetadataEntry(
                KvMetadataEntry.VALIDATION_PARAMETER, Bytes.utf8("OR('Org2MSP.peer')"))))),
                hashed.hashedRwSet().metadataWrites());
        assertEquals(List.of(), hashed.hashedRwSet().hashedWrites());
        assertEquals("OR('Org2MSP.peer')", tester.evaluate("secretPolicy", PATIENT).payloadAsString());
        assertEquals("<none>", tester.evaluate("secretPolicy", "other").payloadAsString());
    }

    // ---------------------------------------------------------------- membership

    @Test
    void aNonMemberCannotReadAMemberOnlyReadCollection() {
        ContractTester tester = tester();
        tester.submit("putSecret", PATIENT, SECRET);

        ChaincodeException e = assertThrows(ChaincodeException.class, () -> tester.as(eve).evaluate("getSecret", PATIENT));

        assertEquals("tx creator does not have read access permission on privatedata in chaincodeName:records"
                + " collectionName: secret", e.getMessage());
    }

    @Test
    void aNonMemberCannotWriteAMemberOnlyWriteCollection() {
        ContractTester tester = tester().as(eve);

        ChaincodeException put = assertThrows(ChaincodeException.class, () -> tester.submit("putSecret", PATIENT, "x"));
        ChaincodeException purge = assertThrows(ChaincodeException.class, () -> tester.submit("purgeSecret", PATIENT));

        for (ChaincodeException e : List.of(put, purge)) {
            assertEquals("tx creator does not have write access permission on privatedata in chaincodeName:records"
                    + " collectionName: secret", e.getMessage());
        }
        assertNull(tester.privateState("secret", PATIENT));
    }

    @Test
    void aNonMemberMayStillReadTheHash() {
        ContractTester tester = tester();
        tester.submit("putSecret", PATIENT, SECRET);

        assertEquals(sha256(SECRET).toHex(), tester.as(eve).evaluate("secretHash", PATIENT).payloadAsString());
    }

    @Test
    void withoutMemberOnlyFlagsANonMemberMayReadAndWrite() {
        ContractTester tester = tester().as(eve);

        tester.submit("putTo", "shared", "k", "from Org2");

        assertEquals("from Org2", tester.evaluate("getFrom", "shared", "k").payloadAsString());
    }

    // ---------------------------------------------------------------- private queries

    @Test
    void privateRangeAndRichQueriesWorkInReadOnlyTransactionsAndRecordNothing() throws IOException {
        ContractTester tester = tester();
        tester.submit("putSecret", "p1", "{\"ward\":\"A\"}");
        tester.submit("putSecret", "p2", "{\"ward\":\"B\"}");
        tester.submit("putSecret", "p3", "{\"ward\":\"A\"}");

        ContractTester.Result range = tester.evaluate("secretRange", "p1", "p3");
        ContractTester.Result query = tester.evaluate("secretQuery", "{\"selector\":{\"ward\":\"A\"}}");

        assertEquals(List.of("p1={\"ward\":\"A\"}", "p2={\"ward\":\"B\"}"), strings(range));
        assertEquals(List.of("p1", "p3"), strings(query));
        assertEquals(List.of(), range.rwSet().nsRwSets());
        assertEquals(List.of(), query.rwSet().nsRwSets());
    }

    @Test
    void aPrivateRangeQueryAfterAWriteIsRefused() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> tester().submit("putThenSecretRange", "k"));
        assertFabricMessage("Queries on pvt data is supported only in a read-only transaction", e);
    }

    @Test
    void aPrivateRichQueryAfterAPrivateWriteIsRefused() {
        ChaincodeException e = assertThrows(ChaincodeException.class,
                () -> tester().submit("secretPutThenSecretQuery", "k"));
        assertFabricMessage("Queries on pvt data is supported only in a read-only transaction", e);
    }

    @Test
    void aWriteAfterAPrivateQueryIsRefused() {
        ContractTester tester = tester();

        ChaincodeException publicWrite = assertThrows(ChaincodeException.class,
                () -> tester.submit("secretRangeThenPut", "k"));
        ChaincodeException privateWrite = assertThrows(ChaincodeException.class,
                () -> tester.submit("secretQueryThenSecretPut", "k"));

        assertFabricMessage("Transaction has already performed queries on pvt data. Writes are not allowed", publicWrite);
        assertFabricMessage("Transaction has already performed queries on pvt data. Writes are not allowed", privateWrite);
        assertNull(tester.state("k"));
    }

    /** Fabric's {@code checkWritePrecondition} checks private queries before paginated ones. */
    @Test
    void afterBothAPaginatedAndAPrivateQueryTheRefusalNamesThePrivateQuery() {
        ChaincodeException e = assertThrows(ChaincodeException.class,
                () -> tester().submit("pageAndSecretRangeThenPut", "k"));

        assertFabricMessage("Transaction has already performed queries on pvt data. Writes are not allowed", e);
    }

    private static void assertFabricMessage(String tail, ChaincodeException e) {
        Pattern expected = Pattern.compile("txid \\[[0-9a-f]{64}\\]: " + Pattern.quote("unsuppored transaction. " + tail));
        assertTrue(expected.matcher(e.getMessage()).matches(), e.getMessage());
    }

    // ---------------------------------------------------------------- collection names

    @Test
    void anUnknownCollectionIsRefused() {
        ChaincodeException e = assertThrows(ChaincodeException.class,
                () -> tester().evaluate("getFrom", "nosuch", "k"));
        assertTrue(e.getMessage().contains("nosuch") && e.getMessage().contains("records"), e.getMessage());
    }

    @Test
    void anEmptyCollectionNameIsRefusedWithFabricsMessage() {
        ContractTester tester = tester();

        ChaincodeException read = assertThrows(ChaincodeException.class, () -> tester.evaluate("getFrom", "", "k"));
        ChaincodeException write = assertThrows(ChaincodeException.class, () -> tester.submit("putTo", "", "k", "v"));

        assertEquals("collection must not be an empty string", read.getMessage());
        assertEquals("collection must not be an empty string", write.getMessage());
    }

    @Test
    void collectionsAreSortedInTheRwSet() {
        ContractTester tester = tester();

        ContractTester.Result result = tester.evaluate("readBoth", "k");

        assertEquals(List.of("secret", "shared"), RwSets.ns(result.rwSet(), "records").collectionHashedRwSets().stream()
                .map(CollectionHashedRwSet::collectionName).toList());
    }
}
