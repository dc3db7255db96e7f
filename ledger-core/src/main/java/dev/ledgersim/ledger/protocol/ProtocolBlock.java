package dev.ledgersim.ledger.protocol;

import java.util.List;
import java.util.Objects;

/**
 * {@code common.Block} exactly as stored and transmitted: header, envelope bytes, metadata slots
 * (one per {@link BlockMetadataIndex}). The public view of a block is {@code dev.ledgersim.ledger.Block}.
 *
 * @param header number, previous hash, data hash
 * @param data the encoded envelopes, in order
 * @param metadata one entry per {@link BlockMetadataIndex}, possibly empty
 */
public record ProtocolBlock(BlockHeader header, List<Bytes> data, List<Bytes> metadata) {
    /** Validates and copies. */
    public ProtocolBlock {
        Objects.requireNonNull(header, "header");
        data = List.copyOf(data);
        metadata = List.copyOf(metadata);
    }

    /** The block number. */
    public long number() {
        return header.number();
    }

    /** This block with metadata slot {@code index} replaced by {@code value}. */
    public ProtocolBlock withMetadata(BlockMetadataIndex index, Bytes value) {
        java.util.ArrayList<Bytes> copy = new java.util.ArrayList<>(metadata);
        while (copy.size() <= index.ordinal()) {
            copy.add(Bytes.EMPTY);
        }
        copy.set(index.ordinal(), value);
        return new ProtocolBlock(header, data, copy);
    }

    /** Metadata slot {@code index}, empty when absent. */
    public Bytes metadata(BlockMetadataIndex index) {
        return index.ordinal() < metadata.size() ? metadata.get(index.ordinal()) : Bytes.EMPTY;
    }
}
