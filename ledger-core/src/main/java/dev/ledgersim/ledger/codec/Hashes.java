package dev.ledgersim.ledger.codec;

import com.google.common.collect.MapMaker;
import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeProposalPayload;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentMap;

/**
 * The hashes of Fabric's protocol (FABRIC.md §2, §3.1), all SHA-256 over the canonical encodings of
 * {@link ProtoCodec}. Stateless and thread-safe.
 */
public final class Hashes {
    /**
     * The data hashes of blocks still referenced, by the identity of their envelope list: a block's list is
     * immutable ({@link ProtocolBlock} copies it), so its hash never changes, and every node given the same
     * block object (the orderer's store, then each peer it delivers to) would compute the same bytes again.
     */
    private static final ConcurrentMap<List<Bytes>, Bytes> DATA_HASHES =
            new MapMaker().weakKeys().makeMap();

    private Hashes() {
    }

    /** SHA-256 of the concatenation of {@code parts} (of nothing: {@code e3b0c442…}). */
    public static Bytes sha256(Bytes... parts) {
        MessageDigest md = sha256Digest();
        for (Bytes part : parts) {
            part.updateDigest(md);
        }
        return Bytes.wrap(md.digest());
    }

    /**
     * Fabric's {@code protoutil.BlockHeaderBytes}: the ASN.1 DER encoding of
     * {@code SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }}, where
     * {@code number} is the uint64 as a minimal two's-complement INTEGER (so numbers with the top bit of
     * their first byte set, MaxUint64 included, get a leading 0x00). Block metadata is not included.
     */
    public static Bytes blockHeaderBytes(BlockHeader header) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(80);
        byte[] number = unsignedMinimalTwosComplement(header.number());
        derTlv(body, 0x02, number);
        derTlv(body, 0x04, header.previousHash().unsafeArray());
        derTlv(body, 0x04, header.dataHash().unsafeArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 4);
        derTlv(out, 0x30, body.toByteArray());
        return Bytes.wrap(out.toByteArray());
    }

    /** {@code protoutil.BlockHeaderHash}: SHA-256 of {@link #blockHeaderBytes}; the next block's {@code previous_hash}. */
    public static Bytes blockHeaderHash(BlockHeader header) {
        return sha256(blockHeaderBytes(header));
    }

    /**
     * {@code protoutil.ComputeBlockDataHash}: SHA-256 of the plain concatenation of the encoded envelopes
     * (not a Merkle tree).
     */
    public static Bytes blockDataHash(List<Bytes> data) {
        MessageDigest md = sha256Digest();
        for (Bytes envelope : data) {
            envelope.updateDigest(md);
        }
        return Bytes.wrap(md.digest());
    }

    /**
     * {@link #blockDataHash(List)} of {@code block}'s envelopes, computed once per block object: the
     * envelopes of a {@link ProtocolBlock} are immutable, so the hash is remembered for as long as the
     * block's envelope list is referenced (a block object decoded anew is hashed anew).
     */
    public static Bytes blockDataHash(ProtocolBlock block) {
        return DATA_HASHES.computeIfAbsent(block.data(), data -> blockDataHash(data));
    }

    /**
     * {@code protoutil.ComputeTxID}: lower-case hex of SHA-256({@code nonce || creator}), where
     * {@code creator} is the encoded {@code msp.SerializedIdentity}.
     */
    public static String txId(Bytes nonce, Bytes creator) {
        return HexFormat.of().formatHex(sha256(nonce, creator).unsafeArray());
    }

    /**
     * The proposal hash of {@code ProposalResponsePayload.proposal_hash} (endorser's
     * {@code UnpackedProposal}, committer's {@code GetProposalHash2}): SHA-256 of the encoded channel
     * header, the encoded signature header and the encoded payload <em>without</em> the transient map.
     */
    public static Bytes proposalHash(ChannelHeader channelHeader, SignatureHeader signatureHeader,
                                     ChaincodeProposalPayload payload) {
        return ProtoCodec.proposalHash(channelHeader, signatureHeader, payload);
    }

    /** A fresh SHA-256 digest (the JDK's, which uses the CPU's SHA instructions where present). */
    static MessageDigest newSha256() {
        return sha256Digest();
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static byte[] unsignedMinimalTwosComplement(long value) {
        byte[] b = new byte[9];
        for (int i = 0; i < 8; i++) {
            b[8 - i] = (byte) (value >>> (8 * i));
        }
        int start = 0;
        // Drop a leading 0x00 while the next byte keeps the sign bit clear (and keep at least one byte).
        while (start < 8 && b[start] == 0 && b[start + 1] >= 0) {
            start++;
        }
        byte[] out = new byte[9 - start];
        System.arraycopy(b, start, out, 0, out.length);
        return out;
    }

    private static void derTlv(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int lengthBytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | lengthBytes);
            for (int i = lengthBytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.write(content, 0, n);
    }
}
