package dev.ledgersim.endorsement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.SignedProposal;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.tx.Transactions;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endorser and the chaincode lifecycle on two peers of two organisations, on every storage. */
abstract class AbstractEndorsementTest {

    protected abstract KvStoreFactory newFactory();

    private TwoOrgChannel ch;
    private ChaincodeDefinition kv;

    @BeforeEach
    void setUp() {
        ch = new TwoOrgChannel(newFactory());
        kv = ChaincodeDefinition.builder("kvcc", KvContract::new).endorsementPolicy("AND('Org1MSP.peer', 'Org2MSP.peer')").build();
    }

    @AfterEach
    void tearDown() {
        ch.close();
    }

    private static String params(ChaincodeDefinition d) {
        return new String(d.parameters().toJson(), StandardCharsets.UTF_8);
    }

    private static String message(Endorser.Outcome outcome) {
        return outcome.response().response().message();
    }

    // --- lifecycle ---

    @Test
    void deployRunsApprovalsAndCommitAsTransactionsAndThenTheChaincodeWorks() {
        ch.install(kv);
        TwoOrgChannel.Submission approve1 = ch.submit(ch.admin1, List.of(ch.p1), LifecycleState.NAMESPACE,
                "ApproveChaincodeDefinitionForMyOrg", params(kv));
        assertEquals(TxValidationCode.VALID, approve1.code(), approve1.reason());

        Endorser.Outcome readiness = ch.evaluate(ch.client1, ch.p2, LifecycleState.NAMESPACE, "CheckCommitReadiness", params(kv));
        assertEquals("{\"approvals\":{\"Org1MSP\":true,\"Org2MSP\":false}}",
                readiness.response().response().payload().toUtf8(), "every peer sees Org1's approval by its hash");
        assertNull(ch.p2.ledger.stateDb().getPrivate(LifecycleState.NAMESPACE, LifecycleState.implicitCollection("Org1MSP"),
                LifecycleState.approvalKey("kvcc", 1)).orElse(null), "but not Org1's private copy");
        assertTrue(ch.p1.ledger.stateDb().getPrivate(LifecycleState.NAMESPACE, LifecycleState.implicitCollection("Org1MSP"),
                LifecycleState.approvalKey("kvcc", 1)).isPresent(), "which the approving org's peer holds");

        // Org2's peer refuses to endorse a commit its org has not approved.
        TwoOrgChannel.Submission early = ch.submit(ch.admin1, List.of(ch.p1, ch.p2), LifecycleState.NAMESPACE,
                "CommitChaincodeDefinition", params(kv));
        assertNull(early.validation());
        assertEquals("chaincode definition not agreed to by this org (Org2MSP)", message(early.outcomes().get(1)));
        // Endorsed by Org1 alone, the commit fails the LifecycleEndorsement MAJORITY policy at validation.
        TwoOrgChannel.Submission alone = ch.submit(ch.admin1, List.of(ch.p1), LifecycleState.NAMESPACE,
                "CommitChaincodeDefinition", params(kv));
        assertEquals(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, alone.code());
        assertTrue(alone.reason().contains("MAJORITY Endorsement"), alone.reason());

        assertEquals(TxValidationCode.VALID, ch.submit(ch.admin2, List.of(ch.p2), LifecycleState.NAMESPACE,
                "ApproveChaincodeDefinitionForMyOrg", params(kv)).code());
        TwoOrgChannel.Submission commit = ch.submit(ch.admin1, List.of(ch.p1, ch.p2), LifecycleState.NAMESPACE,
                "CommitChaincodeDefinition", params(kv));
        assertEquals(TxValidationCode.VALID, commit.code(), commit.reason());
        assertEquals(1, ch.p2.endorser.lifecycle().committedSequence("kvcc"));

        TwoOrgChannel.Submission put = ch.submit(ch.client1, List.of(ch.p1, ch.p2), "kvcc", "put", "patient1", "glucose 7.9");
        assertEquals(TxValidationCode.VALID, put.code(), put.reason());
        assertEquals("glucose 7.9", ch.evaluate(ch.client2, ch.p2, "kvcc", "get", "patient1").response().response().payload().toUtf8());
        assertEquals("Put", put.outcomes().get(0).event().orElseThrow().eventName());
    }

