package dev.ledgersim.network;

import dev.ledgersim.msp.Identity;

/** An ordering node as an observer sees it: its identity and, per channel, its Raft role and chain height. */
public interface OrdererView {

    /** The node name, e.g. {@code orderer0.orderermsp}. */
    String name();

    /** Its identity (role orderer). */
    Identity identity();

    /** Whether it is up. */
    boolean isAlive();

    /** Whether it leads the Raft group of the first channel (the usual single-channel case). */
    boolean isLeader();

    /** Whether it leads the Raft group of {@code channel}. */
    boolean isLeader(String channel);

    /** Its current Raft term on the first channel. */
    long term();

    /** The number of blocks of {@code channel} it has committed. */
    long height(String channel);
}
