package dev.ledgersim.orderer;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.Header;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.Payload;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.tx.ProposalRequest;
import dev.ledgersim.ledger.tx.Transactions;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.Role;
import dev.ledgersim.msp.policy.ImplicitMetaPolicy;
import dev.ledgersim.msp.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Identities, MSPs, the channel Writers policy and envelopes shared by the orderer tests. Built once
 * (certificates are deterministic from the seeds); nothing here is mutated by tests.
 */
final class Fixtures {

    /** Simulated start time: inside every certificate's validity (they run from 2025-01-01 for a year). */
    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    private static Fixtures instance;

    final CertificateAuthority ordererCa;
    final CertificateAuthority org1Ca;
    final CertificateAuthority org2Ca;
    final List<Identity> orderers = new ArrayList<>();
    final Identity client1;
    final Identity client2;
    final Identity peer1;
    final Identity peer2;
    final Identity admin1;
    final MspManager msps;
    /** {@code ANY Writers} over {@code OR('Org1MSP.member')} and {@code OR('Org2MSP.member')}. */
    final Policy writers;

    private Fixtures() {
        ordererCa = ca("OrdererMSP");
        org1Ca = ca("Org1MSP");
        org2Ca = ca("Org2MSP");
        for (int i = 0; i < 5; i++) {
            orderers.add(ordererCa.enroll(ordererName(i), Role.ORDERER));
        }
        client1 = org1Ca.enroll("client1", Role.CLIENT);
        client2 = org2Ca.enroll("client2", Role.CLIENT);
        peer1 = org1Ca.enroll("peer0.org1msp", Role.PEER);
        peer2 = org2Ca.enroll("peer0.org2msp", Role.PEER);
        admin1 = org1Ca.enroll("admin1", Role.ADMIN);
        msps = new MspManager(List.of(ordererCa.msp(), org1Ca.msp(), org2Ca.msp()));
        writers = new ImplicitMetaPolicy.Spec(ImplicitMetaPolicy.Rule.ANY, "Writers").bind(Map.of(
                "Org1MSP", Policy.parse("OR('Org1MSP.member')"),
                "Org2MSP", Policy.parse("OR('Org2MSP.member')")));
    }

    static synchronized Fixtures get() {
        if (instance == null) {
            instance = new Fixtures();
        }
        return instance;
    }

    static CertificateAuthority ca(String mspId) {
        return CertificateAuthority.create(CaConfig.defaults(mspId), DeterministicRandom.fromSeed(1, "ca/" + mspId),
                Crypto.ecdsa());
    }

    static String ordererName(int i) {
        return "orderer" + i + ".orderermsp";
    }

    /** A valid endorser transaction by {@code client}, endorsed by a peer of its org; {@code tag} makes it unique. */
    Envelope tx(String channel, Identity client, String tag) {
        Identity peer = client.mspId().equals("Org2MSP") ? peer2 : peer1;
        ProposalRequest request = new ProposalRequest(channel, "basic", "put", List.of(Bytes.utf8(tag)), new TreeMap<>(),
                Hashes.sha256(Bytes.utf8("nonce/" + channel + "/" + tag)), Timestamp.of(NOW));
        Transactions.SignedProposalEnvelope proposal = Transactions.propose(request, client);
        ProposalResponse response = Transactions.endorse(proposal.proposal(), TxReadWriteSet.EMPTY, null,
                Response.ok(Bytes.utf8(tag)), "1.0", peer, Timestamp.of(NOW));
        return Transactions.assemble(proposal.proposal(), List.of(response), client);
    }

    /** A valid transaction by client1. */
    Envelope tx(String channel, String tag) {
        return tx(channel, client1, tag);
    }

    /** A CONFIG envelope signed by {@code signer} (its data is opaque to the orderer). */
    Envelope config(String channel, Identity signer, String tag) {
        return signed(new ChannelHeader(HeaderType.CONFIG.number(), 0, Timestamp.of(NOW), channel, "", 0, null), signer,
                Bytes.utf8("config:" + tag));
    }

    /** An envelope with the given channel header, signed by {@code signer}. */
    static Envelope signed(ChannelHeader chdr, Identity signer, Bytes data) {
        SignatureHeader shdr = new SignatureHeader(Bytes.wrap(signer.serialize()),
                Hashes.sha256(Bytes.utf8("nonce/" + data.toHex())));
        Bytes payload = ProtoCodec.encode(new Payload(new Header(chdr, shdr), data));
        return new Envelope(payload, Bytes.wrap(signer.sign(payload.unsafeArray())));
    }

    /** A genesis block for {@code channel}: one CONFIG envelope, signed by orderer 0. */
    ProtocolBlock genesis(String channel) {
        return OrdererBlocks.create(0, Bytes.EMPTY, List.of(config(channel, admin1, "genesis")), 0, Bytes.EMPTY,
                orderers.get(0), Bytes.utf8("genesis-nonce"));
    }
}
