package dev.ledgersim.ledger.commit;

import static dev.ledgersim.ledger.testing.LedgerFixture.MALLORY;
import static dev.ledgersim.ledger.testing.LedgerFixture.PEER1;
import static dev.ledgersim.ledger.testing.LedgerFixture.PEER1B;
import static dev.ledgersim.ledger.testing.LedgerFixture.PEER2;
import static dev.ledgersim.ledger.testing.LedgerFixture.tx;
import static dev.ledgersim.ledger.testing.RwSets.exhaustedRange;
import static dev.ledgersim.ledger.testing.RwSets.kv;
import static dev.ledgersim.ledger.testing.RwSets.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.Block;
import dev.ledgersim.ledger.LedgerIntegrityException;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.ChaincodeId;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.codec.RangeQueryResultsHelper;
import dev.ledgersim.ledger.state.KeyModification;
import dev.ledgersim.ledger.storage.KvIterator;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.StorageException;
import dev.ledgersim.ledger.testing.FaultyKvStoreFactory;
import dev.ledgersim.ledger.testing.LedgerFixture;
import dev.ledgersim.ledger.testing.RwSets;
import dev.ledgersim.ledger.validation.BlockValidation;
import dev.ledgersim.ledger.validation.BlockValidator;
import dev.ledgersim.ledger.validation.TxValidationResult;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The validator and committer on a real channel ledger, run against every storage implementation.
 * Each test commits blocks of signed transactions and checks codes, reasons, state and history.
 */
abstract class AbstractChannelLedgerTest {

    /** The storage under test; a fresh one per test. */
    protected abstract KvStoreFactory newFactory();

    private FaultyKvStoreFactory storage;
    private ChannelLedger ledger;
    private final BlockValidator validator = LedgerFixture.validator();

    @BeforeEach
    void openLedger() {
        storage = new FaultyKvStoreFactory(newFactory());
        ledger = ChannelLedger.open(LedgerFixture.CHANNEL, storage, "peer");
        ledger.commitGenesis(LedgerFixture.block(0, Bytes.EMPTY, List.of()));
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    private BlockValidation commit(Bytes... envelopes) {
        ProtocolBlock block = LedgerFixture.block(ledger.height(), ledger.blockStore().lastHeaderHash(), List.of(envelopes));
        return ledger.commit(block, validator, Map.of());
    }

    private static TxValidationResult only(BlockValidation validation) {
        assertEquals(1, validation.results().size());
        return validation.results().get(0);
    }

    private void assertCode(TxValidationCode expected, String reasonFragment, Bytes envelope) {
        TxValidationResult result = only(commit(envelope));
        assertEquals(expected, result.code(), result.detail());
        assertTrue(result.detail().contains(reasonFragment), "expected '" + reasonFragment + "' in: " + result.detail());
    }

    private String value(String key) {
        byte[] v = ledger.worldState("mycc", key);
        return v == null ? null : new String(v, java.nio.charset.StandardCharsets.UTF_8);
    }

    // --- valid transactions, state and history ---

    @Test
    void validTransactionUpdatesStateHistoryAndTheBlockRecordsItsCode() {
        String txId = tx("t1").txId();
        BlockValidation validation = commit(tx("t1").rwset(RwSets.ns("mycc").write("patient1", "glucose 7.9").build()).build());
        assertEquals(TxValidationCode.VALID, only(validation).code());
        assertEquals("glucose 7.9", value("patient1"));
        assertEquals(TxValidationCode.VALID, ledger.validationCode(txId).orElseThrow());

        Block block = ledger.block(1).orElseThrow();
        assertEquals(List.of(TxValidationCode.VALID), block.validationCodes());
        assertEquals(new Block.TransactionInfo(txId, "Org1MSP", "mycc", "invoke"), block.transactions().get(0));

        commit(tx("t2").rwset(RwSets.ns("mycc").read("patient1", v(1, 0)).write("patient1", "glucose 6.1").build()).build());
        commit(tx("t3").rwset(RwSets.ns("mycc").read("patient1", v(2, 0)).delete("patient1").build()).build());
        assertNull(value("patient1"));
        List<KeyModification> history = ledger.history("mycc", "patient1");
        assertEquals(3, history.size());
        assertTrue(history.get(0).isDelete(), "newest first");
        assertEquals("glucose 6.1", history.get(1).value().toUtf8());
        assertEquals(tx("t1").txId(), history.get(2).txId());
        assertEquals(v(1, 0), history.get(2).version());
    }

    @Test
    void invalidTransactionsTakeTheirTxNumButChangeNothing() {
        BlockValidation validation = commit(
                tx("bad").rwset(RwSets.ns("mycc").write("k", "from bad").build()).endorsedBy(PEER1).build(),
                tx("good").rwset(RwSets.ns("mycc").write("j", "from good").build()).build());
        assertEquals(List.of(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID), validation.codes());
        assertNull(value("k"));
        assertEquals(v(1, 1), ledger.stateDb().get("mycc", "j").orElseThrow().version(), "the invalid tx still counts as tx 0");
        assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, ledger.validationCode(tx("bad").txId()).orElseThrow());
        String reason = ledger.blockStore().validationResults(1).get(0).detail();
        assertTrue(reason.contains("'Org2MSP.peer' matched no unused signer"), "the reason is kept with the block: " + reason);
        assertEquals(reason, ledger.blockStore().validationDetail(1, 0), "one transaction's reason alone");
        assertEquals("", ledger.blockStore().validationDetail(1, 1), "a valid transaction has no reason");
    }

