package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code common.ChannelHeader} with its {@code extension} decoded: for an endorser transaction the
 * extension is a {@code ChaincodeHeaderExtension} naming the invoked chaincode.
 *
 * @param type the header type number (kept as a number so that unknown types can be represented and refused)
 * @param version message protocol version (0)
 * @param timestamp when the client created the proposal (simulated clock)
 * @param channelId the channel
 * @param txId {@code hex(SHA-256(nonce || creator))}
 * @param epoch must be 0 (Fabric refuses other values)
 * @param chaincodeId the chaincode of the header extension, or {@code null} when absent
 */
public record ChannelHeader(int type, int version, Timestamp timestamp, String channelId, String txId, long epoch,
                            ChaincodeId chaincodeId) {
    /** Validates. */
    public ChannelHeader {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(txId, "txId");
    }

    /** The header type, or {@code null} for a number LedgerSim does not know. */
    public HeaderType headerType() {
        return HeaderType.ofNumber(type);
    }
}
