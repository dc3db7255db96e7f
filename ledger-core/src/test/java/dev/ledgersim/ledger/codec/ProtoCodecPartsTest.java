package dev.ledgersim.ledger.codec;

import static dev.ledgersim.ledger.codec.ProtoCodecGoldenTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeAction;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.ChaincodeId;
import dev.ledgersim.ledger.protocol.Payload;
import dev.ledgersim.ledger.protocol.ProposalResponsePayload;
import dev.ledgersim.ledger.protocol.Response;
import org.junit.jupiter.api.Test;

/** The one-level decoders give the exact nested bytes that the full decoders read. */
class ProtoCodecPartsTest {

    @Test
    void payloadPartsHoldTheEncodedHeadersAndData() {
        Gen g = new Gen(7);
        for (int i = 0; i < 200; i++) {
            Payload p = g.payload();
            ProtoCodec.PayloadParts parts = ProtoCodec.decodePayloadParts(ProtoCodec.encode(p));
            assertEquals(ProtoCodec.encode(p.header().channelHeader()), parts.channelHeader());
            assertEquals(ProtoCodec.encode(p.header().signatureHeader()), parts.signatureHeader());
            assertEquals(p.data(), parts.data());
            assertEquals(ProtoCodec.encode(p), ProtoCodec.encode(parts));
        }
    }

    @Test
    void proposalResponsePayloadAndChaincodeActionParts() {
        Gen g = new Gen(8);
        for (int i = 0; i < 200; i++) {
            ProposalResponsePayload prp = g.proposalResponsePayload();
            ProtoCodec.ProposalResponsePayloadParts parts = ProtoCodec.decodeProposalResponsePayloadParts(ProtoCodec.encode(prp));
            assertEquals(prp.proposalHash(), parts.proposalHash());
            assertEquals(ProtoCodec.encode(prp.extension()), parts.extension());
            ChaincodeAction a = prp.extension();
            ProtoCodec.ChaincodeActionParts ap = ProtoCodec.decodeChaincodeActionParts(parts.extension());
            assertEquals(ProtoCodec.encode(a.results()), ap.results());
            assertEquals(a.event() == null ? Bytes.EMPTY : ProtoCodec.encode(a.event()), ap.events());
            assertEquals(a.response(), ap.response());
            assertEquals(a.chaincodeId(), ap.chaincodeId());
        }
    }

    @Test
    void chaincodeActionPartsAcceptWhatTheFullRecordCannotHold() {
        ProtoCodec.ChaincodeActionParts bare = ProtoCodec.decodeChaincodeActionParts(hex("0a 01 01"));
        assertNull(bare.response());
        assertNull(bare.chaincodeId());
        assertEquals(hex("01"), bare.results());
        assertThrows(CodecException.class, () -> ProtoCodec.decodeChaincodeAction(hex("0a 01 01")));
        ChaincodeEvent event = new ChaincodeEvent("cc", "tx", "e", Bytes.EMPTY);
        ChaincodeAction full = new ChaincodeAction(dev.ledgersim.ledger.protocol.TxReadWriteSet.EMPTY, event,
                Response.ok(Bytes.EMPTY), new ChaincodeId("cc", "1"));
        assertEquals(ProtoCodec.encode(event), ProtoCodec.decodeChaincodeActionParts(ProtoCodec.encode(full)).events());
    }

    @Test
    void payloadPartsRequireTheHeader() {
        CodecException e = assertThrows(CodecException.class, () -> ProtoCodec.decodePayloadParts(hex("12 01 aa")));
        assertEquals("Payload: field 1 (Header) is missing", e.getMessage());
        assertEquals(new ProtoCodec.PayloadParts(Bytes.EMPTY, Bytes.EMPTY, hex("aa")), ProtoCodec.decodePayloadParts(hex("0a 00 12 01 aa")));
    }
}