    // --- stage A: envelope, header, creator, txid, structure ---

    @Test
    void nilEnvelope() {
        assertCode(TxValidationCode.NIL_ENVELOPE, "empty", Bytes.EMPTY);
    }

    @Test
    void undecodableEnvelopeIsInvalidOtherReason() {
        assertCode(TxValidationCode.INVALID_OTHER_REASON, "envelope cannot be decoded", Bytes.fromHex("ffffffff"));
    }

    @Test
    void badPayload() {
        Bytes env = ProtoCodec.encode(new Envelope(Bytes.fromHex("0a03010203ff"), Bytes.utf8("sig")));
        assertCode(TxValidationCode.BAD_PAYLOAD, "payload cannot be decoded", env);
    }

    @Test
    void badCommonHeader() {
        assertCode(TxValidationCode.BAD_COMMON_HEADER, "epoch is 1", tx("epoch").epoch(1).build());
        assertCode(TxValidationCode.BAD_COMMON_HEADER, "header type 5", tx("type").headerType(5).build());
        assertCode(TxValidationCode.BAD_COMMON_HEADER, "nonce is empty", tx("nonce").nonce(Bytes.EMPTY).build());
    }

    @Test
    void badCreatorSignature() {
        assertCode(TxValidationCode.BAD_CREATOR_SIGNATURE, "does not verify", tx("forged").envelopeSignedBy(PEER1).build());
        assertCode(TxValidationCode.BAD_CREATOR_SIGNATURE, "has been revoked", tx("revoked", MALLORY).endorsedBy(PEER1, PEER2).build());
        CertificateAuthority org9 = CertificateAuthority.create(CaConfig.defaults("Org9MSP"),
                DeterministicRandom.fromSeed(9, "ca/Org9MSP"), Crypto.ecdsa());
        Identity stranger = org9.enroll("stranger", Role.CLIENT);
        assertCode(TxValidationCode.BAD_CREATOR_SIGNATURE, "unknown MSP 'Org9MSP'",
                tx("stranger", stranger).endorsedBy(PEER1, PEER2).build());
    }

    @Test
    void badProposalTxid() {
        assertCode(TxValidationCode.BAD_PROPOSAL_TXID, "is not hex(SHA-256(nonce || creator))",
                tx("txid").txId("0".repeat(64)).build());
    }

