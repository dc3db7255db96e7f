package dev.ledgersim.ledger.codec;

import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.BlockMetadataSignature;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.Header;
import dev.ledgersim.ledger.protocol.Payload;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.protocol.Timestamp;

/** The messages of {@code fabric-protos common/common.proto} and {@code google.protobuf.Timestamp}. */
final class CommonProtos {
    private CommonProtos() {
    }

    // Envelope{payload=1, signature=2}
    static void write(WireWriter w, Envelope e) {
        w.bytes(1, e.payload());
        w.bytes(2, e.signature());
    }

    static Envelope readEnvelope(WireReader r) {
        return new Envelope(r.bytes(1), r.bytes(2));
    }

    // Payload{header=1 Header, data=2}
    static void write(WireWriter w, Payload p) {
        w.message(1, () -> write(w, p.header()));
        w.bytes(2, p.data());
    }

    static Payload readPayload(WireReader r) {
        return new Payload(r.requiredMessage(1, "Header", CommonProtos::readHeader), r.bytes(2));
    }

    static void write(WireWriter w, ProtoCodec.PayloadParts p) {
        w.message(1, () -> {
            w.bytes(1, p.channelHeader());
            w.bytes(2, p.signatureHeader());
        });
        w.bytes(2, p.data());
    }

    static ProtoCodec.PayloadParts readPayloadParts(WireReader r) {
        Bytes[] header = r.requiredMessage(1, "Header", h -> new Bytes[] {h.bytes(1), h.bytes(2)});
        return new ProtoCodec.PayloadParts(header[0], header[1], r.bytes(2));
    }

    // Header{channel_header=1 bytes(ChannelHeader), signature_header=2 bytes(SignatureHeader)}
    static void write(WireWriter w, Header h) {
        w.bytesOf(1, () -> write(w, h.channelHeader()));
        w.bytesOf(2, () -> write(w, h.signatureHeader()));
    }

    static Header readHeader(WireReader r) {
        return new Header(r.bytesOf(1, "ChannelHeader", CommonProtos::readChannelHeader),
                r.bytesOf(2, "SignatureHeader", CommonProtos::readSignatureHeader));
    }

    // ChannelHeader{type=1 int32, version=2 int32, timestamp=3, channel_id=4, tx_id=5, epoch=6 uint64,
    //               extension=7 bytes(ChaincodeHeaderExtension{chaincode_id=2}), tls_cert_hash=8 (unsupported)}
    static void write(WireWriter w, ChannelHeader h) {
        w.int32(1, h.type());
        w.int32(2, h.version());
        if (h.timestamp() != null) {
            w.message(3, () -> write(w, h.timestamp()));
        }
        w.string(4, h.channelId());
        w.string(5, h.txId());
        w.uint64(6, h.epoch());
        if (h.chaincodeId() != null) {
            w.bytesOf(7, () -> w.message(2, () -> PeerProtos.write(w, h.chaincodeId())));
        }
    }

    static ChannelHeader readChannelHeader(WireReader r) {
        return new ChannelHeader(r.int32(1), r.int32(2), r.message(3, "Timestamp", CommonProtos::readTimestamp),
                r.string(4), r.string(5), r.uint64(6),
                r.optionalBytesOf(7, "ChaincodeHeaderExtension",
                        x -> x.requiredMessage(2, "ChaincodeID", PeerProtos::readChaincodeId)));
    }

    // google.protobuf.Timestamp{seconds=1 int64, nanos=2 int32}
    static void write(WireWriter w, Timestamp t) {
        w.uint64(1, t.seconds());
        w.int32(2, t.nanos());
    }

    static Timestamp readTimestamp(WireReader r) {
        return new Timestamp(r.uint64(1), r.int32(2));
    }

    // SignatureHeader{creator=1, nonce=2}
    static void write(WireWriter w, SignatureHeader h) {
        w.bytes(1, h.creator());
        w.bytes(2, h.nonce());
    }

    static SignatureHeader readSignatureHeader(WireReader r) {
        return new SignatureHeader(r.bytes(1), r.bytes(2));
    }

    // BlockHeader{number=1 uint64, previous_hash=2, data_hash=3}
    static void write(WireWriter w, BlockHeader h) {
        w.uint64(1, h.number());
        w.bytes(2, h.previousHash());
        w.bytes(3, h.dataHash());
    }

    static BlockHeader readBlockHeader(WireReader r) {
        return new BlockHeader(r.uint64(1), r.bytes(2), r.bytes(3));
    }

    // Block{header=1, data=2 BlockData{data=1 repeated bytes}, metadata=3 BlockMetadata{metadata=1 repeated bytes}}
    static void write(WireWriter w, ProtocolBlock b) {
        w.message(1, () -> write(w, b.header()));
        w.message(2, () -> b.data().forEach(d -> w.bytesAlways(1, d)));
        w.message(3, () -> b.metadata().forEach(m -> w.bytesAlways(1, m)));
    }

    static ProtocolBlock readBlock(WireReader r) {
        return new ProtocolBlock(r.requiredMessage(1, "BlockHeader", CommonProtos::readBlockHeader),
                r.requiredMessage(2, "BlockData", x -> x.repeatedBytes(1)),
                r.requiredMessage(3, "BlockMetadata", x -> x.repeatedBytes(1)));
    }

    // Metadata{value=1, signatures=2 repeated MetadataSignature}
    static void write(WireWriter w, BlockMetadataValue m) {
        w.bytes(1, m.value());
        m.signatures().forEach(s -> w.message(2, () -> write(w, s)));
    }

    static BlockMetadataValue readMetadata(WireReader r) {
        return new BlockMetadataValue(r.bytes(1),
                r.repeatedMessage(2, "MetadataSignature", CommonProtos::readMetadataSignature));
    }

    // MetadataSignature{signature_header=1, signature=2}
    static void write(WireWriter w, BlockMetadataSignature s) {
        w.bytes(1, s.signatureHeader());
        w.bytes(2, s.signature());
    }

    static BlockMetadataSignature readMetadataSignature(WireReader r) {
        return new BlockMetadataSignature(r.bytes(1), r.bytes(2));
    }

    // OrdererBlockMetadata{last_config=1 LastConfig, consenter_metadata=2}
    static void write(WireWriter w, OrdererBlockMetadata m) {
        w.message(1, () -> writeLastConfig(w, m.lastConfigIndex()));
        w.bytes(2, m.consenterMetadata());
    }

    static OrdererBlockMetadata readOrdererBlockMetadata(WireReader r) {
        long index = r.requiredMessage(1, "LastConfig", CommonProtos::readLastConfig);
        Bytes consenter = r.bytes(2);
        return new OrdererBlockMetadata(index, consenter);
    }

    // LastConfig{index=1 uint64}
    static void writeLastConfig(WireWriter w, long index) {
        w.uint64(1, index);
    }

    static Long readLastConfig(WireReader r) {
        return r.uint64(1);
    }
}
