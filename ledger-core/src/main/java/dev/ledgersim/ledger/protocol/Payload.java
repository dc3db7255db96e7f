package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code common.Payload}: header and data (for an endorser transaction, an encoded {@link Transaction}).
 *
 * @param header the header
 * @param data the encoded body
 */
public record Payload(Header header, Bytes data) {
    /** Validates. */
    public Payload {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(data, "data");
    }
}
