package dev.ledgersim.endorsement.simulation;

import static dev.ledgersim.endorsement.simulation.RwSets.kv;
import static dev.ledgersim.endorsement.simulation.RwSets.read;
import static dev.ledgersim.endorsement.simulation.RwSets.readKeys;
import static dev.ledgersim.endorsement.simulation.RwSets.write;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.ClientIdentity;
import dev.ledgersim.contract.CompositeKey;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.ContractTester;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.KeyValue;
import dev.ledgersim.contract.QueryResultsIterator;
import dev.ledgersim.contract.StateBasedEndorsement;
import dev.ledgersim.contract.StateBasedEndorsementFactory;
import dev.ledgersim.contract.Transaction;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.KvMetadataWrite;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public-state half of the stub, through {@link ContractTester}: Fabric's no-read-your-writes
 * rule and write-set rules (FABRIC.md §4.2), composite keys (§9.2), events and the proposal context
 * (§9.1, §9.2), key-level endorsement (§4.3) and the caller's identity.
 */
class StubSemanticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Identity drBob;

    @BeforeAll
    static void enroll() {
        drBob = RwSets.ca("Org1MSP").enroll("drbob", Role.CLIENT, Map.of("role", "doctor"));
    }

    /** What a contract sees of its transaction. */
    public record TxInfo(String txId, String channelId, String mspId, String timestamp, String creator,
                         Map<String, String> transientData, String binding, String function,
                         List<String> parameters, List<String> args) {
    }

    /** The caller as {@link ClientIdentity} reads it. */
    public record Caller(String mspId, String id, String role, String enrollmentId) {
    }

    /** A small key-value contract exercising one stub rule per function. */
    @Contract(name = "kv")
    @Default
    public static final class KvContract implements ContractInterface {

        @Transaction
        public void put(Context ctx, String key, String value) {
            ctx.getStub().putStringState(key, value);
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String get(Context ctx, String key) {
            return ctx.getStub().getStringState(key);
        }

        @Transaction
        public String putThenGet(Context ctx, String key, String value) {
            ChaincodeStub stub = ctx.getStub();
            stub.putStringState(key, value);
            return stub.getStringState(key);
        }

        @Transaction
        public void putTwice(Context ctx, String key, String first, String second) {
            ctx.getStub().putStringState(key, first);
            ctx.getStub().putStringState(key, second);
        }

        @Transaction
        public void putEmpty(Context ctx, String key) {
            ctx.getStub().putState(key, new byte[0]);
        }

        @Transaction
        public void del(Context ctx, String key) {
            ctx.getStub().delState(key);
        }

        @Transaction
        public String readTwice(Context ctx, String key) {
            return ctx.getStub().getStringState(key) + "|" + ctx.getStub().getStringState(key);
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String compositeKey(Context ctx, String objectType, String first, String second) {
            return ctx.getStub().createCompositeKey(objectType, first, second).toString();
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public List<String> split(Context ctx, String key) {
            CompositeKey split = ctx.getStub().splitCompositeKey(key);
            List<String> out = new ArrayList<>();
            out.add(split.getObjectType());
            out.addAll(split.getAttributes());
            return out;
        }

        @Transaction
        public void putComposite(Context ctx, String objectType, String first, String second, String value) {
            ChaincodeStub stub = ctx.getStub();
            stub.putStringState(stub.createCompositeKey(objectType, first, second).toString(), value);
        }

        /** The attributes of every key under the partial key (objectType, first), first omitted when empty. */
        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public List<String> byPartialKey(Context ctx, String objectType, String first) {
            ChaincodeStub stub = ctx.getStub();
            List<String> out = new ArrayList<>();
            try (QueryResultsIterator<KeyValue> it = first.isEmpty()
                    ? stub.getStateByPartialCompositeKey(objectType)
                    : stub.getStateByPartialCompositeKey(objectType, first)) {
                for (KeyValue kv : it) {
                    out.add(String.join("/", stub.splitCompositeKey(kv.getKey()).getAttributes()));
                }
            }
            return out;
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public List<String> range(Context ctx, String start, String end) {
            List<String> out = new ArrayList<>();
            try (QueryResultsIterator<KeyValue> it = ctx.getStub().getStateByRange(start, end)) {
                it.forEach(kv -> out.add(kv.getKey()));
            }
            return out;
        }

        @Transaction
        public void twoEvents(Context ctx) {
            ctx.getStub().setEvent("First", "1".getBytes(UTF_8));
            ctx.getStub().setEvent("Second", "2".getBytes(UTF_8));
        }

        @Transaction
        public void namelessEvent(Context ctx) {
            ctx.getStub().setEvent("", null);
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public TxInfo context(Context ctx, String argument) {
            ChaincodeStub stub = ctx.getStub();
            Map<String, String> transientData = new TreeMap<>();
            stub.getTransient().forEach((k, v) -> transientData.put(k, new String(v, UTF_8)));
            List<String> args = new ArrayList<>();
            stub.getArgs().forEach(a -> args.add(new String(a, UTF_8)));
            return new TxInfo(stub.getTxId(), stub.getChannelId(), stub.getMspId(), stub.getTxTimestamp().toString(),
                    Base64.getEncoder().encodeToString(stub.getCreator()), transientData,
                    HexFormat.of().formatHex(stub.getBinding()), stub.getFunction(), stub.getParameters(), args);
        }

        /** Whether the contract can change the stub's transient map or the argument bytes it was given. */
        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String tamper(Context ctx) {
            ChaincodeStub stub = ctx.getStub();
            String transientMap;
            try {
                stub.getTransient().put("injected", new byte[] {1});
                transientMap = "modifiable";
            } catch (UnsupportedOperationException e) {
                transientMap = "unmodifiable";
            }
            stub.getArgs().get(0)[0] = 'X';
            return transientMap + "," + stub.getTransient().containsKey("injected") + "," + stub.getFunction();
        }

        /** Adds {@code org}'s peers to the key-level endorsement policy of {@code key}. */
        @Transaction
        public void requireOrg(Context ctx, String key, String org) {
            ChaincodeStub stub = ctx.getStub();
            StateBasedEndorsement ep = StateBasedEndorsementFactory.getInstance()
                    .newStateBasedEndorsement(stub.getStateValidationParameter(key));
            ep.addOrgs(StateBasedEndorsement.RoleType.RoleTypePeer, org);
            stub.setStateValidationParameter(key, ep.policy());
        }

        @Transaction
        public void dropPolicy(Context ctx, String key) {
            ctx.getStub().setStateValidationParameter(key, null);
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String policy(Context ctx, String key) {
            byte[] ep = ctx.getStub().getStateValidationParameter(key);
            return ep == null ? "<none>" : new String(ep, UTF_8);
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public Caller whoAmI(Context ctx) {
            ClientIdentity caller = ctx.getClientIdentity();
            return new Caller(caller.getMSPID(), caller.getId(), caller.getAttributeValue("role"),
                    caller.getAttributeValue("hf.EnrollmentID"));
        }
    }

    private static ContractTester tester() {
        return ContractTester.named("kv", KvContract::new);
    }

    private static List<String> strings(ContractTester.Result result) throws IOException {
        return JSON.readValue(result.payload(), new TypeReference<List<String>>() { });
    }

    /** The committed version of {@code key}, as a read in an evaluation records it. */
    private static Version committedVersion(ContractTester tester, String key) {
        return read(kv(tester.evaluate("get", key).rwSet(), "kv"), key).version();
    }

    // ---------------------------------------------------------------- public state

    @Test
    void getStateAfterPutStateInTheSameTransactionSeesTheCommittedValueAndRecordsItsVersion() {
        ContractTester tester = tester();
        tester.submit("put", "colour", "blue");
        Version committed = committedVersion(tester, "colour");
        assertNotNull(committed);

        ContractTester.Result result = tester.submit("putThenGet", "colour", "red");

        assertEquals("blue", result.payloadAsString(), "no read-your-writes: the committed value");
        KvRwSet kv = kv(result.rwSet(), "kv");
        assertEquals(committed, read(kv, "colour").version(), "the read records the committed version");
        assertEquals(Bytes.utf8("red"), write(kv, "colour").value());
        assertEquals("red", tester.evaluate("get", "colour").payloadAsString(), "the next transaction sees the write");
        assertNotEquals(committed, committedVersion(tester, "colour"), "the commit gave the key a new version");
    }

    @Test
    void readingAnAbsentKeyRecordsANullVersionEvenAfterWritingIt() {
        ContractTester.Result result = tester().submit("putThenGet", "fresh", "value");

        assertEquals("", result.payloadAsString());
        assertNull(read(kv(result.rwSet(), "kv"), "fresh").version());
    }

    @Test
    void aPureWriteRecordsNoRead() {
        KvRwSet kv = kv(tester().submit("put", "k", "v").rwSet(), "kv");

        assertEquals(List.of(), kv.reads());
        assertEquals(List.of(new KvWrite("k", false, Bytes.utf8("v"))), kv.writes());
    }

    @Test
    void theLastWriteToAKeyWins() {
        ContractTester tester = tester();
        ContractTester.Result result = tester.submit("putTwice", "k", "first", "second");

        assertEquals(List.of(new KvWrite("k", false, Bytes.utf8("second"))), kv(result.rwSet(), "kv").writes());
        assertEquals("second", tester.evaluate("get", "k").payloadAsString());
    }

    @Test
    void writingAnEmptyValueDeletesTheKey() {
        ContractTester tester = tester();
        tester.submit("put", "k", "v");

        KvWrite write = write(kv(tester.submit("putEmpty", "k").rwSet(), "kv"), "k");

        assertTrue(write.isDelete(), "an empty value is recorded as a delete");
        assertTrue(write.value().isEmpty());
        assertNull(tester.state("k"));
        assertEquals("", tester.evaluate("get", "k").payloadAsString());
    }

    @Test
    void delStateRecordsADeleteThatRemovesTheKeyAtCommit() {
        ContractTester tester = tester();
        tester.submit("put", "k", "v");

        ContractTester.Result result = tester.submit("del", "k");

        assertEquals(List.of(new KvWrite("k", true, Bytes.EMPTY)), kv(result.rwSet(), "kv").writes());
        assertNull(tester.state("k"));
    }

    @Test
    void aKeyReadTwiceIsRecordedOnce() {
        ContractTester tester = tester();
        tester.submit("put", "k", "v");

        ContractTester.Result result = tester.evaluate("readTwice", "k");

        assertEquals("v|v", result.payloadAsString());
        assertEquals(List.of("k"), readKeys(kv(result.rwSet(), "kv")));
    }

    @Test
    void emptyKeysAreRefusedWithFabricsMessage() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> tester().submit("put", "", "v"));
        assertEquals("key must not be an empty string", e.getMessage());
    }

    @Test
    void evaluateCommitsNothing() {
        ContractTester tester = tester();
        tester.evaluate("put", "k", "v");
        assertNull(tester.state("k"));
    }

    // ---------------------------------------------------------------- composite keys

    @Test
    void compositeKeysAreEncodedWithU0000AfterEveryComponentAndSplitBack() throws IOException {
        ContractTester tester = tester();

        String key = tester.evaluate("compositeKey", "asset", "blue", "a1").payloadAsString();

        assertEquals("\u0000asset\u0000blue\u0000a1\u0000", key);
        assertEquals(List.of("asset", "blue", "a1"), strings(tester.evaluate("split", key)));
    }

    @Test
    void partialCompositeKeyQueriesReturnOnlyTheKeysUnderThePrefix() throws IOException {
        ContractTester tester = tester();
        tester.submit("putComposite", "color", "blue", "a1", "x");
        tester.submit("putComposite", "color", "blue", "a2", "x");
        tester.submit("putComposite", "color", "red", "a3", "x");
        tester.submit("putComposite", "color", "bluegreen", "a4", "x");
        tester.submit("putComposite", "colour", "blue", "a5", "x");
        tester.submit("put", "color", "a simple key");

        ContractTester.Result blue = tester.evaluate("byPartialKey", "color", "blue");

        assertEquals(List.of("blue/a1", "blue/a2"), strings(blue), "not bluegreen, not colour, not the simple key");
        assertEquals(List.of("blue/a1", "blue/a2", "bluegreen/a4", "red/a3"),
                strings(tester.evaluate("byPartialKey", "color", "")));
        RangeQueryInfo range = kv(blue.rwSet(), "kv").rangeQueriesInfo().get(0);
        assertEquals("\u0000color\u0000blue\u0000", range.startKey());
        assertEquals("\u0000color\u0000blue\u0000" + CompositeKey.MAX_UNICODE_RUNE_VALUE, range.endKey());
        assertTrue(range.itrExhausted());
    }

    @Test
    void aSimpleKeyRangeFromTheEmptyKeySkipsCompositeKeys() throws IOException {
        ContractTester tester = tester();
        tester.submit("putComposite", "color", "blue", "a1", "x");
        tester.submit("put", "apple", "1");
        tester.submit("put", "zebra", "2");

        ContractTester.Result result = tester.evaluate("range", "", "");

        assertEquals(List.of("apple", "zebra"), strings(result));
        RangeQueryInfo range = kv(result.rwSet(), "kv").rangeQueriesInfo().get(0);
        assertEquals("\u0001", range.startKey(), "an empty start key becomes U+0001");
        assertEquals("", range.endKey());
    }

    @Test
    void aSimpleKeyRangeBoundStartingWithU0000IsRefused() {
        ContractTester tester = tester();

        ChaincodeException start = assertThrows(ChaincodeException.class,
                () -> tester.evaluate("range", "\u0000color\u0000", ""));
        ChaincodeException end = assertThrows(ChaincodeException.class,
                () -> tester.evaluate("range", "a", "\u0000z"));

        for (ChaincodeException e : List.of(start, end)) {
            assertTrue(e.getMessage().contains("first character of the key [")
                    && e.getMessage().endsWith("] contains a null character which is not allowed"), e.getMessage());
        }
        assertTrue(start.getMessage().contains("color"), start.getMessage());
    }

    // ---------------------------------------------------------------- events

    @Test
    void aTransactionHasOneEventAndTheLastSetEventWins() {
        ContractTester.Result result = tester().submit("twoEvents");

        ChaincodeEvent event = result.event().orElseThrow();
        assertEquals("Second", event.eventName());
        assertEquals(Bytes.utf8("2"), event.payload());
        assertEquals("kv", event.chaincodeId());
        assertEquals(result.txId(), event.txId());
    }

    @Test
    void aTransactionWithoutSetEventHasNoEvent() {
        assertTrue(tester().submit("put", "k", "v").event().isEmpty());
    }

    @Test
    void anEmptyEventNameIsRefusedWithFabricsMessage() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> tester().submit("namelessEvent"));
        assertEquals("event name can not be empty string", e.getMessage());
    }

    // ---------------------------------------------------------------- proposal context

    @Test
    void theStubReportsTheProposalsTxIdChannelTimestampCreatorTransientDataAndArguments() throws IOException {
        Instant when = Instant.parse("2025-03-14T15:09:26.535Z");
        ContractTester tester = tester().as(drBob).at(when).withTransient(Map.of("price", "42".getBytes(UTF_8)));

        ContractTester.Result result = tester.evaluate("context", "arg1");
        TxInfo info = JSON.readValue(result.payload(), TxInfo.class);

        assertEquals(result.txId(), info.txId());
        assertTrue(info.txId().matches("[0-9a-f]{64}"), info.txId());
        assertEquals("tester", info.channelId());
        assertEquals(when.toString(), info.timestamp(), "getTxTimestamp is the proposal's timestamp");
        assertArrayEquals(drBob.serialize(), Base64.getDecoder().decode(info.creator()));
        assertEquals(Map.of("price", "42"), info.transientData());
        assertEquals("context", info.function());
        assertEquals(List.of("arg1"), info.parameters());
        assertEquals(List.of("context", "arg1"), info.args());
        assertEquals("Org1MSP", info.mspId(), "without onPeerOf, the peer's MSP is the caller's");
    }

    @Test
    void getMspIdIsThePeersMspNotTheCallers() throws IOException {
        TxInfo info = JSON.readValue(tester().as(drBob).onPeerOf("Org2MSP").evaluate("context", "x").payload(),
                TxInfo.class);

        assertEquals("Org2MSP", info.mspId());
    }

    @Test
    void timestampsComeFromTheTestersClockAndDifferPerCallUnlessFixed() throws IOException {
        ContractTester tester = tester();
        Instant first = Instant.parse(JSON.readValue(tester.evaluate("context", "x").payload(), TxInfo.class).timestamp());
        Instant second = Instant.parse(JSON.readValue(tester.evaluate("context", "x").payload(), TxInfo.class).timestamp());

        assertTrue(second.isAfter(first), first + " then " + second);
        assertTrue(!first.isBefore(dev.ledgersim.msp.CaConfig.DEFAULT_VALID_FROM), first.toString());
    }

    /**
     * Fabric's binding is SHA-256(nonce || creator || epoch as 8 little-endian bytes). The tester draws
     * its nonces from a documented seeded stream, so the first call's nonce can be recomputed here.
     */
    @Test
    void getBindingIsTheSha256OfNonceCreatorAndEpoch() throws IOException {
        ContractTester tester = tester().as(drBob);
        byte[] nonce = new byte[24];
        DeterministicRandom.fromSeed(0, "contract-tester/nonces").nextBytes(nonce);
        Bytes creator = Bytes.wrap(drBob.serialize());

        TxInfo info = JSON.readValue(tester.evaluate("context", "x").payload(), TxInfo.class);

        assertEquals(Hashes.txId(Bytes.wrap(nonce), creator), info.txId(),
                "precondition: the tester's first nonce is the first 24 bytes of its seeded stream");
        assertEquals(Hashes.sha256(Bytes.wrap(nonce), creator, Bytes.wrap(new byte[8])).toHex(), info.binding());
        TxInfo next = JSON.readValue(tester.evaluate("context", "x").payload(), TxInfo.class);
        assertNotEquals(info.binding(), next.binding(), "a new proposal, a new nonce, a new binding");
    }

    @Test
    void theTransientMapIsUnmodifiableAndArgumentsAreCopies() {
        ContractTester tester = tester().withTransient(Map.of("k", new byte[] {1}));

        assertEquals("unmodifiable,false,tamper", tester.evaluate("tamper").payloadAsString());
    }

    // ---------------------------------------------------------------- key-level endorsement

    @Test
    void setStateValidationParameterRecordsAMetadataWriteThatACommitKeeps() {
        ContractTester tester = tester();
        tester.submit("put", "asset1", "v1");
        StateBasedEndorsement org2 = StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(null);
        org2.addOrgs(StateBasedEndorsement.RoleType.RoleTypePeer, "Org2MSP");
        byte[] expected = org2.policy();

        ContractTester.Result result = tester.submit("requireOrg", "asset1", "Org2MSP");

        KvRwSet kv = kv(result.rwSet(), "kv");
        assertEquals(List.of(new KvMetadataWrite("asset1",
                List.of(new KvMetadataEntry(KvMetadataEntry.VALIDATION_PARAMETER, Bytes.wrap(expected))))),
                kv.metadataWrites());
        assertEquals(List.of(), kv.writes(), "a metadata-only write");
        assertEquals(List.of("asset1"), readKeys(kv), "getStateValidationParameter records a read, as on Fabric");
        assertEquals("OR('Org2MSP.peer')", tester.evaluate("policy", "asset1").payloadAsString());
        assertEquals("v1", tester.evaluate("get", "asset1").payloadAsString(), "the value is kept");
    }

    @Test
    void aValueOnlyUpdateKeepsTheKeyLevelPolicy() {
        ContractTester tester = tester();
        tester.submit("put", "asset1", "v1");
        tester.submit("requireOrg", "asset1", "Org2MSP");
        tester.submit("requireOrg", "asset1", "Org1MSP");

        tester.submit("put", "asset1", "v2");

        assertEquals("AND('Org1MSP.peer', 'Org2MSP.peer')", tester.evaluate("policy", "asset1").payloadAsString());
        assertEquals("v2", tester.evaluate("get", "asset1").payloadAsString());
    }

    @Test
    void aNullValidationParameterDropsTheKeyLevelPolicy() {
        ContractTester tester = tester();
        tester.submit("put", "asset1", "v1");
        tester.submit("requireOrg", "asset1", "Org2MSP");

        tester.submit("dropPolicy", "asset1");

        assertEquals("<none>", tester.evaluate("policy", "asset1").payloadAsString());
        assertEquals("v1", tester.evaluate("get", "asset1").payloadAsString());
    }

    @Test
    void deletingAKeyDropsItsPolicyWithIt() {
        ContractTester tester = tester();
        tester.submit("put", "asset1", "v1");
        tester.submit("requireOrg", "asset1", "Org2MSP");
        tester.submit("del", "asset1");

        tester.submit("put", "asset1", "reborn");

        assertEquals("<none>", tester.evaluate("policy", "asset1").payloadAsString());
    }

    @Test
    void aKeyWithoutAPolicyHasANullValidationParameter() {
        ContractTester tester = tester();
        tester.submit("put", "asset1", "v1");

        assertEquals("<none>", tester.evaluate("policy", "asset1").payloadAsString(), "present key, no policy");
        assertEquals("<none>", tester.evaluate("policy", "ghost").payloadAsString(), "absent key");
    }

    @Test
    void aPolicySetOnAnAbsentKeyHasNoEffect() {
        ContractTester tester = tester();
        tester.submit("requireOrg", "ghost", "Org2MSP");

        assertEquals("<none>", tester.evaluate("policy", "ghost").payloadAsString());
        assertNull(tester.state("ghost"));
    }

    // ---------------------------------------------------------------- client identity

    @Test
    void aContractReadsItsCallersMspIdIdAndAttributes() throws IOException {
        Caller caller = JSON.readValue(tester().as(drBob).evaluate("whoAmI").payload(), Caller.class);

        assertEquals("Org1MSP", caller.mspId());
        assertEquals("x509::CN=drbob, OU=client, O=Org1MSP::CN=ca.org1msp, O=Org1MSP", caller.id());
        assertEquals("doctor", caller.role());
        assertEquals("drbob", caller.enrollmentId());
    }

    @Test
    void anIdentityOfAnotherOrganisationIsSeenWithItsOwnMsp() throws IOException {
        CertificateAuthority org2 = RwSets.ca("Org2MSP");
        Identity nurse = org2.enroll("nurse", Role.CLIENT);

        Caller caller = JSON.readValue(tester().as(nurse).evaluate("whoAmI").payload(), Caller.class);

        assertEquals("Org2MSP", caller.mspId());
        assertEquals("x509::CN=nurse, OU=client, O=Org2MSP::CN=ca.org2msp, O=Org2MSP", caller.id());
        assertNull(caller.role());
        assertFalse(caller.id().contains("drbob"));
    }
}