    @Test
    void invalidEndorserTransaction() {
        assertCode(TxValidationCode.INVALID_ENDORSER_TRANSACTION, "proposal hash does not match",
                tx("hash").tamperProposalHash().build());
        assertCode(TxValidationCode.INVALID_ENDORSER_TRANSACTION, "transaction cannot be decoded",
                tx("data").payloadData(d -> Bytes.fromHex("0a05ffff")).build());
        assertCode(TxValidationCode.INVALID_ENDORSER_TRANSACTION, "exactly 1 action, found 0",
                tx("noaction").payloadData(d -> Bytes.EMPTY).build());
    }

    @Test
    void configUpdateIsUnsupportedAndEmptyConfigIsInvalid() {
        assertCode(TxValidationCode.UNSUPPORTED_TX_PAYLOAD, "CONFIG_UPDATE",
                tx("cfgupd").headerType(HeaderType.CONFIG_UPDATE.number()).build());
        assertCode(TxValidationCode.INVALID_CONFIG_TRANSACTION, "no data",
                tx("cfg").headerType(HeaderType.CONFIG.number()).payloadData(d -> Bytes.EMPTY).build());
    }

    @Test
    void targetChainNotFound() {
        assertCode(TxValidationCode.TARGET_CHAIN_NOT_FOUND, "channel 'other'", tx("chan").channel("other").build());
    }

    @Test
    void duplicateTxidInTheLedgerAndInTheBlock() {
        commit(tx("dup").rwset(RwSets.ns("mycc").write("a", "1").build()).build());
        assertCode(TxValidationCode.DUPLICATE_TXID, "already in the ledger",
                tx("dup").rwset(RwSets.ns("mycc").write("a", "2").build()).build());

        // Within one block, every copy after the first valid one is a duplicate.
        BlockValidation validation = commit(
                tx("twin").rwset(RwSets.ns("mycc").write("b", "first").build()).build(),
                tx("twin").rwset(RwSets.ns("mycc").write("b", "second").build()).build());
        assertEquals(List.of(TxValidationCode.VALID, TxValidationCode.DUPLICATE_TXID), validation.codes());
        assertEquals("first", value("b"));
    }

    @Test
    void aReopenedLedgerStillRefusesTheTxidsItHolds() {
        commit(tx("before-restart").rwset(RwSets.ns("mycc").write("r", "1").build()).build());
        ledger.close();
        ledger = ChannelLedger.open(LedgerFixture.CHANNEL, storage, "peer");
        assertCode(TxValidationCode.DUPLICATE_TXID, "already in the ledger",
                tx("before-restart").rwset(RwSets.ns("mycc").write("r", "2").build()).build());
        assertEquals(TxValidationCode.VALID, ledger.validationCode(tx("before-restart").txId()).orElseThrow());
    }

