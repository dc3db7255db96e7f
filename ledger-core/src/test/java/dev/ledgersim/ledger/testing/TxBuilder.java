package dev.ledgersim.ledger.testing;

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
import dev.ledgersim.ledger.protocol.ProposalResponsePayload;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.Transaction;
import dev.ledgersim.ledger.protocol.TransactionAction;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Builds a signed endorser-transaction envelope exactly as a client assembles one (FABRIC.md §3.4), with
 * knobs to break each part for the validation tests. Defaults give a valid transaction.
 */
public final class TxBuilder {

    private final String label;
    private Identity creator;
    private String channel = LedgerFixture.CHANNEL;
    private String chaincode = "mycc";
    private String actionChaincode;
    private String actionVersion = "1.0";
    private TxReadWriteSet rwset = TxReadWriteSet.EMPTY;
    private List<Identity> endorsers = new ArrayList<>();
    private ChaincodeEvent event;
    private Bytes nonce;
    private String txIdOverride;
    private int headerType = HeaderType.ENDORSER_TRANSACTION.number();
    private long epoch;
    private Identity envelopeSigner;
    private boolean tamperProposalHash;
    private boolean tamperEndorsementSignature;
    private UnaryOperator<Bytes> payloadDataOverride = d -> d;
    private UnaryOperator<Bytes> prpExtensionOverride;

    TxBuilder(String label, Identity creator) {
        this.label = label;
        this.creator = creator;
        this.nonce = nonce(label);
    }

    private static Bytes nonce(String label) {
        byte[] n = new byte[24];
        DeterministicRandom.fromSeed(99, "nonce/" + label).nextBytes(n);
        return Bytes.wrap(n);
    }

    public TxBuilder rwset(TxReadWriteSet value) { this.rwset = value; return this; }
    public TxBuilder endorsedBy(Identity... ids) { this.endorsers = new ArrayList<>(List.of(ids)); return this; }
    public TxBuilder chaincode(String name) { this.chaincode = name; return this; }
    public TxBuilder actionChaincode(String name, String version) { this.actionChaincode = name; this.actionVersion = version; return this; }
    public TxBuilder channel(String name) { this.channel = name; return this; }
    public TxBuilder event(ChaincodeEvent value) { this.event = value; return this; }
    public TxBuilder nonce(Bytes value) { this.nonce = value; return this; }
    public TxBuilder sameNonceAs(String otherLabel) { this.nonce = nonce(otherLabel); return this; }
    public TxBuilder txId(String value) { this.txIdOverride = value; return this; }
    public TxBuilder headerType(int value) { this.headerType = value; return this; }
    public TxBuilder epoch(long value) { this.epoch = value; return this; }
    public TxBuilder envelopeSignedBy(Identity id) { this.envelopeSigner = id; return this; }
    public TxBuilder creator(Identity id) { this.creator = id; return this; }
    public TxBuilder tamperProposalHash() { this.tamperProposalHash = true; return this; }
    public TxBuilder tamperEndorsementSignature() { this.tamperEndorsementSignature = true; return this; }
    public TxBuilder payloadData(UnaryOperator<Bytes> f) { this.payloadDataOverride = f; return this; }
    public TxBuilder prpExtension(UnaryOperator<Bytes> f) { this.prpExtensionOverride = f; return this; }

    /** The txid this transaction carries. */
    public String txId() {
        return txIdOverride != null ? txIdOverride : Hashes.txId(nonce, Bytes.wrap(creator.serialize()));
    }

    /** The signed envelope bytes. */
    public Bytes build() {
        Bytes creatorBytes = Bytes.wrap(creator.serialize());
        ChannelHeader chdr = new ChannelHeader(headerType, 0, new Timestamp(1_735_689_600L + label.length(), 0), channel,
                txId(), epoch, new ChaincodeId(chaincode, ""));
        SignatureHeader shdr = new SignatureHeader(creatorBytes, nonce);
        ChaincodeProposalPayload ccpp = new ChaincodeProposalPayload(new ChaincodeId(chaincode, ""),
                new ChaincodeInput(List.of(Bytes.utf8("invoke"), Bytes.utf8(label)), false), new TreeMap<>());
        Bytes proposalHash = Hashes.proposalHash(chdr, shdr, ccpp);
        if (tamperProposalHash) {
            proposalHash = Hashes.sha256(proposalHash);
        }
        ChaincodeAction action = new ChaincodeAction(rwset, event, Response.ok(Bytes.utf8("ok")),
                new ChaincodeId(actionChaincode != null ? actionChaincode : chaincode, actionVersion));
        Bytes prpBytes;
        if (prpExtensionOverride != null) {
            prpBytes = ProtoCodec.encode(new ProtoCodec.ProposalResponsePayloadParts(proposalHash,
                    prpExtensionOverride.apply(ProtoCodec.encode(action))));
        } else {
            prpBytes = ProtoCodec.encode(new ProposalResponsePayload(proposalHash, action));
        }
        List<Endorsement> endorsements = new ArrayList<>();
        for (Identity endorser : endorsers) {
            Bytes endorserBytes = Bytes.wrap(endorser.serialize());
            byte[] signed = Bytes.concat(prpBytes, endorserBytes).unsafeArray();
            if (tamperEndorsementSignature) {
                signed = Bytes.concat(Bytes.utf8("not the payload"), endorserBytes).unsafeArray();
            }
            endorsements.add(new Endorsement(endorserBytes, Bytes.wrap(endorser.sign(signed))));
        }
        ChaincodeActionPayload cap = new ChaincodeActionPayload(ccpp.withoutTransient(),
                new ChaincodeEndorsedAction(prpBytes, endorsements));
        Bytes data = payloadDataOverride.apply(ProtoCodec.encode(new Transaction(List.of(new TransactionAction(shdr, cap)))));
        Bytes payloadBytes = ProtoCodec.encode(new Payload(new Header(chdr, shdr), data));
        Identity signer = envelopeSigner != null ? envelopeSigner : creator;
        return ProtoCodec.encode(new Envelope(payloadBytes, Bytes.wrap(signer.sign(payloadBytes.unsafeArray()))));
    }
}
