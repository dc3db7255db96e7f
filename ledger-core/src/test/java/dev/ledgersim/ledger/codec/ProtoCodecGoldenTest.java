package dev.ledgersim.ledger.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.BlockMetadataSignature;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeAction;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.ChaincodeId;
import dev.ledgersim.ledger.protocol.ChaincodeInput;
import dev.ledgersim.ledger.protocol.ChaincodeProposalPayload;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.Header;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.KvMetadataWrite;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.KvWriteHash;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.Payload;
import dev.ledgersim.ledger.protocol.Proposal;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.QueryReadsMerkleSummary;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.protocol.Version;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes written out by hand from the protobuf wire rules (tag = field << 3 | wire type; varints
 * little-endian base 128; wire type 2 = length-delimited) and fabric-protos field numbers.
 */
class ProtoCodecGoldenTest {

    static Bytes hex(String spacedHex) {
        return Bytes.fromHex(spacedHex.replace(" ", ""));
    }

    private static final ChaincodeId CC = new ChaincodeId("cc", "1.0");

    @Test
    void version() {
        assertEquals(hex("08 01 10 02"), ProtoCodec.encode(new Version(1, 2)));
        assertEquals(Bytes.EMPTY, ProtoCodec.encode(new Version(0, 0)));
        // 300 = 0b10_0101100 -> ac 02
        assertEquals(hex("08 ac 02"), ProtoCodec.encode(new Version(300, 0)));
        assertEquals(hex("10 ff ff ff ff ff ff ff ff 7f"), ProtoCodec.encode(new Version(0, Long.MAX_VALUE)));
    }

    @Test
    void kvReadWithZeroVersionWritesTheEmptyMessageAndAbsentVersionWritesNothing() {
        assertEquals(hex("0a 01 61 12 00"), ProtoCodec.encode(new KvRead("a", new Version(0, 0))));
        assertEquals(hex("0a 01 61"), ProtoCodec.encode(new KvRead("a", null)));
        assertEquals(hex("0a 01 6b 12 05 08 ac 02 10 01"), ProtoCodec.encode(new KvRead("k", new Version(300, 1))));
        assertEquals(hex("0a 02 c3 a9"), ProtoCodec.encode(new KvRead("é", null)));
        assertEquals(new KvRead("a", new Version(0, 0)), ProtoCodec.decodeKvRead(hex("0a 01 61 12 00")));
        assertEquals(new KvRead("a", null), ProtoCodec.decodeKvRead(hex("0a 01 61")));
    }

    @Test
    void kvWrites() {
        assertEquals(hex("0a 01 6b 10 01"), ProtoCodec.encode(new KvWrite("k", true, Bytes.EMPTY)));
        assertEquals(hex("0a 01 6b 1a 01 76"), ProtoCodec.encode(new KvWrite("k", false, Bytes.utf8("v"))));
        assertEquals(hex("0a 01 aa 10 01 20 01"),
                ProtoCodec.encode(new KvWriteHash(hex("aa"), true, Bytes.EMPTY, true)));
        assertEquals(hex("0a 01 6b 12 03 0a 01 6e"),
                ProtoCodec.encode(new KvMetadataWrite("k", List.of(new KvMetadataEntry("n", Bytes.EMPTY)))));
    }

    @Test
    void lengthsAbove127TakeTwoVarintBytesAndNestedBodiesAreShifted() {
        String key = "x".repeat(130);
        Bytes read = ProtoCodec.encode(new KvRead(key, null));
        assertEquals("0a8201" + "78".repeat(130), read.toHex());
        KvRwSet set = new KvRwSet(List.of(new KvRead(key, null)), List.of(), List.of(), List.of());
        // KVRead is 133 bytes = 85 01
        assertEquals("0a8501" + read.toHex(), ProtoCodec.encode(set).toHex());
        String big = "y".repeat(20_000); // 20000 = 0x4e20 -> a0 9c 01
        Bytes bigRead = ProtoCodec.encode(new KvRead(big, new Version(1, 0)));
        assertEquals("0aa09c01", bigRead.toHex().substring(0, 8));
        assertEquals("12020801", bigRead.toHex().substring(bigRead.toHex().length() - 8));
        assertEquals(set, ProtoCodec.decodeKvRwSet(ProtoCodec.encode(set)));
    }

