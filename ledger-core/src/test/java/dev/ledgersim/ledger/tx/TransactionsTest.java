package dev.ledgersim.ledger.tx;

import static dev.ledgersim.ledger.testing.LedgerFixture.CLIENT1;
import static dev.ledgersim.ledger.testing.LedgerFixture.PEER1;
import static dev.ledgersim.ledger.testing.LedgerFixture.PEER2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.testing.EmptyState;
import dev.ledgersim.ledger.testing.LedgerFixture;
import dev.ledgersim.ledger.testing.RwSets;
import dev.ledgersim.ledger.validation.BlockValidation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TransactionsTest {

    private static final Timestamp NOW = new Timestamp(1_735_689_600L, 0);

    private static ProposalRequest request(String nonce, Map<String, Bytes> transientMap) {
        return new ProposalRequest(LedgerFixture.CHANNEL, "mycc", "enterData", List.of(Bytes.utf8("patient1")),
                new TreeMap<>(transientMap), Hashes.sha256(Bytes.utf8(nonce)), NOW);
    }

    @Test
    void proposeEndorseAssembleGivesATransactionTheValidatorAccepts() {
        Transactions.SignedProposalEnvelope proposal = Transactions.propose(
                request("n1", Map.of("record", Bytes.utf8("secret diagnosis"))), CLIENT1);
        assertEquals(Hashes.txId(Hashes.sha256(Bytes.utf8("n1")), Bytes.wrap(CLIENT1.serialize())), proposal.txId());
        assertTrue(CLIENT1.verify(proposal.signed().proposalBytes().unsafeArray(), proposal.signed().signature().unsafeArray()));
        assertTrue(proposal.signed().proposalBytes().toUtf8().contains("secret diagnosis"), "the endorser sees the transient map");

        TxReadWriteSet rwset = RwSets.ns("mycc").write("patient1", "glucose 7.9").build();
        ProposalResponse r1 = Transactions.endorse(proposal.proposal(), rwset, null, Response.ok(Bytes.utf8("done")), "1.0", PEER1, NOW);
        ProposalResponse r2 = Transactions.endorse(proposal.proposal(), rwset, null, Response.ok(Bytes.utf8("done")), "1.0", PEER2, NOW);
        assertEquals(r1.payload(), r2.payload(), "agreeing endorsers produce byte-identical payloads");
        Envelope envelope = Transactions.assemble(proposal.proposal(), List.of(r1, r2, r1), CLIENT1);
        Bytes envelopeBytes = ProtoCodec.encode(envelope);
        assertFalse(envelopeBytes.toUtf8().contains("secret diagnosis"), "transient data never reaches the transaction");

        BlockValidation validation = LedgerFixture.validator().validate(
                LedgerFixture.block(1, Bytes.utf8("previous"), List.of(envelopeBytes)), new EmptyState());
        assertEquals(List.of(TxValidationCode.VALID), validation.codes(), validation.results().toString());
        assertEquals(rwset, validation.validTransactions().get(0).rwset());
    }

    @Test
    void errorResponsesAreNotEndorsedAndCannotBeAssembled() {
        Transactions.SignedProposalEnvelope proposal = Transactions.propose(request("n2", Map.of()), CLIENT1);
        ProposalResponse failed = Transactions.endorse(proposal.proposal(), TxReadWriteSet.EMPTY, null,
                Response.error("Error! Permission denied"), "1.0", PEER1, NOW);
        assertNull(failed.endorsement());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transactions.assemble(proposal.proposal(), List.of(failed), CLIENT1));
        assertTrue(e.getMessage().contains("failed with status 500: Error! Permission denied"), e.getMessage());
    }

    @Test
    void disagreeingEndorsersAndAForeignSignerAreRefused() {
        Transactions.SignedProposalEnvelope proposal = Transactions.propose(request("n3", Map.of()), CLIENT1);
        ProposalResponse a = Transactions.endorse(proposal.proposal(), RwSets.ns("mycc").write("k", "1").build(), null,
                Response.ok(Bytes.EMPTY), "1.0", PEER1, NOW);
        ProposalResponse b = Transactions.endorse(proposal.proposal(), RwSets.ns("mycc").write("k", "2").build(), null,
                Response.ok(Bytes.EMPTY), "1.0", PEER2, NOW);
        IllegalArgumentException disagree = assertThrows(IllegalArgumentException.class,
                () -> Transactions.assemble(proposal.proposal(), List.of(a, b), CLIENT1));
        assertTrue(disagree.getMessage().contains("the endorsers disagree"), disagree.getMessage());
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> Transactions.assemble(proposal.proposal(), List.of(a), PEER1));
        assertTrue(foreign.getMessage().contains("signed by the proposal's creator"), foreign.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transactions.assemble(proposal.proposal(), List.of(), CLIENT1));
    }
}
