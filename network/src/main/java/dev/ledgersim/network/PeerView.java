package dev.ledgersim.network;

import dev.ledgersim.msp.Identity;

/** A peer as an observer sees it: its identity and its ledgers. */
public interface PeerView {

    /** The node name, e.g. {@code peer0.org1msp}. */
    String name();

    /** Its identity (role peer). */
    Identity identity();

    /** Whether it is up. */
    boolean isAlive();

    /**
     * Its ledger of {@code channel}.
     *
     * @throws IllegalArgumentException when the peer's organisation is not a member of the channel
     */
    LedgerView ledger(String channel);
}
