package dev.ledgersim.ledger.codec;

import dev.ledgersim.ledger.protocol.KeyOrder;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeAction;
import dev.ledgersim.ledger.protocol.ChaincodeActionPayload;
import dev.ledgersim.ledger.protocol.ChaincodeEndorsedAction;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.ChaincodeId;
import dev.ledgersim.ledger.protocol.ChaincodeInput;
import dev.ledgersim.ledger.protocol.ChaincodeProposalPayload;
import dev.ledgersim.ledger.protocol.Endorsement;
import dev.ledgersim.ledger.protocol.Proposal;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.ProposalResponsePayload;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.SignedProposal;
import dev.ledgersim.ledger.protocol.Transaction;
import dev.ledgersim.ledger.protocol.TransactionAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The messages of {@code fabric-protos peer/*.proto} that LedgerSim uses. */
final class PeerProtos {
    /**
     * Go orders map keys by their bytes, i.e. UTF-8 order, which is code point order; Java's natural
     * String order (UTF-16 units) differs for supplementary characters, so it is not used for bytes.
     */
    static final Comparator<String> UTF8_ORDER = KeyOrder.UTF8;

    private PeerProtos() {
    }

    // ChaincodeID{path=1 (unused, never written), name=2, version=3}
    static void write(WireWriter w, ChaincodeId id) {
        w.string(2, id.name());
        w.string(3, id.version());
    }

    static ChaincodeId readChaincodeId(WireReader r) {
        return new ChaincodeId(r.string(2), r.string(3));
    }

    // ChaincodeInput{args=1 repeated bytes, decorations=2 (unsupported), is_init=3}
    static void write(WireWriter w, ChaincodeInput in) {
        in.args().forEach(a -> w.bytesAlways(1, a));
        w.bool(3, in.isInit());
    }

    static ChaincodeInput readChaincodeInput(WireReader r) {
        return new ChaincodeInput(r.repeatedBytes(1), r.bool(3));
    }

    /** ChaincodeSpec{type=1 (never written), chaincode_id=2, input=3, timeout=4 (unsupported)}. */
    private record Spec(ChaincodeId chaincodeId, ChaincodeInput input) {
    }

    // ChaincodeProposalPayload{input=1 bytes(ChaincodeInvocationSpec{chaincode_spec=1 ChaincodeSpec}),
    //                          TransientMap=2 map<string,bytes>}
    static void write(WireWriter w, ChaincodeProposalPayload p) {
        w.bytesOf(1, () -> w.message(1, () -> {
            w.message(2, () -> write(w, p.chaincodeId()));
            w.message(3, () -> write(w, p.input()));
        }));
        List<Map.Entry<String, Bytes>> entries = new ArrayList<>(p.transientMap().entrySet());
        entries.sort(Map.Entry.comparingByKey(UTF8_ORDER));
        for (Map.Entry<String, Bytes> e : entries) {
            w.message(2, () -> {
                w.stringAlways(1, e.getKey());
                w.bytesAlways(2, e.getValue());
            });
        }
    }

    static ChaincodeProposalPayload readChaincodeProposalPayload(WireReader r) {
        Spec spec = r.bytesOf(1, "ChaincodeInvocationSpec", x -> x.requiredMessage(1, "ChaincodeSpec",
                s -> new Spec(s.requiredMessage(2, "ChaincodeID", PeerProtos::readChaincodeId),
                        s.requiredMessage(3, "ChaincodeInput", PeerProtos::readChaincodeInput))));
        TreeMap<String, Bytes> transientMap = new TreeMap<>();
        String previous = null;
        while (r.peek() == 2) {
            Map.Entry<String, Bytes> e = r.message(2, "TransientMapEntry",
                    x -> Map.entry(x.requiredString(1, "key"), x.requiredBytes(2, "value")));
            if (previous != null && KeyOrder.compare(previous, e.getKey()) >= 0) {
                throw r.error("transient map key \"" + e.getKey() + "\" after \"" + previous
                        + "\": keys must be unique and in ascending order");
            }
            previous = e.getKey();
            transientMap.put(e.getKey(), e.getValue());
        }
        return new ChaincodeProposalPayload(spec.chaincodeId(), spec.input(), transientMap);
    }

    // Proposal{header=1 bytes(Header), payload=2 bytes(ChaincodeProposalPayload), extension=3 (unsupported)}
    static void write(WireWriter w, Proposal p) {
        w.bytesOf(1, () -> CommonProtos.write(w, p.header()));
        w.bytesOf(2, () -> write(w, p.payload()));
    }

    static Proposal readProposal(WireReader r) {
        return new Proposal(r.bytesOf(1, "Header", CommonProtos::readHeader),
                r.bytesOf(2, "ChaincodeProposalPayload", PeerProtos::readChaincodeProposalPayload));
    }

    // SignedProposal{proposal_bytes=1, signature=2}
    static void write(WireWriter w, SignedProposal p) {
        w.bytes(1, p.proposalBytes());
        w.bytes(2, p.signature());
    }

    static SignedProposal readSignedProposal(WireReader r) {
        return new SignedProposal(r.bytes(1), r.bytes(2));
    }

    // Response{status=1 int32, message=2, payload=3}
    static void write(WireWriter w, Response resp) {
        w.int32(1, resp.status());
        w.string(2, resp.message());
        w.bytes(3, resp.payload());
    }

    static Response readResponse(WireReader r) {
        return new Response(r.int32(1), r.string(2), r.bytes(3));
    }

    // ProposalResponsePayload{proposal_hash=1, extension=2 bytes(ChaincodeAction)}
    static void write(WireWriter w, ProposalResponsePayload p) {
        w.bytes(1, p.proposalHash());
        w.bytesOf(2, () -> write(w, p.extension()));
    }

    static ProposalResponsePayload readProposalResponsePayload(WireReader r) {
        return new ProposalResponsePayload(r.bytes(1), r.bytesOf(2, "ChaincodeAction", PeerProtos::readChaincodeAction));
    }

    static void write(WireWriter w, ProtoCodec.ProposalResponsePayloadParts p) {
        w.bytes(1, p.proposalHash());
        w.bytes(2, p.extension());
    }

    static ProtoCodec.ProposalResponsePayloadParts readProposalResponsePayloadParts(WireReader r) {
        return new ProtoCodec.ProposalResponsePayloadParts(r.bytes(1), r.bytes(2));
    }

    static void write(WireWriter w, ProtoCodec.ChaincodeActionParts a) {
        w.bytes(1, a.results());
        w.bytes(2, a.events());
        if (a.response() != null) {
            w.message(3, () -> write(w, a.response()));
        }
        if (a.chaincodeId() != null) {
            w.message(4, () -> write(w, a.chaincodeId()));
        }
    }

    static ProtoCodec.ChaincodeActionParts readChaincodeActionParts(WireReader r) {
        return new ProtoCodec.ChaincodeActionParts(r.bytes(1), r.bytes(2),
                r.message(3, "Response", PeerProtos::readResponse), r.message(4, "ChaincodeID", PeerProtos::readChaincodeId));
    }

    // ChaincodeAction{results=1 bytes(TxReadWriteSet), events=2 bytes(ChaincodeEvent), response=3, chaincode_id=4}
    static void write(WireWriter w, ChaincodeAction a) {
        w.bytesOf(1, () -> RwSetProtos.write(w, a.results()));
        ChaincodeEvent event = a.event();
        if (event != null) {
            if (event.chaincodeId().isEmpty() && event.txId().isEmpty() && event.eventName().isEmpty()
                    && event.payload().isEmpty()) {
                throw new CodecException("ChaincodeAction: an all-default ChaincodeEvent encodes to no bytes and"
                        + " would decode as no event (Fabric's shim refuses empty event names)");
            }
            w.bytesOf(2, () -> write(w, event));
        }
        w.message(3, () -> write(w, a.response()));
        w.message(4, () -> write(w, a.chaincodeId()));
    }

    static ChaincodeAction readChaincodeAction(WireReader r) {
        return new ChaincodeAction(r.bytesOf(1, "TxReadWriteSet", RwSetProtos::readTxReadWriteSet),
                r.optionalBytesOf(2, "ChaincodeEvent", PeerProtos::readChaincodeEvent),
                r.requiredMessage(3, "Response", PeerProtos::readResponse),
                r.requiredMessage(4, "ChaincodeID", PeerProtos::readChaincodeId));
    }

    // ChaincodeEvent{chaincode_id=1 string, tx_id=2, event_name=3, payload=4}
    static void write(WireWriter w, ChaincodeEvent e) {
        w.string(1, e.chaincodeId());
        w.string(2, e.txId());
        w.string(3, e.eventName());
        w.bytes(4, e.payload());
    }

    static ChaincodeEvent readChaincodeEvent(WireReader r) {
        return new ChaincodeEvent(r.string(1), r.string(2), r.string(3), r.bytes(4));
    }

    // Endorsement{endorser=1, signature=2}
    static void write(WireWriter w, Endorsement e) {
        w.bytes(1, e.endorser());
        w.bytes(2, e.signature());
    }

    static Endorsement readEndorsement(WireReader r) {
        return new Endorsement(r.bytes(1), r.bytes(2));
    }

    // ProposalResponse{version=1 int32, timestamp=2, response=4, payload=5, endorsement=6}
    static void write(WireWriter w, ProposalResponse p) {
        w.int32(1, p.version());
        if (p.timestamp() != null) {
            w.message(2, () -> CommonProtos.write(w, p.timestamp()));
        }
        w.message(4, () -> write(w, p.response()));
        w.bytes(5, p.payload());
        if (p.endorsement() != null) {
            w.message(6, () -> write(w, p.endorsement()));
        }
    }

    static ProposalResponse readProposalResponse(WireReader r) {
        return new ProposalResponse(r.int32(1), r.message(2, "Timestamp", CommonProtos::readTimestamp),
                r.requiredMessage(4, "Response", PeerProtos::readResponse), r.bytes(5),
                r.message(6, "Endorsement", PeerProtos::readEndorsement));
    }

    // Transaction{actions=1 repeated TransactionAction}
    static void write(WireWriter w, Transaction t) {
        t.actions().forEach(a -> w.message(1, () -> write(w, a)));
    }

    static Transaction readTransaction(WireReader r) {
        return new Transaction(r.repeatedMessage(1, "TransactionAction", PeerProtos::readTransactionAction));
    }

    // TransactionAction{header=1 bytes(SignatureHeader), payload=2 bytes(ChaincodeActionPayload)}
    static void write(WireWriter w, TransactionAction a) {
        w.bytesOf(1, () -> CommonProtos.write(w, a.header()));
        w.bytesOf(2, () -> write(w, a.payload()));
    }

    static TransactionAction readTransactionAction(WireReader r) {
        return new TransactionAction(r.bytesOf(1, "SignatureHeader", CommonProtos::readSignatureHeader),
                r.bytesOf(2, "ChaincodeActionPayload", PeerProtos::readChaincodeActionPayload));
    }

    // ChaincodeActionPayload{chaincode_proposal_payload=1 bytes(ChaincodeProposalPayload), action=2}
    static void write(WireWriter w, ChaincodeActionPayload p) {
        w.bytesOf(1, () -> write(w, p.chaincodeProposalPayload()));
        w.message(2, () -> write(w, p.action()));
    }

    static ChaincodeActionPayload readChaincodeActionPayload(WireReader r) {
        return new ChaincodeActionPayload(
                r.bytesOf(1, "ChaincodeProposalPayload", PeerProtos::readChaincodeProposalPayload),
                r.requiredMessage(2, "ChaincodeEndorsedAction", PeerProtos::readChaincodeEndorsedAction));
    }

    // ChaincodeEndorsedAction{proposal_response_payload=1, endorsements=2 repeated Endorsement}
    static void write(WireWriter w, ChaincodeEndorsedAction a) {
        w.bytes(1, a.proposalResponsePayload());
        a.endorsements().forEach(e -> w.message(2, () -> write(w, e)));
    }

    static ChaincodeEndorsedAction readChaincodeEndorsedAction(WireReader r) {
        return new ChaincodeEndorsedAction(r.bytes(1), r.repeatedMessage(2, "Endorsement", PeerProtos::readEndorsement));
    }
}
