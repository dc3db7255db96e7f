package dev.ledgersim.ledger.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.codec.TxPvtReadWriteSet;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.rwset.RwSetBuilder;
import dev.ledgersim.ledger.rwset.SimulationResults;
import dev.ledgersim.ledger.state.MissingPrivateData;
import dev.ledgersim.ledger.state.PrivateWriteSet;
import dev.ledgersim.ledger.state.VersionedValue;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.testing.LedgerFixture;
import dev.ledgersim.ledger.validation.BlockValidation;
import dev.ledgersim.ledger.validation.BlockValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Private data in the channel ledger (FABRIC.md §6.3–6.5), on every storage implementation: BlockToLive
 * expiry of the private state, the hashed state and the private data store; explicit purges of every
 * stored version; missing data and its reconciliation; replay.
 * Collection {@code mycc/secret} has BlockToLive 2 here, {@code mycc/records} none.
 */
abstract class AbstractPrivateDataLedgerTest {

    private static final String NS = "mycc";
    private static final String SHORT = "secret";
    private static final String KEPT = "records";
    private static final BlockToLive BTL = (state, ns, coll) -> ns.equals(NS) && coll.equals(SHORT) ? 2 : 0;

    /** The storage under test; a fresh one per test. */
    protected abstract KvStoreFactory newFactory();

    private ChannelLedger ledger;
    private final BlockValidator validator = LedgerFixture.validator();
    private int labels;

