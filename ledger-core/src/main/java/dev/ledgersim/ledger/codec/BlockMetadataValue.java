package dev.ledgersim.ledger.codec;

import dev.ledgersim.ledger.protocol.BlockMetadataSignature;
import dev.ledgersim.ledger.protocol.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * {@code common.Metadata}: the content of a block metadata slot such as {@code SIGNATURES} (value = an
 * encoded {@link OrdererBlockMetadata}), {@code LAST_CONFIG} (value = an encoded {@code LastConfig}) or
 * {@code COMMIT_HASH} (value = the commit hash).
 *
 * @param value the slot's value
 * @param signatures orderer signatures over {@code value || signatureHeader || blockHeaderBytes}
 */
public record BlockMetadataValue(Bytes value, List<BlockMetadataSignature> signatures) {
    /** Validates and copies. */
    public BlockMetadataValue {
        Objects.requireNonNull(value, "value");
        signatures = List.copyOf(signatures);
    }
}
