package dev.ledgersim.ledger.codec;

import dev.ledgersim.ledger.protocol.Bytes;
import java.util.Objects;

/**
 * {@code common.OrdererBlockMetadata}: the value of the {@code SIGNATURES} metadata slot. Fabric's
 * block writer always sets {@code last_config}, so it is always encoded (even for index 0).
 *
 * @param lastConfigIndex the number of the last configuration block ({@code LastConfig.index}, uint64)
 * @param consenterMetadata consensus-specific metadata (etcdraft: the encoded {@code BlockMetadata})
 */
public record OrdererBlockMetadata(long lastConfigIndex, Bytes consenterMetadata) {
    /** Validates. */
    public OrdererBlockMetadata {
        Objects.requireNonNull(consenterMetadata, "consenterMetadata");
    }
}