    @BeforeEach
    void openLedger() {
        ledger = ChannelLedger.open(LedgerFixture.CHANNEL, newFactory(), "peer", BTL);
        ledger.commitGenesis(LedgerFixture.block(0, Bytes.EMPTY, List.of()));
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    /** One transaction: its envelope and private rw-set. */
    private record Tx(Bytes envelope, TxPvtReadWriteSet privateData) {
    }

    private Tx tx(Consumer<RwSetBuilder> writes) {
        RwSetBuilder builder = new RwSetBuilder();
        writes.accept(builder);
        SimulationResults results = builder.build();
        return new Tx(LedgerFixture.tx("pvt" + (labels++)).rwset(results.publicRwSet()).build(), results.privateRwSet());
    }

    private static Consumer<RwSetBuilder> put(String coll, String key, String value) {
        return b -> b.addPrivateWrite(NS, coll, key, Bytes.utf8(value));
    }

    /** Commits a block of {@code txs}, with their private data unless {@code withoutPrivateData}. */
    private BlockValidation commit(boolean withPrivateData, Tx... txs) {
        List<Bytes> envelopes = new ArrayList<>();
        Map<Integer, TxPvtReadWriteSet> pvt = new TreeMap<>();
        for (int i = 0; i < txs.length; i++) {
            envelopes.add(txs[i].envelope());
            if (withPrivateData && !txs[i].privateData().nsPvtRwSets().isEmpty()) {
                pvt.put(i, txs[i].privateData());
            }
        }
        ProtocolBlock block = LedgerFixture.block(ledger.height(), ledger.blockStore().lastHeaderHash(), envelopes);
        BlockValidation validation = ledger.commit(block, validator, pvt);
        validation.codes().forEach(code -> assertTrue(code.isValid(), code.toString()));
        return validation;
    }

    private BlockValidation commit(Tx... txs) {
        return commit(true, txs);
    }

    private void publicBlock() {
        commit(tx(b -> b.addWrite(NS, "public" + labels, Bytes.utf8("x"))));
    }

    private String privateValue(String coll, String key) {
        return ledger.stateDb().getPrivate(NS, coll, key).map(v -> v.value().toUtf8()).orElse(null);
    }

    private Optional<VersionedValue> hashed(String coll, String key) {
        return ledger.stateDb().getHashed(NS, coll, Hashes.sha256(Bytes.utf8(key)));
    }

    /** The keys of the stored write set of {@code (block, tx)}, or null when none is stored. */
    private List<String> storedKeys(String coll, long block, long txNum) {
        return ledger.privateDataStore().get(block, txNum, NS, coll)
                .map(set -> ProtoCodec.decodeKvRwSet(set.rwSet()).writes().stream().map(KvWrite::key).toList()).orElse(null);
    }

    @Test
    void blockToLiveExpiresStateHashesAndStoredDataWhenBlockNPlusBtlPlusOneCommits() {
        commit(tx(put(SHORT, "k", "v").andThen(put(KEPT, "k", "forever"))));      // block 1
        publicBlock();                                                           // block 2
        publicBlock();                                                           // block 3 = N + BTL
        assertEquals("v", privateValue(SHORT, "k"));
        assertTrue(hashed(SHORT, "k").isPresent());
        assertEquals(List.of("k"), storedKeys(SHORT, 1, 0));

        publicBlock();                                                           // block 4 = N + BTL + 1
        assertNull(privateValue(SHORT, "k"));
        assertTrue(hashed(SHORT, "k").isEmpty());
        assertNull(storedKeys(SHORT, 1, 0));
        assertEquals("forever", privateValue(KEPT, "k"), "BlockToLive 0 never expires");
        assertEquals(List.of("k"), storedKeys(KEPT, 1, 0));
    }

    @Test
    void aKeyWrittenAgainIsNotExpiredByItsEarlierWrite() {
        commit(tx(put(SHORT, "k", "v1")));                                       // block 1
        commit(tx(put(SHORT, "k", "v2")));                                       // block 2
        publicBlock();                                                           // block 3
        publicBlock();                                                           // block 4: expiry of the block 1 write, skipped
        assertEquals("v2", privateValue(SHORT, "k"));
        assertEquals(new Version(2, 0), hashed(SHORT, "k").orElseThrow().version());
        assertNull(storedKeys(SHORT, 1, 0), "the stored write set of block 1 expired all the same");
        assertEquals(List.of("k"), storedKeys(SHORT, 2, 0));
        publicBlock();                                                           // block 5: expiry of the block 2 write
        assertNull(privateValue(SHORT, "k"));
        assertTrue(hashed(SHORT, "k").isEmpty());
    }

    @Test
    void purgeRemovesTheKeyFromStateAndEveryEarlierStoredVersionIncludingEarlierTransactionsOfItsBlock() {
        commit(tx(put(KEPT, "k", "v1").andThen(put(KEPT, "j", "keep"))));        // block 1
        commit(tx(put(KEPT, "k", "v2")));                                        // block 2
        commit(tx(put(KEPT, "k", "v3")), tx(b -> b.addPrivatePurge(NS, KEPT, "k")),  // block 3: write, purge,
                tx(put(KEPT, "k", "v4")));                                       // and a write after it
        assertEquals(List.of("j"), storedKeys(KEPT, 1, 0));
        assertNull(storedKeys(KEPT, 2, 0), "a write set left empty is deleted");
        assertNull(storedKeys(KEPT, 3, 0), "the purge reaches earlier transactions of its own block");
        assertEquals(List.of("k"), storedKeys(KEPT, 3, 2), "a later write survives");
        assertEquals("v4", privateValue(KEPT, "k"));
        assertEquals("keep", privateValue(KEPT, "j"));

        commit(tx(b -> b.addPrivatePurge(NS, KEPT, "k")));                       // block 4
        assertNull(privateValue(KEPT, "k"));
        assertTrue(hashed(KEPT, "k").isEmpty());
        assertNull(storedKeys(KEPT, 3, 2));

        // Replaying every block from the stores gives the same state (the stored sets lost purged keys).
        ledger.rebuildDerivedState();
        assertNull(privateValue(KEPT, "k"));
        assertEquals("keep", privateValue(KEPT, "j"));
        assertTrue(hashed(KEPT, "k").isEmpty());
    }

    @Test
    void aPurgeWithoutItsPrivateDataStillRemovesTheKey() {
        commit(tx(put(KEPT, "k", "v1")));                                        // block 1
        commit(false, tx(b -> b.addPrivatePurge(NS, KEPT, "k")));                // block 2, the purge's own data lacking
        assertNull(privateValue(KEPT, "k"));
        assertTrue(hashed(KEPT, "k").isEmpty());
        assertNull(storedKeys(KEPT, 1, 0));
    }

    @Test
    void missingDataIsRecordedAndReconciledIfStillCurrent() {
        Tx first = tx(put(KEPT, "k", "v1").andThen(put(KEPT, "j", "only-here")));
        ProtocolBlock block1 = LedgerFixture.block(1, ledger.blockStore().lastHeaderHash(), List.of(first.envelope()));
        BlockValidation v1 = ledger.validate(block1, validator);
        MissingPrivateData missing = new MissingPrivateData(1, 0, NS, KEPT);
        ledger.commitValidated(block1, v1, Map.of(), List.of(missing));
        assertEquals(List.of(missing), ledger.privateDataStore().missing());
        assertNull(privateValue(KEPT, "k"));
        assertTrue(hashed(KEPT, "k").isPresent());

        commit(tx(put(KEPT, "k", "v2")));                                        // block 2 overwrites k
        KvRwSet data = first.privateData().nsPvtRwSets().get(0).collectionPvtRwSets().get(0).rwset();
        KvRwSet forged = new KvRwSet(List.of(), List.of(), List.of(new KvWrite("k", false, Bytes.utf8("forged"))), List.of());
        assertEquals(ChannelLedger.ReconcileOutcome.MISMATCH, ledger.reconcile(missing, forged));
        assertEquals(ChannelLedger.ReconcileOutcome.STORED, ledger.reconcile(missing, data));
        assertEquals("v2", privateValue(KEPT, "k"), "a stale write is not applied");
        assertEquals("only-here", privateValue(KEPT, "j"), "a current one is");
        assertEquals(new Version(1, 0), ledger.stateDb().getPrivate(NS, KEPT, "j").orElseThrow().version());
        assertTrue(ledger.privateDataStore().missing().isEmpty());
        assertEquals(List.of("j", "k"), storedKeys(KEPT, 1, 0));
        assertEquals(ChannelLedger.ReconcileOutcome.NOT_MISSING, ledger.reconcile(missing, data));
    }

    @Test
    void expiredMissingDataIsNotReconciled() {
        Tx first = tx(put(SHORT, "k", "v1"));
        ProtocolBlock block1 = LedgerFixture.block(1, ledger.blockStore().lastHeaderHash(), List.of(first.envelope()));
        MissingPrivateData missing = new MissingPrivateData(1, 0, NS, SHORT);
        ledger.commitValidated(block1, ledger.validate(block1, validator), Map.of(), List.of(missing));
        publicBlock();
        publicBlock();
        assertEquals(List.of(missing), ledger.privateDataStore().missing());
        publicBlock();                                                           // block 4: expiry
        assertTrue(ledger.privateDataStore().missing().isEmpty(), "the missing record expired with the data");
        KvRwSet data = first.privateData().nsPvtRwSets().get(0).collectionPvtRwSets().get(0).rwset();
        assertEquals(ChannelLedger.ReconcileOutcome.NOT_MISSING, ledger.reconcile(missing, data));
        assertNull(privateValue(SHORT, "k"));
        assertFalse(ledger.privateDataStore().get(1, 0, NS, SHORT).map(PrivateWriteSet::rwSet).isPresent());
    }
}
