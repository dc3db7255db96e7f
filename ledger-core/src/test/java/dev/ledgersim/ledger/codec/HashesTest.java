package dev.ledgersim.ledger.codec;

import static dev.ledgersim.ledger.codec.ProtoCodecGoldenTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeId;
import dev.ledgersim.ledger.protocol.ChaincodeInput;
import dev.ledgersim.ledger.protocol.ChaincodeProposalPayload;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.BlockMetadataIndex;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.msp.SerializedIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** FABRIC.md §2 (block header DER and hash, data hash) and §3.1 (txid, proposal hash). */
class HashesTest {
    private static final String ZEROS_32 = "00".repeat(32);
    private static final String ONES_32 = "11".repeat(32);

    private static Bytes independentSha256(byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            md.update(p);
        }
        return Bytes.wrap(md.digest());
    }

    @Test
    void blockHeaderBytesOfGenesisWith32ByteHashes() {
        BlockHeader h = new BlockHeader(0, Bytes.fromHex(ZEROS_32), Bytes.fromHex(ONES_32));
        // SEQUENCE(71) { INTEGER 0, OCTET STRING(32), OCTET STRING(32) }
        assertEquals(hex("30 47 02 01 00 04 20" + ZEROS_32 + "04 20" + ONES_32), Hashes.blockHeaderBytes(h));
    }

    @Test
    void blockHeaderBytesOfBlockOne() {
        BlockHeader h = new BlockHeader(1, Bytes.fromHex(ONES_32), Bytes.EMPTY);
        assertEquals(hex("30 27 02 01 01 04 20" + ONES_32 + "04 00"), Hashes.blockHeaderBytes(h));
    }

    @Test
    void blockHeaderNumbersAreMinimalTwosComplementOfTheUint64() {
        assertEquals(hex("30 08 02 02 00 80 04 00 04 00"), Hashes.blockHeaderBytes(new BlockHeader(128, Bytes.EMPTY, Bytes.EMPTY)));
        assertEquals(hex("30 07 02 01 7f 04 00 04 00"), Hashes.blockHeaderBytes(new BlockHeader(127, Bytes.EMPTY, Bytes.EMPTY)));
        assertEquals(hex("30 08 02 02 01 00 04 00 04 00"), Hashes.blockHeaderBytes(new BlockHeader(256, Bytes.EMPTY, Bytes.EMPTY)));
        assertEquals(hex("30 0e 02 08 7f ff ff ff ff ff ff ff 04 00 04 00"),
                Hashes.blockHeaderBytes(new BlockHeader(Long.MAX_VALUE, Bytes.EMPTY, Bytes.EMPTY)));
        // MaxUint64 (Java -1L): the high bit is set, so DER needs a leading 00.
        assertEquals(hex("30 0f 02 09 00 ff ff ff ff ff ff ff ff 04 00 04 00"),
                Hashes.blockHeaderBytes(new BlockHeader(-1L, Bytes.EMPTY, Bytes.EMPTY)));
        assertEquals(hex("0f867fa41161925c3205313d2156753c9ca578818e2e1b80a940aeff9317dafb"),
                Hashes.blockHeaderHash(new BlockHeader(-1L, Bytes.EMPTY, Bytes.EMPTY)));
    }

    @Test
    void longOctetStringsUseLongFormLengths() {
        String big = "ab".repeat(200);
        assertEquals(hex("30 81 d0 02 01 01 04 81 c8" + big + "04 00"),
                Hashes.blockHeaderBytes(new BlockHeader(1, Bytes.fromHex(big), Bytes.EMPTY)));
    }

    @Test
    void blockHeaderHashIsSha256OfTheDerBytes() throws Exception {
        BlockHeader h = new BlockHeader(42, Bytes.fromHex(ONES_32), Bytes.fromHex(ZEROS_32));
        assertEquals(independentSha256(Hashes.blockHeaderBytes(h).toByteArray()), Hashes.blockHeaderHash(h));
    }

    @Test
    void dataHashOfAnEmptyBlockIsSha256OfNothing() {
        assertEquals(hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), Hashes.blockDataHash(List.of()));
        assertEquals(Hashes.blockDataHash(List.of()), Hashes.sha256());
    }

    @Test
    void dataHashIsSha256OfThePlainConcatenation() throws Exception {
        Bytes a = hex("0a 01 01");
        Bytes b = hex("12 02 aa bb");
        assertEquals(independentSha256(hex("0a 01 01 12 02 aa bb").toByteArray()), Hashes.blockDataHash(List.of(a, b)));
        assertEquals(Hashes.blockDataHash(List.of(a, b)), Hashes.blockDataHash(List.of(hex("0a 01 01 12"), hex("02 aa bb"))));
    }

    @Test
    void aBlocksDataHashIsComputedOnceForTheBlockAndItsMetadataVariants() throws Exception {
        Bytes a = hex("0a 01 01");
        Bytes b = hex("12 02 aa bb");
        ProtocolBlock block = new ProtocolBlock(new BlockHeader(1, Bytes.EMPTY, Bytes.EMPTY), List.of(a, b), List.of());
        Bytes first = Hashes.blockDataHash(block);
        assertEquals(independentSha256(hex("0a 01 01 12 02 aa bb").toByteArray()), first);
        assertSame(first, Hashes.blockDataHash(block), "the same block object is not hashed again");
        ProtocolBlock filtered = block.withMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER, hex("00 00"));
        assertSame(first, Hashes.blockDataHash(filtered), "new metadata keeps the envelopes and their hash");
        ProtocolBlock other = new ProtocolBlock(block.header(), List.of(a, hex("12 02 aa bc")), List.of());
        assertEquals(independentSha256(hex("0a 01 01 12 02 aa bc").toByteArray()), Hashes.blockDataHash(other),
                "a block with other envelopes gets its own hash");
    }

    @Test
    void txIdIsLowerHexSha256OfNonceAndCreator() throws Exception {
        byte[] nonce = new byte[24];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) (i + 1);
        }
        String pem = "-----BEGIN CERTIFICATE-----\nMIIBdummy\n-----END CERTIFICATE-----\n";
        Bytes creator = Bytes.wrap(new SerializedIdentity("Org1MSP", pem.getBytes(StandardCharsets.US_ASCII)).toBytes());
        assertEquals("0a074f7267314d53501240" + HexFormat.of().formatHex(pem.getBytes(StandardCharsets.US_ASCII)),
                creator.toHex());

        String independent = HexFormat.of().formatHex(independentSha256(nonce, creator.toByteArray()).toByteArray());
        assertEquals(independent, Hashes.txId(Bytes.of(nonce), creator));
        // Computed separately (Python hashlib) over the same 24 + 66 bytes.
        assertEquals("d982f379f3b7c64a1264f6797a35d7ece61a2566fd6f2e6ea0a1838561c48b84", Hashes.txId(Bytes.of(nonce), creator));
    }

    @Test
    void proposalHashCoversBothHeadersAndThePayloadWithoutTransientData() throws Exception {
        ChannelHeader ch = new ChannelHeader(3, 0, new Timestamp(1_700_000_000, 1), "ch1", "tx", 0, new ChaincodeId("emrcc", ""));
        SignatureHeader sh = new SignatureHeader(hex("c0ffee"), hex("0102"));
        ChaincodeProposalPayload noTransient = new ChaincodeProposalPayload(new ChaincodeId("emrcc", ""),
                new ChaincodeInput(List.of(Bytes.utf8("read"), Bytes.utf8("k")), false), new TreeMap<>());
        ChaincodeProposalPayload withTransient = new ChaincodeProposalPayload(noTransient.chaincodeId(), noTransient.input(),
                new TreeMap<>(Map.of("secret", Bytes.utf8("s3cr3t"))));

        Bytes expected = independentSha256(ProtoCodec.encode(ch).toByteArray(), ProtoCodec.encode(sh).toByteArray(),
                ProtoCodec.encode(noTransient).toByteArray());
        assertEquals(expected, Hashes.proposalHash(ch, sh, noTransient));
        assertEquals(expected, Hashes.proposalHash(ch, sh, withTransient));
    }
}
