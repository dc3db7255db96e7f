package dev.ledgersim.ledger.blocks;

import static dev.ledgersim.ledger.testing.LedgerFixture.CLIENT1;
import static dev.ledgersim.ledger.testing.LedgerFixture.PEER1;
import static dev.ledgersim.ledger.testing.LedgerFixture.PEER2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.testing.LedgerFixture;
import dev.ledgersim.ledger.testing.RwSets;
import dev.ledgersim.ledger.tx.ProposalRequest;
import dev.ledgersim.ledger.tx.Transactions;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Reading back a stored envelope: the header-only readers agree with the full reader. */
class StoredTransactionTest {

    private static final Timestamp NOW = new Timestamp(1_735_689_600L, 0);

    @Test
    void txIdAndHeaderTypeAreReadFromTheChannelHeaderAlone() {
        Transactions.SignedProposalEnvelope proposal = Transactions.propose(new ProposalRequest(LedgerFixture.CHANNEL,
                "mycc", "enterData", List.of(Bytes.utf8("patient1")), new TreeMap<>(), Hashes.sha256(Bytes.utf8("n1")), NOW),
                CLIENT1);
        TxReadWriteSet rwset = RwSets.ns("mycc").write("patient1", "glucose 7.9").build();
        ProposalResponse r1 = Transactions.endorse(proposal.proposal(), rwset, null, Response.ok(Bytes.EMPTY), "1.0", PEER1, NOW);
        ProposalResponse r2 = Transactions.endorse(proposal.proposal(), rwset, null, Response.ok(Bytes.EMPTY), "1.0", PEER2, NOW);
        Bytes envelope = ProtoCodec.encode(Transactions.assemble(proposal.proposal(), List.of(r1, r2), CLIENT1));

        assertEquals(proposal.txId(), StoredTransaction.txIdOf(envelope));
        assertEquals(HeaderType.ENDORSER_TRANSACTION, StoredTransaction.headerTypeOf(envelope));
        StoredTransaction full = StoredTransaction.read(envelope);
        assertEquals(full.txId(), StoredTransaction.txIdOf(envelope));
        assertEquals("enterData", full.function());
    }

    @Test
    void anUnreadableEnvelopeHasNoTxIdAndNoHeaderType() {
        Bytes garbage = Bytes.utf8("not an envelope");
        assertEquals("", StoredTransaction.txIdOf(garbage));
        assertNull(StoredTransaction.headerTypeOf(garbage));
        assertEquals("", StoredTransaction.txIdOf(Bytes.EMPTY));
    }
}
