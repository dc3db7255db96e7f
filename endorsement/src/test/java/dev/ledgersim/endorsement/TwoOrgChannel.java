package dev.ledgersim.endorsement;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.codec.TxPvtReadWriteSet;
import dev.ledgersim.ledger.commit.ChannelLedger;
import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.tx.ProposalRequest;
import dev.ledgersim.ledger.tx.Transactions;
import dev.ledgersim.ledger.validation.BlockValidation;
import dev.ledgersim.ledger.validation.BlockValidator;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A channel of two organisations, each with an admin, a client and one peer (its own ledger, installed
 * chaincodes and endorser), without ordering: {@link #submit} endorses on the chosen peers, assembles the
 * transaction, puts it alone in the next block and commits that block on both peers.
 */
final class TwoOrgChannel implements AutoCloseable {

    static final String CHANNEL = "emr";
    static final Instant NOW = CaConfig.DEFAULT_VALID_FROM.plusSeconds(3600);

    final CertificateAuthority org1 = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
            DeterministicRandom.fromSeed(3, "ca/Org1MSP"), Crypto.ecdsa());
    final CertificateAuthority org2 = CertificateAuthority.create(CaConfig.defaults("Org2MSP"),
            DeterministicRandom.fromSeed(3, "ca/Org2MSP"), Crypto.ecdsa());
    final Identity admin1 = org1.enroll("admin", Role.ADMIN);
    final Identity admin2 = org2.enroll("admin", Role.ADMIN);
    final Identity client1 = org1.enroll("client1", Role.CLIENT);
    final Identity client2 = org2.enroll("client2", Role.CLIENT);
    final Identity peer1 = org1.enroll("peer0.org1msp", Role.PEER);
    final Identity peer2 = org2.enroll("peer0.org2msp", Role.PEER);
    final ChannelPolicies policies = ChannelPolicies.standard(List.of("Org1MSP", "Org2MSP"));
    final MspManager msps;
    final Peer p1;
    final Peer p2;
    private final DeterministicRandom nonces = DeterministicRandom.fromSeed(4, "nonces");

    /** One peer of the channel. */
    final class Peer {
        final Identity identity;
        final ChannelLedger ledger;
        final InstalledChaincodes installed = new InstalledChaincodes(policies);
        final Endorser endorser;
        final Map<String, TxPvtReadWriteSet> transientStore = new TreeMap<>();

        Peer(Identity identity, KvStoreFactory storage) {
            this.identity = identity;
            this.ledger = ChannelLedger.open(CHANNEL, storage, identity.name());
            this.endorser = new Endorser(identity, ledger, msps, policies, installed, 10_000);
        }

        BlockValidator validator() {
            return new BlockValidator(CHANNEL, msps, endorser.lifecycle().policies(), Runnable::run);
        }
    }

    TwoOrgChannel(KvStoreFactory storage) {
        msps = new MspManager(List.of(org1.msp(), org2.msp()));
        p1 = new Peer(peer1, storage);
        p2 = new Peer(peer2, storage);
        ProtocolBlock genesis = block(0, Bytes.EMPTY, List.of());
        p1.ledger.commitGenesis(genesis);
        p2.ledger.commitGenesis(genesis);
    }

    /** What one submission gave: the endorsers' outcomes and the committed code. */
    record Submission(String txId, List<Endorser.Outcome> outcomes, BlockValidation validation) {
        dev.ledgersim.ledger.TxValidationCode code() {
            return validation.results().get(0).code();
        }

        String reason() {
            return validation.results().get(0).detail();
        }
    }

    /** Installs {@code definition}'s contracts on both peers. */
    void install(ChaincodeDefinition definition) {
        p1.installed.install(definition);
        p2.installed.install(definition);
    }

    Transactions.SignedProposalEnvelope propose(Identity client, String chaincode, String function, String... args) {
        byte[] nonce = new byte[24];
        nonces.nextBytes(nonce);
        List<Bytes> argBytes = new ArrayList<>();
        for (String arg : args) {
            argBytes.add(Bytes.utf8(arg));
        }
        return Transactions.propose(new ProposalRequest(CHANNEL, chaincode, function, argBytes, new TreeMap<>(),
                Bytes.wrap(nonce), Timestamp.of(NOW)), client);
    }

    /** Endorses on {@code peers}; if all endorse, orders the transaction alone in a block and commits it on both peers. */
    Submission submit(Identity client, List<Peer> peers, String chaincode, String function, String... args) {
        Transactions.SignedProposalEnvelope proposal = propose(client, chaincode, function, args);
        List<Endorser.Outcome> outcomes = new ArrayList<>();
        List<ProposalResponse> responses = new ArrayList<>();
        for (Peer peer : peers) {
            Endorser.Outcome outcome = peer.endorser.processProposal(proposal.signed(), NOW);
            outcomes.add(outcome);
            responses.add(outcome.response());
            outcome.simulation().ifPresent(s -> peer.transientStore.put(proposal.txId(), s.privateRwSet()));
        }
        if (!outcomes.stream().allMatch(Endorser.Outcome::endorsed)) {
            return new Submission(proposal.txId(), outcomes, null);
        }
        Bytes envelope = ProtoCodec.encode(Transactions.assemble(proposal.proposal(), responses, client));
        BlockValidation validation = null;
        for (Peer peer : List.of(p1, p2)) {
            ProtocolBlock block = block(peer.ledger.height(), peer.ledger.blockStore().lastHeaderHash(), List.of(envelope));
            TxPvtReadWriteSet pvt = peer.transientStore.remove(proposal.txId());
            BlockValidation v = peer.ledger.commit(block, peer.validator(), pvt == null ? Map.of() : Map.of(0, pvt));
            if (validation == null) {
                validation = v;
            }
        }
        return new Submission(proposal.txId(), outcomes, validation);
    }

    /** Evaluates on one peer (nothing ordered). */
    Endorser.Outcome evaluate(Identity client, Peer peer, String chaincode, String function, String... args) {
        return peer.endorser.processProposal(propose(client, chaincode, function, args).signed(), NOW);
    }

    /** Approves on each org's peer as its admin, then commits endorsed by both peers. */
    void deploy(ChaincodeDefinition definition) {
        install(definition);
        String params = new String(definition.parameters().toJson(), java.nio.charset.StandardCharsets.UTF_8);
        for (Submission s : List.of(
                submit(admin1, List.of(p1), LifecycleState.NAMESPACE, "ApproveChaincodeDefinitionForMyOrg", params),
                submit(admin2, List.of(p2), LifecycleState.NAMESPACE, "ApproveChaincodeDefinitionForMyOrg", params),
                submit(admin1, List.of(p1, p2), LifecycleState.NAMESPACE, "CommitChaincodeDefinition", params))) {
            if (s.validation() == null || !s.code().isValid()) {
                throw new IllegalStateException("deploy failed: " + s);
            }
        }
    }

    static ProtocolBlock block(long number, Bytes previous, List<Bytes> envelopes) {
        return new ProtocolBlock(new BlockHeader(number, previous, Hashes.blockDataHash(envelopes)), envelopes,
                List.of(Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY));
    }

    @Override
    public void close() {
        p1.ledger.close();
        p2.ledger.close();
    }
}