    @Test
    void envelope() {
        assertEquals(hex("0a 03 01 02 03 12 02 aa bb"), ProtoCodec.encode(new Envelope(hex("010203"), hex("aabb"))));
        assertEquals(Bytes.EMPTY, ProtoCodec.encode(new Envelope(Bytes.EMPTY, Bytes.EMPTY)));
        assertEquals(new Envelope(hex("010203"), hex("aabb")), ProtoCodec.decodeEnvelope(hex("0a 03 01 02 03 12 02 aa bb")));
    }

    @Test
    void channelHeaderWithTimestampNegativeInt32EmptyChannelAndExtension() {
        ChannelHeader h = new ChannelHeader(3, -1, new Timestamp(1_000_000, 5), "", "t1", 0, CC);
        Bytes expected = hex("08 03"                               // type = 3
                + " 10 ff ff ff ff ff ff ff ff ff 01"                // version = -1: ten-byte varint
                + " 1a 06 08 c0 84 3d 10 05"                         // timestamp {seconds 1000000, nanos 5}
                // channel_id "" omitted
                + " 2a 02 74 31"                                     // tx_id "t1"
                // epoch 0 omitted
                + " 3a 0b 12 09 12 02 63 63 1a 03 31 2e 30");        // extension = {chaincode_id = {name, version}}
        assertEquals(expected, ProtoCodec.encode(h));
        assertEquals(h, ProtoCodec.decodeChannelHeader(expected));
        ChannelHeader plain = new ChannelHeader(1, 0, null, "ch", "", 0, null);
        assertEquals(hex("08 01 22 02 63 68"), ProtoCodec.encode(plain));
        assertEquals(hex("08 01 1a 00 30 07"), ProtoCodec.encode(new ChannelHeader(1, 0, new Timestamp(0, 0), "", "", 7, null)));
    }

    @Test
    void headerAndPayloadNestEncodedHeadersAsBytes() {
        SignatureHeader sh = new SignatureHeader(hex("c1"), hex("71"));
        ChannelHeader ch = new ChannelHeader(3, 0, null, "c", "", 0, null);
        Header header = new Header(ch, sh);
        // channel header: 08 03 22 01 63 (5 bytes); signature header: 0a 01 c1 12 01 71 (6 bytes)
        assertEquals(hex("0a 05 08 03 22 01 63 12 06 0a 01 c1 12 01 71"), ProtoCodec.encode(header));
        assertEquals(hex("0a 00 12 01 dd"), ProtoCodec.encode(new Payload(
                new Header(new ChannelHeader(0, 0, null, "", "", 0, null), new SignatureHeader(Bytes.EMPTY, Bytes.EMPTY)),
                hex("dd"))));
        assertEquals(header, ProtoCodec.decodeHeader(ProtoCodec.encode(header)));
    }

    @Test
    void blockHeaderAndBlock() {
        assertEquals(hex("08 01 12 01 aa 1a 01 bb"), ProtoCodec.encode(new BlockHeader(1, hex("aa"), hex("bb"))));
        assertEquals(hex("08 ff ff ff ff ff ff ff ff ff 01"), ProtoCodec.encode(new BlockHeader(-1L, Bytes.EMPTY, Bytes.EMPTY)));
        ProtocolBlock block = new ProtocolBlock(new BlockHeader(0, Bytes.EMPTY, hex("bb")), List.of(hex("01")),
                List.of(Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY));
        Bytes expected = hex("0a 03 1a 01 bb"                         // header {data_hash}
                + " 12 03 0a 01 01"                                    // data {data: [01]}
                + " 1a 0a 0a 00 0a 00 0a 00 0a 00 0a 00");             // metadata: five empty slots, all written
        assertEquals(expected, ProtoCodec.encode(block));
        assertEquals(block, ProtoCodec.decodeBlock(expected));
        ProtocolBlock empty = new ProtocolBlock(new BlockHeader(0, Bytes.EMPTY, Bytes.EMPTY), List.of(), List.of());
        assertEquals(hex("0a 00 12 00 1a 00"), ProtoCodec.encode(empty));
    }

    @Test
    void blockMetadata() {
        assertEquals(hex("0a 00"), ProtoCodec.encode(new OrdererBlockMetadata(0, Bytes.EMPTY)));
        assertEquals(hex("0a 02 08 05 12 01 78"), ProtoCodec.encode(new OrdererBlockMetadata(5, Bytes.utf8("x"))));
        assertEquals(hex("12 00"), ProtoCodec.encode(new BlockMetadataValue(Bytes.EMPTY,
                List.of(new BlockMetadataSignature(Bytes.EMPTY, Bytes.EMPTY)))));
        assertEquals(hex("0a 01 76 12 06 0a 01 68 12 01 73"), ProtoCodec.encode(new BlockMetadataValue(hex("76"),
                List.of(new BlockMetadataSignature(hex("68"), hex("73"))))));
        assertEquals(Bytes.EMPTY, ProtoCodec.encodeLastConfig(0));
        assertEquals(hex("08 07"), ProtoCodec.encodeLastConfig(7));
        assertEquals(7L, ProtoCodec.decodeLastConfig(hex("08 07")));
    }

