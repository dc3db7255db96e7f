package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code common.Header}: the channel header and the signature header.
 *
 * @param channelHeader what and where
 * @param signatureHeader who
 */
public record Header(ChannelHeader channelHeader, SignatureHeader signatureHeader) {
    /** Validates. */
    public Header {
        Objects.requireNonNull(channelHeader, "channelHeader");
        Objects.requireNonNull(signatureHeader, "signatureHeader");
    }
}
