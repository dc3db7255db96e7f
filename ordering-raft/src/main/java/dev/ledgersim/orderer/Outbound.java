package dev.ledgersim.orderer;

import java.util.Objects;

/**
 * A message an orderer wants sent to another orderer, named as in the consenter set. The driver sends
 * it after the event that produced it returned, i.e. after the Raft state it depends on was persisted.
 * Delivery may fail, be delayed or be reordered: Raft and the orderer tolerate that.
 *
 * @param to the receiving orderer's name
 * @param message the message
 */
public record Outbound(String to, OrdererMessage message) {
    /** Validates. */
    public Outbound {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
    }
}
