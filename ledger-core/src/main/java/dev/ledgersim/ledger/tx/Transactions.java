package dev.ledgersim.ledger.tx;

import com.google.common.collect.MapMaker;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeAction;
import dev.ledgersim.ledger.protocol.ChaincodeActionPayload;
import dev.ledgersim.ledger.protocol.ChaincodeEndorsedAction;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.ChaincodeId;
import dev.ledgersim.ledger.protocol.ChaincodeInput;
import dev.ledgersim.ledger.protocol.ChaincodeProposalPayload;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.Endorsement;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.Header;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.Payload;
import dev.ledgersim.ledger.protocol.Proposal;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.ProposalResponsePayload;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.protocol.SignedProposal;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.Transaction;
import dev.ledgersim.ledger.protocol.TransactionAction;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.msp.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentMap;

/**
 * The three signing steps of Fabric's transaction flow, with exactly Fabric's bytes:
 * <ol>
 *   <li>{@link #propose}: the client builds the proposal (txid = hex(SHA-256(nonce || creator))) and
 *       signs its bytes (FABRIC.md §3.1);</li>
 *   <li>{@link #endorse}: an endorser wraps its simulation results in a proposal response payload whose
 *       proposal hash excludes the transient map, and signs {@code prpBytes || endorserIdentity}
 *       (§3.3); a status of 400 or more gets no endorsement;</li>
 *   <li>{@link #assemble}: the client checks the responses (successful, byte-identical payloads),
 *       de-duplicates endorsers and signs the envelope (§3.4, {@code CreateSignedTx}).</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class Transactions {

    /**
     * Each signer's serialized identity, by identity object, held weakly: an identity is immutable, and a
     * client or peer puts the same kilobyte of certificate into every proposal, endorsement and envelope.
     */
    private static final ConcurrentMap<Identity, Bytes> SERIALIZED = new MapMaker().weakKeys().makeMap();

    private Transactions() {
    }

    /** {@code identity}'s serialized form, made once per identity object; read-only. */
    private static Bytes serialized(Identity identity) {
        return SERIALIZED.computeIfAbsent(identity, id -> Bytes.wrap(id.serialize()));
    }

    /** A proposal with its txid, decoded and as signed. */
    public record SignedProposalEnvelope(String txId, Proposal proposal, SignedProposal signed) {
    }

    /** Builds and signs the proposal of {@code request} on behalf of {@code creator}. */
    public static SignedProposalEnvelope propose(ProposalRequest request, Identity creator) {
        Bytes creatorBytes = serialized(creator);
        String txId = Hashes.txId(request.nonce(), creatorBytes);
        ChaincodeId chaincode = new ChaincodeId(request.chaincode(), "");
        ChannelHeader chdr = new ChannelHeader(HeaderType.ENDORSER_TRANSACTION.number(), 0, request.timestamp(),
                request.channelId(), txId, 0, chaincode);
        SignatureHeader shdr = new SignatureHeader(creatorBytes, request.nonce());
        List<Bytes> args = new ArrayList<>(request.args().size() + 1);
        args.add(Bytes.utf8(request.function()));
        args.addAll(request.args());
        ChaincodeProposalPayload payload = new ChaincodeProposalPayload(chaincode, new ChaincodeInput(args, false),
                request.transientMap());
        Proposal proposal = new Proposal(new Header(chdr, shdr), payload);
        Bytes proposalBytes = ProtoCodec.encode(proposal);
        return new SignedProposalEnvelope(txId, proposal,
                new SignedProposal(proposalBytes, Bytes.wrap(creator.sign(proposalBytes.unsafeArray()))));
    }

    /**
     * The response of {@code endorser} to {@code proposal} after a simulation that produced
     * {@code rwset}, {@code event} (or null) and {@code response}; endorsed (signed) only when the
     * status is below 400.
     *
     * @param chaincodeVersion the version of the committed chaincode definition
     */
    public static ProposalResponse endorse(Proposal proposal, TxReadWriteSet rwset, ChaincodeEvent event,
                                           Response response, String chaincodeVersion, Identity endorser,
                                           Timestamp now) {
        Header header = proposal.header();
        Bytes proposalHash = Hashes.proposalHash(header.channelHeader(), header.signatureHeader(), proposal.payload());
        ChaincodeAction action = new ChaincodeAction(rwset, event, response,
                new ChaincodeId(proposal.payload().chaincodeId().name(), chaincodeVersion));
        Bytes prpBytes = ProtoCodec.encode(new ProposalResponsePayload(proposalHash, action));
        Endorsement endorsement = null;
        if (response.status() < Response.ERROR_THRESHOLD) {
            Bytes endorserBytes = serialized(endorser);
            endorsement = new Endorsement(endorserBytes, Bytes.wrap(endorser.sign(Bytes.concat(prpBytes, endorserBytes).unsafeArray())));
        }
        return new ProposalResponse(1, now, response, prpBytes, endorsement);
    }

    /**
     * The signed transaction envelope for {@code proposal} and its endorsements.
     *
     * @throws IllegalArgumentException when there are no responses, a response failed (status outside
     *     200..399) or lacks an endorsement, the payloads differ (the endorsers disagreed), or the signer
     *     is not the proposal's creator
     */
    public static Envelope assemble(Proposal proposal, List<ProposalResponse> responses, Identity signer) {
        if (responses.isEmpty()) {
            throw new IllegalArgumentException("at least one proposal response is needed to build a transaction");
        }
        SignatureHeader shdr = proposal.header().signatureHeader();
        if (!shdr.creator().equals(serialized(signer))) {
            throw new IllegalArgumentException("the transaction must be signed by the proposal's creator, not " + signer);
        }
        Bytes payloadBytes = responses.get(0).payload();
        List<Endorsement> endorsements = new ArrayList<>(responses.size());
        for (int i = 0; i < responses.size(); i++) {
            ProposalResponse r = responses.get(i);
            if (r.response().status() < Response.OK || r.response().status() >= Response.ERROR_THRESHOLD) {
                throw new IllegalArgumentException("proposal response " + i + " failed with status " + r.response().status()
                        + ": " + r.response().message());
            }
            if (r.endorsement() == null) {
                throw new IllegalArgumentException("proposal response " + i + " carries no endorsement");
            }
            if (!r.payload().equals(payloadBytes)) {
                throw new IllegalArgumentException("proposal response " + i + " differs from response 0: the endorsers "
                        + "disagree on the result (non-deterministic contract or different state)");
            }
            if (!endorsedBy(endorsements, r.endorsement().endorser())) {
                endorsements.add(r.endorsement());
            }
        }
        ChaincodeActionPayload actionPayload = new ChaincodeActionPayload(proposal.payload().withoutTransient(),
                new ChaincodeEndorsedAction(payloadBytes, endorsements));
        Transaction transaction = new Transaction(List.of(new TransactionAction(shdr, actionPayload)));
        Bytes payload = ProtoCodec.encode(new Payload(proposal.header(), ProtoCodec.encode(transaction)));
        return new Envelope(payload, Bytes.wrap(signer.sign(payload.unsafeArray())));
    }

    /**
     * Whether {@code signature} is {@code signer}'s valid signature over {@code signed}, read in place: a
     * decoded payload or proposal is a view of its envelope, and is not copied to be checked.
     */
    public static boolean signatureVerifies(Identity signer, Bytes signed, Bytes signature) {
        return signer.verify(signed.unsafeBackingArray(), signed.backingOffset(), signed.size(), signature.unsafeArray());
    }

    /**
     * Whether {@code endorsement} carries {@code endorser}'s valid signature over the response payload
     * {@code prpBytes} followed by the endorser's serialized identity, as Fabric checks it; both read in place.
     */
    public static boolean endorsementVerifies(Identity endorser, Bytes prpBytes, Endorsement endorsement) {
        Bytes who = endorsement.endorser();
        return endorser.verify(prpBytes.unsafeBackingArray(), prpBytes.backingOffset(), prpBytes.size(),
                who.unsafeBackingArray(), who.backingOffset(), who.size(), endorsement.signature().unsafeArray());
    }

    /** Whether one of {@code endorsements} (a handful) is by {@code endorser}; no hashing of certificates. */
    private static boolean endorsedBy(List<Endorsement> endorsements, Bytes endorser) {
        for (Endorsement e : endorsements) {
            if (e.endorser().equals(endorser)) {
                return true;
            }
        }
        return false;
    }
}