    @Test
    void sequenceRulesAreFabrics() {
        ch.deploy(kv);
        ChaincodeDefinition skip = kv.withVersionAndSequence("3.0", 3);
        assertEquals("requested sequence 3 is larger than the next available sequence number 2",
                message(ch.evaluate(ch.admin1, ch.p1, LifecycleState.NAMESPACE, "ApproveChaincodeDefinitionForMyOrg", params(skip))));
        ChaincodeDefinition redefine = kv.withVersionAndSequence("1.1", 1);
        assertTrue(message(ch.evaluate(ch.admin1, ch.p1, LifecycleState.NAMESPACE, "ApproveChaincodeDefinitionForMyOrg",
                params(redefine))).startsWith("attempted to redefine the current committed sequence (1)"));
        assertTrue(ch.evaluate(ch.admin1, ch.p1, LifecycleState.NAMESPACE, "ApproveChaincodeDefinitionForMyOrg", params(kv))
                .endorsed(), "re-approving the committed definition is allowed");
        assertEquals("requested sequence is 1, but new definition must be sequence 2",
                message(ch.evaluate(ch.client1, ch.p1, LifecycleState.NAMESPACE, "CheckCommitReadiness", params(kv))));
        assertTrue(message(ch.evaluate(ch.client1, ch.p1, LifecycleState.NAMESPACE, "ApproveChaincodeDefinitionForMyOrg",
                params(kv.withVersionAndSequence("2.0", 2)))).startsWith("access denied: ApproveChaincodeDefinitionForMyOrg needs an admin"));

        ChaincodeDefinition upgrade = kv.withVersionAndSequence("2.0", 2);
        ch.submit(ch.admin1, List.of(ch.p1), LifecycleState.NAMESPACE, "ApproveChaincodeDefinitionForMyOrg", params(upgrade));
        assertEquals("attempted to redefine uncommitted sequence (2) for namespace kvcc with unchanged content",
                message(ch.evaluate(ch.admin1, ch.p1, LifecycleState.NAMESPACE, "ApproveChaincodeDefinitionForMyOrg", params(upgrade))));
        ch.submit(ch.admin2, List.of(ch.p2), LifecycleState.NAMESPACE, "ApproveChaincodeDefinitionForMyOrg", params(upgrade));
        assertEquals(TxValidationCode.VALID, ch.submit(ch.admin1, List.of(ch.p1, ch.p2), LifecycleState.NAMESPACE,
                "CommitChaincodeDefinition", params(upgrade)).code());
        assertEquals("2.0", ch.p1.endorser.lifecycle().committed("kvcc").orElseThrow().version());
    }

    @Test
    void collectionsCannotBeRemovedNorTheirBlockToLiveChanged() {
        CollectionConfig secret = CollectionConfig.builder("secret").memberOrgsPolicy("OR('Org1MSP.member')").blockToLive(5).build();
        ChaincodeDefinition withColl = ChaincodeDefinition.builder("pcc", KvContract::new).collection(secret).build();
        ch.deploy(withColl);
        ChaincodeDefinition dropped = ChaincodeDefinition.builder("pcc", KvContract::new).version("2").sequence(2).build();
        ch.submit(ch.admin1, List.of(ch.p1), LifecycleState.NAMESPACE, "ApproveChaincodeDefinitionForMyOrg", params(dropped));
        ch.submit(ch.admin2, List.of(ch.p2), LifecycleState.NAMESPACE, "ApproveChaincodeDefinitionForMyOrg", params(dropped));
        assertEquals("existing collection [secret] missing in the proposed collection configuration",
                message(ch.evaluate(ch.admin1, ch.p1, LifecycleState.NAMESPACE, "CommitChaincodeDefinition", params(dropped))));
    }

    // --- the endorser ---

    @Test
    void undefinedChaincodeAndChaincodeErrorsAreRefusedWithoutEndorsement() {
        Endorser.Outcome undefined = ch.evaluate(ch.client1, ch.p1, "nocc", "get", "k");
        assertFalse(undefined.endorsed());
        assertEquals("make sure the chaincode nocc has been successfully defined on channel emr and try again: chaincode nocc not found",
                message(undefined));
        ch.deploy(kv);
        Endorser.Outcome failed = ch.evaluate(ch.client1, ch.p1, "kvcc", "fail");
        assertFalse(failed.endorsed());
        assertEquals(500, failed.response().response().status());
        assertEquals("Error! Permission denied", message(failed));
        assertEquals("UNAUTHORIZED", failed.response().response().payload().toUtf8());
        Endorser.Outcome spin = ch.evaluate(ch.client1, ch.p1, "kvcc", "spin");
        assertFalse(spin.endorsed());
        assertTrue(message(spin).contains("budget of 10000 ledger operations"), message(spin));
        Endorser.Outcome unknownFunction = ch.evaluate(ch.client1, ch.p1, "kvcc", "nosuchfunction");
        assertFalse(unknownFunction.endorsed());
    }