    @Test
    void transientMapEntriesAreSortedAndCarryKeyAndValue() {
        TreeMap<String, Bytes> transientMap = new TreeMap<>(Map.of("b", hex("02"), "a", hex("01")));
        ChaincodeProposalPayload p = new ChaincodeProposalPayload(new ChaincodeId("cc", ""),
                new ChaincodeInput(List.of(Bytes.utf8("f")), false), transientMap);
        Bytes expected = hex("0a 0d 0a 0b 12 04 12 02 63 63 1a 03 0a 01 66" // input = {chaincode_spec = {id, input}}
                + " 12 06 0a 01 61 12 01 01"                                  // entry "a" -> 01
                + " 12 06 0a 01 62 12 01 02");                                // entry "b" -> 02
        assertEquals(expected, ProtoCodec.encode(p));
        assertEquals(p, ProtoCodec.decodeChaincodeProposalPayload(expected));
        assertEquals(hex("0a 0d 0a 0b 12 04 12 02 63 63 1a 03 0a 01 66"), ProtoCodec.encode(p.withoutTransient()));

        ChaincodeProposalPayload empties = new ChaincodeProposalPayload(new ChaincodeId("", ""),
                new ChaincodeInput(List.of(), false), new TreeMap<>(Map.of("", Bytes.EMPTY)));
        assertEquals(hex("0a 06 0a 04 12 00 1a 00 12 04 0a 00 12 00"), ProtoCodec.encode(empties));
    }

    @Test
    void transientMapKeysAreOrderedByUtf8BytesNotUtf16Units() {
        String emoji = "\uD83D\uDE00"; // U+1F600: f0 9f 98 80; sorts first in UTF-16 (d83d < e000)
        String privateUse = "\uE000";  // U+E000: ee 80 80; sorts first in UTF-8
        ChaincodeProposalPayload p = new ChaincodeProposalPayload(new ChaincodeId("", ""),
                new ChaincodeInput(List.of(), false), new TreeMap<>(Map.of(emoji, hex("01"), privateUse, hex("02"))));
        Bytes expected = hex("0a 06 0a 04 12 00 1a 00"
                + " 12 08 0a 03 ee 80 80 12 01 02"
                + " 12 09 0a 04 f0 9f 98 80 12 01 01");
        assertEquals(expected, ProtoCodec.encode(p));
        assertEquals(p, ProtoCodec.decodeChaincodeProposalPayload(expected));
    }

    @Test
    void chaincodeInputWritesEveryArgumentEvenEmpty() {
        assertEquals(hex("0a 00 0a 01 78 18 01"), ProtoCodec.encode(new ChaincodeInput(List.of(Bytes.EMPTY, Bytes.utf8("x")), true)));
    }

    @Test
    void proposalNestsHeaderAndPayloadBytes() {
        Proposal p = new Proposal(new Header(new ChannelHeader(3, 0, null, "", "", 0, null),
                new SignatureHeader(Bytes.EMPTY, Bytes.EMPTY)),
                new ChaincodeProposalPayload(new ChaincodeId("", ""), new ChaincodeInput(List.of(), false), new TreeMap<>()));
        // header = {channel_header = 08 03}; payload = {input = {chaincode_spec = {12 00 1a 00}}}
        assertEquals(hex("0a 04 0a 02 08 03 12 08 0a 06 0a 04 12 00 1a 00"), ProtoCodec.encode(p));
    }

    @Test
    void responses() {
        assertEquals(hex("08 ff ff ff ff ff ff ff ff ff 01"), ProtoCodec.encode(new Response(-1, "", Bytes.EMPTY)));
        assertEquals(hex("08 c8 01 12 02 4f 4b"), ProtoCodec.encode(new Response(200, "OK", Bytes.EMPTY)));
        assertEquals(hex("08 01 22 00"), ProtoCodec.encode(new ProposalResponse(1, null, new Response(0, "", Bytes.EMPTY),
                Bytes.EMPTY, null)));
    }