    @Test
    void duplicateOfAnInvalidFirstCopyIsStillTheFirstValidOne() {
        // Fabric's quirk: duplicates are marked among transactions still valid, so when the first copy is
        // already invalid, the second copy is the "first" and can commit.
        BlockValidation validation = commit(
                tx("quirk").endorsedBy(PEER1).rwset(RwSets.ns("mycc").write("c", "invalid").build()).build(),
                tx("quirk").rwset(RwSets.ns("mycc").write("c", "valid").build()).build());
        assertEquals(List.of(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID), validation.codes());
        assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, ledger.validationCode(tx("quirk").txId()).orElseThrow(),
                "the txid index answers with the first occurrence");
    }

    // --- the dispatcher ---

    @Test
    void badResponsePayloadAndBadRwset() {
        assertCode(TxValidationCode.BAD_RESPONSE_PAYLOAD, "chaincode action cannot be decoded",
                tx("resp").prpExtension(e -> Bytes.fromHex("0aff")).build());
        Bytes badResults = ProtoCodec.encode(new ProtoCodec.ChaincodeActionParts(Bytes.fromHex("12ff"), Bytes.EMPTY,
                Response.ok(Bytes.EMPTY), new ChaincodeId("mycc", "1.0")));
        assertCode(TxValidationCode.BAD_RWSET, "read-write set cannot be decoded", tx("rwset").prpExtension(e -> badResults).build());
    }

    @Test
    void invalidChaincode() {
        assertCode(TxValidationCode.INVALID_CHAINCODE, "does not match the endorsed chaincode 'othercc'",
                tx("mismatch").actionChaincode("othercc", "1.0").build());
        assertCode(TxValidationCode.INVALID_CHAINCODE, "version ''", tx("nover").actionChaincode("mycc", "").build());
        assertCode(TxValidationCode.INVALID_CHAINCODE, "chaincode 'nocc' is not defined",
                tx("undefined").chaincode("nocc").build());
        assertCode(TxValidationCode.INVALID_CHAINCODE, "chaincode 'nocc' is not defined",
                tx("writesundefined").rwset(RwSets.ns("nocc").write("x", "y").build()).build());
    }

    @Test
    void eventOfAnotherChaincodeIsInvalidOtherReason() {
        assertCode(TxValidationCode.INVALID_OTHER_REASON, "event names chaincode 'othercc'",
                tx("event").event(new ChaincodeEvent("othercc", tx("event").txId(), "Ev", Bytes.EMPTY)).build());
    }

    @Test
    void namespaceTwiceIsIllegalWriteset() {
        NsReadWriteSet ns = new NsReadWriteSet("mycc", KvRwSet.EMPTY, List.of());
        assertCode(TxValidationCode.ILLEGAL_WRITESET, "appears twice",
                tx("twice").rwset(new TxReadWriteSet(List.of(ns, ns))).build());
    }

    // --- endorsement policies ---

    @Test
    void endorsementPolicyFailures() {
        assertCode(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, "'Org2MSP.peer' matched no unused signer",
                tx("one").endorsedBy(PEER1).rwset(RwSets.ns("mycc").write("a", "b").build()).build());
        assertCode(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, "endorsement policy of chaincode mycc",
                tx("tampered").tamperEndorsementSignature().rwset(RwSets.ns("mycc").write("a", "b").build()).build());
        assertCode(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, "not satisfied",
                tx("samepeertwice").endorsedBy(PEER1, PEER1, PEER1B).rwset(RwSets.ns("mycc").write("a", "b").build()).build());
        // A read-only transaction is still checked against the invoked chaincode's policy.
        assertCode(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, "endorsement policy of chaincode mycc",
                tx("readonly").endorsedBy(PEER2).rwset(RwSets.ns("mycc").read("a", null).build()).build());
    }

    @Test
    void namespacesOnlyReadAreNotChecked() {
        // othercc is only read: its policy (Org1 member) is not evaluated even though PEER2 alone could not satisfy it.
        TxValidationResult result = only(commit(tx("readother").rwset(
                RwSets.ns("mycc").write("k", "v").and("othercc").read("z", null).build()).build()));
        assertEquals(TxValidationCode.VALID, result.code(), result.detail());
    }

    @Test
    void keyLevelEndorsementOverridesTheChaincodePolicy() {
        commit(tx("setvp").rwset(RwSets.ns("mycc").write("record", "v1").validationParameter("record", "OR('Org1MSP.peer')").build())
                .build());
        // Only Org1's peer endorses: enough for the key-level policy, though the chaincode policy needs both orgs.
        TxValidationResult byOrg1 = only(commit(tx("org1only").endorsedBy(PEER1)
                .rwset(RwSets.ns("mycc").write("record", "v2").build()).build()));
        assertEquals(TxValidationCode.VALID, byOrg1.code(), byOrg1.detail());
        assertEquals("v2", value("record"));
        assertEquals("OR('Org1MSP.peer')",
                ledger.stateDb().get("mycc", "record").orElseThrow().metadata().get("VALIDATION_PARAMETER").toUtf8(),
                "a value-only update keeps the key's metadata");
        assertCode(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, "key-level endorsement policy of key 'record'",
                tx("org2only").endorsedBy(PEER2).rwset(RwSets.ns("mycc").write("record", "v3").build()).build());
        // Writing the key and another key without a parameter needs both policies.
        assertCode(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, "endorsement policy of chaincode mycc",
                tx("mixed").endorsedBy(PEER1).rwset(RwSets.ns("mycc").write("record", "v4").write("plain", "x").build()).build());
    }

    @Test
    void validationParameterUpdatedEarlierInTheBlockFailsLaterWriters() {
        commit(tx("vp0").rwset(RwSets.ns("mycc").write("doc", "v1").build()).build());
        BlockValidation validation = commit(
                tx("vp1").rwset(RwSets.ns("mycc").validationParameter("doc", "OR('Org2MSP.peer')").build()).build(),
                tx("vp2").rwset(RwSets.ns("mycc").write("doc", "v2").build()).build());
        assertEquals(List.of(TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE), validation.codes());
        assertTrue(validation.results().get(1).detail().contains("was updated by transaction " + tx("vp1").txId()));
        assertEquals("v1", value("doc"), "metadata-only update keeps the value");
        assertEquals(v(2, 0), ledger.stateDb().get("mycc", "doc").orElseThrow().version(), "and gives the key a new version");
    }

    // --- MVCC ---

    @Test
    void staleReadConflictsAndNamesTheWriter() {
        commit(tx("w1").rwset(RwSets.ns("mycc").write("x", "1").build()).build());
        commit(tx("w2").rwset(RwSets.ns("mycc").write("x", "2").build()).build());
        TxValidationResult result = only(commit(tx("stale").rwset(RwSets.ns("mycc").read("x", v(1, 0)).write("y", "z").build()).build()));
        assertEquals(TxValidationCode.MVCC_READ_CONFLICT, result.code());
        assertEquals("key 'x' of mycc was read at version (1, 0) but the committed version is (2, 0), written by transaction "
                + tx("w2").txId(), result.detail());
        assertNull(value("y"));
    }

    @Test
    void inBlockConflictsWhateverVersionWasRead() {
        commit(tx("base").rwset(RwSets.ns("mycc").write("x", "0").build()).build());
        BlockValidation validation = commit(
                tx("writer").rwset(RwSets.ns("mycc").write("x", "1").build()).build(),
                tx("reader").rwset(RwSets.ns("mycc").read("x", v(1, 0)).write("y", "1").build()).build());
        assertEquals(List.of(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT), validation.codes());
        assertTrue(validation.results().get(1).detail().contains("earlier in this block wrote it"));
    }

    @Test
    void anInvalidWriterDoesNotCauseInBlockConflicts() {
        commit(tx("base2").rwset(RwSets.ns("mycc").write("x", "0").build()).build());
        BlockValidation validation = commit(
                tx("badwriter").endorsedBy(PEER1).rwset(RwSets.ns("mycc").write("x", "1").build()).build(),
                tx("reader2").rwset(RwSets.ns("mycc").read("x", v(1, 0)).write("y", "1").build()).build());
        assertEquals(List.of(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID), validation.codes());
    }

    @Test
    void blindWritesNeverConflictAndTheLastWins() {
        BlockValidation validation = commit(
                tx("blind1").rwset(RwSets.ns("mycc").write("counter", "1").build()).build(),
                tx("blind2").rwset(RwSets.ns("mycc").write("counter", "2").build()).build());
        assertEquals(List.of(TxValidationCode.VALID, TxValidationCode.VALID), validation.codes());
        assertEquals("2", value("counter"));
        assertEquals(v(1, 1), ledger.stateDb().get("mycc", "counter").orElseThrow().version());
    }

    @Test
    void readingAnAbsentKeyThatStaysAbsentIsValid() {
        TxValidationResult result = only(commit(tx("absent").rwset(RwSets.ns("mycc").read("nothing", null).write("w", "1").build()).build()));
        assertEquals(TxValidationCode.VALID, result.code(), result.detail());
        commit(tx("create").rwset(RwSets.ns("mycc").write("nothing", "now").build()).build());
        TxValidationResult late = only(commit(tx("absent2").rwset(RwSets.ns("mycc").read("nothing", null).build()).build()));
        assertEquals(TxValidationCode.MVCC_READ_CONFLICT, late.code());
        assertTrue(late.detail().contains("read at version <absent>"), late.detail());
    }

    @Test
    void phantomInsertAndDeleteWithinARange() {
        commit(tx("r0").rwset(RwSets.ns("mycc").write("a", "1").write("c", "3").build()).build());
        RangeQueryInfo read = exhaustedRange("a", "d", kv("a", v(1, 0)), kv("c", v(1, 0)));

        BlockValidation insert = commit(
                tx("insert").rwset(RwSets.ns("mycc").write("b", "2").build()).build(),
                tx("ranger1").rwset(RwSets.ns("mycc").range(read).write("sum", "4").build()).build());
        assertEquals(List.of(TxValidationCode.VALID, TxValidationCode.PHANTOM_READ_CONFLICT), insert.codes());
        assertTrue(insert.results().get(1).detail().contains("expected key 'c' but found 'b'"), insert.results().get(1).detail());

        RangeQueryInfo read2 = exhaustedRange("a", "d", kv("a", v(1, 0)), kv("b", v(2, 0)), kv("c", v(1, 0)));
        BlockValidation delete = commit(
                tx("delete").rwset(RwSets.ns("mycc").delete("c").build()).build(),
                tx("ranger2").rwset(RwSets.ns("mycc").range(read2).write("sum", "3").build()).build());
        assertEquals(List.of(TxValidationCode.VALID, TxValidationCode.PHANTOM_READ_CONFLICT), delete.codes());
        assertTrue(delete.results().get(1).detail().contains("'c' read at version (1, 0) is gone"), delete.results().get(1).detail());

        RangeQueryInfo read3 = exhaustedRange("a", "d", kv("a", v(1, 0)), kv("b", v(2, 0)));
        TxValidationResult ok = only(commit(tx("ranger3").rwset(RwSets.ns("mycc").range(read3).write("sum", "3").build()).build()));
        assertEquals(TxValidationCode.VALID, ok.code(), ok.detail());
    }

    @Test
    void aRangeNotReadToTheEndIncludesItsLastKeyButNothingAfter() {
        commit(tx("n0").rwset(RwSets.ns("mycc").write("k1", "1").write("k2", "2").build()).build());
        // The contract stopped after k1: end key k1, not exhausted. An insert after k1 is no phantom.
        RangeQueryInfo partial = new RangeQueryInfo("k", "k1", false, List.of(kv("k1", v(1, 0))), null);
        BlockValidation validation = commit(
                tx("after").rwset(RwSets.ns("mycc").write("k15", "x").build()).build(),
                tx("partial").rwset(RwSets.ns("mycc").range(partial).build()).build());
        assertEquals(List.of(TxValidationCode.VALID, TxValidationCode.VALID), validation.codes());
        // But a change to k1 itself is.
        BlockValidation changed = commit(
                tx("k1again").rwset(RwSets.ns("mycc").write("k1", "changed").build()).build(),
                tx("partial2").rwset(RwSets.ns("mycc").range(partial).build()).build());
        assertEquals(TxValidationCode.PHANTOM_READ_CONFLICT, changed.codes().get(1));
    }

    @Test
    void largeRangesAreValidatedThroughTheirMerkleSummary() {
        RwSets writes = RwSets.ns("mycc");
        for (int i = 0; i < 120; i++) {
            writes.write(String.format("item%03d", i), "v" + i);
        }
        commit(tx("bulk").rwset(writes.build()).build());
        RangeQueryResultsHelper helper = new RangeQueryResultsHelper();
        for (int i = 0; i < 120; i++) {
            helper.addResult(new KvRead(String.format("item%03d", i), v(1, 0)));
        }
        RangeQueryInfo summary = helper.done().toRangeQueryInfo("item", "itemz", true);
        assertNull(summary.rawReads(), "more than 50 results are summarised");
        TxValidationResult ok = only(commit(tx("bigrange").rwset(RwSets.ns("mycc").range(summary).build()).build()));
        assertEquals(TxValidationCode.VALID, ok.code(), ok.detail());
        BlockValidation changed = commit(
                tx("touch").rwset(RwSets.ns("mycc").write("item050", "new").build()).build(),
                tx("bigrange2").rwset(RwSets.ns("mycc").range(summary).build()).build());
        assertEquals(TxValidationCode.PHANTOM_READ_CONFLICT, changed.codes().get(1));
        assertTrue(changed.results().get(1).detail().contains("Merkle summary"), changed.results().get(1).detail());
    }

    // --- parallel validation gives the same answer ---

    @Test
    void parallelValidationGivesTheSameResultsAsSequential() {
        List<Bytes> envelopes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            var t = tx("p" + i).rwset(RwSets.ns("mycc").read("shared", null).write("k" + (i % 7), "v" + i).build());
            if (i % 5 == 0) {
                t.endorsedBy(PEER1);
            }
            envelopes.add(t.build());
        }
        ProtocolBlock block = LedgerFixture.block(1, ledger.blockStore().lastHeaderHash(), envelopes);
        BlockValidation sequential = LedgerFixture.validator().validate(block, ledger.committedState());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            BlockValidator parallel = new BlockValidator(LedgerFixture.CHANNEL, LedgerFixture.MSPS, LedgerFixture.POLICIES, pool);
            assertEquals(sequential.results(), parallel.validate(block, ledger.committedState()).results());
        } finally {
            pool.shutdown();
        }
        assertEquals(8, sequential.codes().stream().filter(c -> c == TxValidationCode.ENDORSEMENT_POLICY_FAILURE).count());
        for (int[] rank : new int[][] {{1, 2}, {2, 3}, {6, 7}}) {
            BlockValidator rotated = new BlockValidator(LedgerFixture.CHANNEL, LedgerFixture.MSPS, LedgerFixture.POLICIES,
                    Runnable::run, rank[0], rank[1]);
            assertEquals(sequential.results(), rotated.validate(block, ledger.committedState()).results(),
                    "starting stage A at validator " + rank[0] + " of " + rank[1]);
        }
        assertThrows(IllegalArgumentException.class, () -> new BlockValidator(LedgerFixture.CHANNEL, LedgerFixture.MSPS,
                LedgerFixture.POLICIES, Runnable::run, 2, 2));
    }

    // --- integrity, crash recovery, rebuild ---

    @Test
    void committingOutOfOrderIsRefusedAndChangesNothing() {
        ProtocolBlock wrongNumber = LedgerFixture.block(5, ledger.blockStore().lastHeaderHash(), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ledger.commit(wrongNumber, validator, Map.of()));
        assertTrue(e.getMessage().contains("the next block is 1"), e.getMessage());
        ProtocolBlock wrongParent = LedgerFixture.block(1, Bytes.utf8("not the hash"), List.of());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> ledger.commit(wrongParent, validator, Map.of()));
        assertTrue(e2.getMessage().contains("previous hash"), e2.getMessage());
        assertEquals(1, ledger.height());
        ledger.verifyChain();
    }

    @Test
    void tamperedBlockIsDetectedAndNamed() {
        commit(tx("a1").rwset(RwSets.ns("mycc").write("a", "1").build()).build());
        commit(tx("a2").rwset(RwSets.ns("mycc").write("a", "2").build()).build());
        commit(tx("a3").rwset(RwSets.ns("mycc").write("a", "3").build()).build());
        ledger.verifyChain();
        ledger.close();

        // Someone edits block 2 on disk: swaps its transaction for another one, keeping the header.
        try (KvStore blocks = storage.open("peer.blocks", ChannelLedger.BLOCK_COLUMNS)) {
            byte[] key = java.nio.ByteBuffer.allocate(8).putLong(2).array();
            ProtocolBlock stored = ProtoCodec.decodeBlock(Bytes.wrap(blocks.get("blocks", key)));
            ProtocolBlock forged = new ProtocolBlock(stored.header(),
                    List.of(tx("forged").rwset(RwSets.ns("mycc").write("a", "999").build()).build()), stored.metadata());
            var batch = blocks.newBatch();
            batch.put("blocks", key, ProtoCodec.encode(forged).toByteArray());
            blocks.write(batch);
        }
        ledger = ChannelLedger.open(LedgerFixture.CHANNEL, storage, "peer");
        LedgerIntegrityException e = assertThrows(LedgerIntegrityException.class, ledger::verifyChain);
        assertEquals(2, e.blockNumber());
        assertTrue(e.getMessage().contains("block 2 of channel ch1: its transactions hash to"), e.getMessage());
    }

    @Test
    void crashBetweenBlockAndStateIsRecoveredByReplay() {
        commit(tx("c1").rwset(RwSets.ns("mycc").write("a", "1").validationParameter("a", "OR('Org1MSP.peer')").build()).build());
        storage.failNextWrite("peer.state");
        Bytes valid = tx("c2").endorsedBy(PEER1).rwset(RwSets.ns("mycc").read("a", v(1, 0)).write("a", "2").build()).build();
        Bytes invalid = tx("c3").endorsedBy(PEER1).rwset(RwSets.ns("mycc").write("b", "x").build()).build();
        ProtocolBlock block = LedgerFixture.block(2, ledger.blockStore().lastHeaderHash(), List.of(valid, invalid));
        assertThrows(StorageException.class, () -> ledger.commit(block, validator, Map.of()));
        assertEquals(3, ledger.height(), "the block was stored");
        assertEquals("1", value("a"), "but its state was not");
        ledger.close();

        ledger = ChannelLedger.open(LedgerFixture.CHANNEL, storage, "peer");
        assertEquals(1, ledger.replayedOnOpen());
        assertEquals("2", value("a"));
        assertEquals(TxValidationCode.VALID, ledger.validationCode(tx("c2").txId()).orElseThrow());
        assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, ledger.validationCode(tx("c3").txId()).orElseThrow(),
                "replay uses the stored codes");
        assertNull(value("b"));
        assertEquals(2, ledger.history("mycc", "a").size());
        ledger.close();
        ledger = ChannelLedger.open(LedgerFixture.CHANNEL, storage, "peer");
        assertEquals(0, ledger.replayedOnOpen(), "replay happens once");
    }

    @Test
    void rebuiltStateEqualsTheOriginalByteForByte() {
        for (int i = 0; i < 6; i++) {
            RwSets rw = RwSets.ns("mycc").write("k" + i, "v" + i).write("shared", "s" + i);
            if (i == 2) {
                rw.validationParameter("k1", "OR('Org1MSP.peer')");
            }
            if (i == 4) {
                rw.delete("k0");
            }
            commit(tx("rb" + i).rwset(rw.build()).build(), tx("rbx" + i).endorsedBy(PEER2).rwset(RwSets.ns("mycc").write("z", "no").build()).build());
        }
        Map<String, List<String>> before = dump(ledger.stateDb().store());
        ledger.rebuildDerivedState();
        assertEquals(before, dump(ledger.stateDb().store()));
        assertTrue(before.get("history").size() >= 13, "history was dumped too: " + before.get("history").size());
    }

    private static Map<String, List<String>> dump(KvStore store) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String column : store.columns()) {
            List<String> entries = new ArrayList<>();
            try (KvIterator it = store.iterate(column, null, null)) {
                while (it.next()) {
                    entries.add(Bytes.wrap(it.key()).toHex() + "=" + Bytes.wrap(it.value()).toHex());
                }
            }
            out.put(column, entries);
        }
        return out;
    }

    @Test
    void genesisOnlyOnce() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ledger.commitGenesis(LedgerFixture.block(0, Bytes.EMPTY, List.of())));
        assertTrue(e.getMessage().contains("already has 1 blocks"));
        assertArrayEquals(ledger.block(0).orElseThrow().dataHash(), ledger.block(0).orElseThrow().dataHash());
    }

}