    @Test
    void proposalChecksRefuseBadCreatorsAndReplays() {
        ch.deploy(kv);
        // A peer is not a channel writer.
        assertTrue(message(ch.evaluate(ch.peer1, ch.p1, "kvcc", "get", "k")).contains("does not satisfy the Writers policy"));
        // Revoked client.
        Identity mallory = ch.org1.enroll("mallory", Role.CLIENT);
        ch.org1.revoke(mallory, CaConfig.DEFAULT_VALID_FROM.plusSeconds(10));
        Endorser withNewCrl = new Endorser(ch.peer1, ch.p1.ledger, new dev.ledgersim.msp.MspManager(
                List.of(ch.org1.msp(), ch.org2.msp())), ch.policies, ch.p1.installed, 100);
        String refused = message(withNewCrl.processProposal(ch.propose(mallory, "kvcc", "get", "k").signed(), TwoOrgChannel.NOW));
        assertTrue(refused.startsWith("access denied: ") && refused.contains("has been revoked"), refused);
        // Expired client: a 30-day identity used on day 40.
        CertificateAuthority shortLived = CertificateAuthority.create(CaConfig.defaults("Org1MSP").withIdentityValidity(Duration.ofDays(30)),
                DeterministicRandom.fromSeed(3, "ca/Org1MSP"), Crypto.ecdsa());
        Identity temp = shortLived.enroll("temp", Role.CLIENT);
        Endorser.Outcome expired = ch.p1.endorser.processProposal(ch.propose(temp, "kvcc", "get", "k").signed(),
                CaConfig.DEFAULT_VALID_FROM.plus(Duration.ofDays(40)));
        assertTrue(message(expired).startsWith("proposal client identity expired"), message(expired));
        // Forged signature.
        Transactions.SignedProposalEnvelope p = ch.propose(ch.client1, "kvcc", "get", "k");
        SignedProposal forged = new SignedProposal(p.signed().proposalBytes(), Bytes.wrap(ch.client2.sign(p.signed().proposalBytes().unsafeArray())));
        assertTrue(message(ch.p1.endorser.processProposal(forged, TwoOrgChannel.NOW)).contains("over the proposal is not valid"));
        // Garbage.
        assertTrue(message(ch.p1.endorser.processProposal(new SignedProposal(Bytes.fromHex("ffff"), Bytes.EMPTY), TwoOrgChannel.NOW))
                .contains("cannot be decoded"));
    }

    @Test
    void nonDeterministicContractsMakeEndorsersDisagreeAndAssemblyNamesIt() {
        ch.deploy(kv);
        Transactions.SignedProposalEnvelope p = ch.propose(ch.client1, "kvcc", "peerDependent");
        ProposalResponse r1 = ch.p1.endorser.processProposal(p.signed(), TwoOrgChannel.NOW).response();
        ProposalResponse r2 = ch.p2.endorser.processProposal(p.signed(), TwoOrgChannel.NOW).response();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transactions.assemble(p.proposal(), List.of(r1, r2), ch.client1));
        assertTrue(e.getMessage().contains("the endorsers disagree"), e.getMessage());
    }

    @Test
    void duplicateTxidIsRefusedAtEndorsement() {
        ch.deploy(kv);
        Transactions.SignedProposalEnvelope p = ch.propose(ch.client1, "kvcc", "put", "x", "1");
        Endorser.Outcome o1 = ch.p1.endorser.processProposal(p.signed(), TwoOrgChannel.NOW);
        Endorser.Outcome o2 = ch.p2.endorser.processProposal(p.signed(), TwoOrgChannel.NOW);
        var envelope = dev.ledgersim.ledger.codec.ProtoCodec.encode(
                Transactions.assemble(p.proposal(), List.of(o1.response(), o2.response()), ch.client1));
        for (TwoOrgChannel.Peer peer : List.of(ch.p1, ch.p2)) {
            peer.ledger.commit(TwoOrgChannel.block(peer.ledger.height(), peer.ledger.blockStore().lastHeaderHash(),
                    List.of(envelope)), peer.validator(), java.util.Map.of());
        }
        Endorser.Outcome replay = ch.p1.endorser.processProposal(p.signed(), TwoOrgChannel.NOW);
        assertTrue(message(replay).startsWith("duplicate transaction found [" + p.txId() + "]"), message(replay));
    }
}