    @Test
    void chaincodeActionOmitsEmptyResultsAndAbsentEvent() {
        ChaincodeAction a = new ChaincodeAction(TxReadWriteSet.EMPTY, null, Response.ok(Bytes.EMPTY), new ChaincodeId("cc", "1"));
        assertEquals(hex("1a 03 08 c8 01 22 07 12 02 63 63 1a 01 31"), ProtoCodec.encode(a));
        ChaincodeAction withEvent = new ChaincodeAction(TxReadWriteSet.EMPTY, new ChaincodeEvent("", "", "e", Bytes.EMPTY),
                Response.ok(Bytes.EMPTY), new ChaincodeId("cc", "1"));
        assertEquals(hex("12 03 1a 01 65 1a 03 08 c8 01 22 07 12 02 63 63 1a 01 31"), ProtoCodec.encode(withEvent));
        CodecException e = assertThrows(CodecException.class, () -> ProtoCodec.encode(new ChaincodeAction(TxReadWriteSet.EMPTY,
                new ChaincodeEvent("", "", "", Bytes.EMPTY), Response.ok(Bytes.EMPTY), new ChaincodeId("cc", "1"))));
        assertTrue(e.getMessage().contains("all-default ChaincodeEvent"), e.getMessage());
    }

    @Test
    void txReadWriteSet() {
        TxReadWriteSet s = new TxReadWriteSet(List.of(new NsReadWriteSet("cc", KvRwSet.EMPTY, List.of())));
        assertEquals(hex("12 04 0a 02 63 63"), ProtoCodec.encode(s));
        KvRwSet one = new KvRwSet(List.of(new KvRead("a", null)), List.of(), List.of(), List.of());
        // KVRWSet = 0a 03 (0a 01 61); ns = 0a 02 63 63 12 05 <5> (11 bytes)
        assertEquals(hex("12 0b 0a 02 63 63 12 05 0a 03 0a 01 61"),
                ProtoCodec.encode(new TxReadWriteSet(List.of(new NsReadWriteSet("cc", one, List.of())))));
    }

    @Test
    void rangeQueryInfoOneof() {
        // An empty range leaves the oneof unset, as Fabric's query executor does.
        RangeQueryInfo empty = new RangeQueryInfo("a", "b", true, List.of(), null);
        assertEquals(hex("0a 01 61 12 01 62 18 01"), ProtoCodec.encode(empty));
        assertEquals(empty, ProtoCodec.decodeRangeQueryInfo(hex("0a 01 61 12 01 62 18 01")));
        RangeQueryInfo raw = new RangeQueryInfo("a", "", false, List.of(new KvRead("a", new Version(0, 0))), null);
        assertEquals(hex("0a 01 61 22 07 0a 05 0a 01 61 12 00"), ProtoCodec.encode(raw));
        QueryReadsMerkleSummary summary = new QueryReadsMerkleSummary(50, 1, List.of(Bytes.EMPTY, hex("aa")));
        assertEquals(hex("08 32 10 01 1a 00 1a 01 aa"), ProtoCodec.encode(summary));
        assertEquals(hex("2a 09 08 32 10 01 1a 00 1a 01 aa"), ProtoCodec.encode(new RangeQueryInfo("", "", false, null, summary)));
        assertEquals(hex("2a 00"), ProtoCodec.encode(new RangeQueryInfo("", "", false, null,
                new QueryReadsMerkleSummary(0, 0, List.of()))));
        assertEquals(hex("08 ff ff ff ff 0f"), ProtoCodec.encode(new QueryReadsMerkleSummary(-1, 0, List.of())));
    }

    @Test
    void privateRwSet() {
        TxPvtReadWriteSet pvt = TxPvtReadWriteSet.of(new TreeMap<>(Map.of("cc",
                new TreeMap<>(Map.of("col", new KvRwSet(List.of(), List.of(), List.of(new KvWrite("k", false, hex("01"))), List.of()))))));
        // KVRWSet = 1a 06 0a 01 6b 1a 01 01 (8); collection = 0a 03 63 6f 6c 12 08 <8> (15); ns = 0a 02 63 63 12 0f <15> (21)
        assertEquals(hex("12 15 0a 02 63 63 12 0f 0a 03 63 6f 6c 12 08 1a 06 0a 01 6b 1a 01 01"), ProtoCodec.encode(pvt));
        assertEquals(pvt, ProtoCodec.decodeTxPvtReadWriteSet(ProtoCodec.encode(pvt)));
    }

    @Test
    void unpairedSurrogatesCannotBeEncoded() {
        CodecException e = assertThrows(CodecException.class, () -> ProtoCodec.encode(new KvRead("a\uD800", null)));
        assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
    }
}
