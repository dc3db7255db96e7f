package dev.ledgersim.orderer;

import dev.ledgersim.ledger.blocks.StoredTransaction;
import dev.ledgersim.ledger.codec.BlockMetadataValue;
import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.OrdererBlockMetadata;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.BlockMetadataIndex;
import dev.ledgersim.ledger.protocol.BlockMetadataSignature;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.msp.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How an orderer builds and signs a block, and how anyone reads and checks what it wrote
 * (Fabric's {@code blockwriter.go} and {@code protoutil}). Stateless and thread-safe.
 *
 * <p>A block made by {@link #create} has {@code number}, {@code previous_hash}, {@code data_hash =
 * SHA-256(env_0 || env_1 || ...)} over the encoded envelopes, and one metadata slot per
 * {@link BlockMetadataIndex}:
 * <ul>
 *   <li>{@code SIGNATURES}: {@code Metadata{value = OrdererBlockMetadata{last_config{index},
 *       consenter_metadata}, signatures = [MetadataSignature{signature_header, signature}]}}, the
 *       signature over {@code value || signature_header || BlockHeaderBytes(header)};</li>
 *   <li>{@code LAST_CONFIG}: {@code Metadata{value = LastConfig{index}}}, unsigned (as Fabric v2);</li>
 *   <li>{@code TRANSACTIONS_FILTER}, {@code ORDERER}, {@code COMMIT_HASH}: empty (the peer fills the
 *       filter and the commit hash).</li>
 * </ul>
 */
public final class OrdererBlocks {

    private OrdererBlocks() {
    }

    /**
     * The block {@code number} holding {@code envelopes}, chained to {@code previousHash} and signed by
     * {@code signer} with a signature header carrying {@code nonce}.
     */
    public static ProtocolBlock create(long number, Bytes previousHash, List<Envelope> envelopes, long lastConfigIndex,
                                       Bytes consenterMetadata, Identity signer, Bytes nonce) {
        List<Bytes> encoded = new ArrayList<>(envelopes.size());
        for (Envelope e : envelopes) {
            encoded.add(ProtoCodec.encode(e));
        }
        List<Bytes> data = List.copyOf(encoded);
        // Hashed through a provisional block so that the hash is remembered for this envelope list, which
        // the block below shares: the stores this block reaches do not hash it again.
        Bytes dataHash = Hashes.blockDataHash(new ProtocolBlock(new BlockHeader(number, previousHash, Bytes.EMPTY),
                data, List.of()));
        BlockHeader header = new BlockHeader(number, previousHash, dataHash);
        Bytes value = ProtoCodec.encode(new OrdererBlockMetadata(lastConfigIndex, consenterMetadata));
        Bytes signatureHeader = ProtoCodec.encode(new SignatureHeader(Bytes.wrap(signer.serialize()), nonce));
        Bytes signature = Bytes.wrap(signer.sign(signedBytes(value, signatureHeader, header).unsafeArray()));
        Bytes signatures = ProtoCodec.encode(new BlockMetadataValue(value,
                List.of(new BlockMetadataSignature(signatureHeader, signature))));
        Bytes lastConfig = ProtoCodec.encode(new BlockMetadataValue(ProtoCodec.encodeLastConfig(lastConfigIndex), List.of()));
        List<Bytes> metadata = new ArrayList<>();
        for (BlockMetadataIndex index : BlockMetadataIndex.values()) {
            metadata.add(switch (index) {
                case SIGNATURES -> signatures;
                case LAST_CONFIG -> lastConfig;
                default -> Bytes.EMPTY;
            });
        }
        return new ProtocolBlock(header, data, metadata);
    }

    /** The bytes an orderer signs: {@code value || signatureHeader || BlockHeaderBytes(header)}. */
    public static Bytes signedBytes(Bytes value, Bytes signatureHeader, BlockHeader header) {
        return Bytes.concat(value, signatureHeader, Hashes.blockHeaderBytes(header));
    }

    /** The decoded {@code SIGNATURES} slot. @throws CodecException if it is not canonical */
    public static BlockMetadataValue signatures(ProtocolBlock block) {
        return ProtoCodec.decodeBlockMetadataValue(block.metadata(BlockMetadataIndex.SIGNATURES));
    }

    /** The {@code OrdererBlockMetadata} of the {@code SIGNATURES} slot. @throws CodecException if not canonical */
    public static OrdererBlockMetadata ordererMetadata(ProtocolBlock block) {
        return ProtoCodec.decodeOrdererBlockMetadata(signatures(block).value());
    }

    /** The etcdraft consenter metadata of a block written by this orderer, if it has one. */
    public static Optional<EtcdRaftBlockMetadata> raftMetadata(ProtocolBlock block) {
        try {
            Bytes consenter = ordererMetadata(block).consenterMetadata();
            return consenter.isEmpty() ? Optional.empty() : Optional.of(EtcdRaftBlockMetadata.decode(consenter));
        } catch (CodecException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether some signature of the {@code SIGNATURES} slot was made by {@code orderer} over exactly
     * {@code value || signature_header || BlockHeaderBytes(header)}; false for unreadable metadata.
     */
    public static boolean signedBy(ProtocolBlock block, Identity orderer) {
        BlockMetadataValue sigs;
        try {
            sigs = signatures(block);
        } catch (CodecException e) {
            return false;
        }
        Bytes creator = Bytes.wrap(orderer.serialize());
        for (BlockMetadataSignature s : sigs.signatures()) {
            try {
                if (ProtoCodec.decodeSignatureHeader(s.signatureHeader()).creator().equals(creator)
                        && orderer.verify(signedBytes(sigs.value(), s.signatureHeader(), block.header()).unsafeArray(),
                                s.signature().unsafeArray())) {
                    return true;
                }
            } catch (CodecException e) {
                // an unreadable signature header signs nothing
            }
        }
        return false;
    }

    /** Whether the block is a configuration block: exactly one envelope, of header type CONFIG. */
    public static boolean isConfigBlock(ProtocolBlock block) {
        return block.data().size() == 1 && StoredTransaction.headerTypeOf(block.data().get(0)) == HeaderType.CONFIG;
    }

    /**
     * The number of the last configuration block as of {@code block}: its own number for a configuration
     * block, else the {@code last_config} its orderer wrote (0 if the metadata cannot be read).
     */
    public static long lastConfigIndex(ProtocolBlock block) {
        if (isConfigBlock(block)) {
            return block.number();
        }
        try {
            return ordererMetadata(block).lastConfigIndex();
        } catch (CodecException e) {
            return 0;
        }
    }
}
