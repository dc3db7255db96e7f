package dev.ledgersim.ledger.tx;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Timestamp;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a client asks to run: channel, chaincode, function and arguments, private transient inputs,
 * and the nonce and timestamp that a simulation draws from its seeded source and simulated clock.
 *
 * @param channelId the channel
 * @param chaincode the chaincode name
 * @param function {@code function} or {@code contract:function}
 * @param args the arguments as bytes
 * @param transientMap private inputs for the endorsers only, sorted by key
 * @param nonce 24 random bytes from the seeded source (must not be empty)
 * @param timestamp the simulated time of the proposal
 */
public record ProposalRequest(String channelId, String chaincode, String function, List<Bytes> args,
                              SortedMap<String, Bytes> transientMap, Bytes nonce, Timestamp timestamp) {
    /** Validates and copies. */
    public ProposalRequest {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(chaincode, "chaincode");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(timestamp, "timestamp");
        if (chaincode.isEmpty()) {
            throw new IllegalArgumentException("a proposal needs a chaincode name");
        }
        if (nonce.isEmpty()) {
            throw new IllegalArgumentException("a proposal needs a non-empty nonce");
        }
        args = List.copyOf(args);
        transientMap = Collections.unmodifiableSortedMap(new TreeMap<>(transientMap));
    }
}
