package dev.ledgersim.endorsement.simulation;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.msp.Identity;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a simulation knows of its transaction, taken from the proposal: never from a clock.
 *
 * @param channelId the channel
 * @param txId the txid
 * @param creator the proposal's creator, validated by the endorser
 * @param nonce the proposal nonce
 * @param timestamp the proposal's channel header timestamp ({@code getTxTimestamp})
 * @param args function name then arguments
 * @param transientMap the proposal's transient data
 * @param peerMspId the MSP of the peer simulating ({@code getMspId})
 */
public record TxContext(String channelId, String txId, Identity creator, Bytes nonce, Timestamp timestamp,
                        List<Bytes> args, SortedMap<String, Bytes> transientMap, String peerMspId) {
    /** Validates and copies. */
    public TxContext {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(peerMspId, "peerMspId");
        args = List.copyOf(args);
        transientMap = Collections.unmodifiableSortedMap(new TreeMap<>(transientMap));
    }
}
