package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code common.MetadataSignature}: an orderer's signature on a block, over
 * {@code metadataValue || signatureHeader || blockHeaderBytes}.
 *
 * @param signatureHeader the encoded {@link SignatureHeader} of the orderer
 * @param signature the signature
 */
public record BlockMetadataSignature(Bytes signatureHeader, Bytes signature) {
    /** Validates. */
    public BlockMetadataSignature {
        Objects.requireNonNull(signatureHeader, "signatureHeader");
        Objects.requireNonNull(signature, "signature");
    }
}
