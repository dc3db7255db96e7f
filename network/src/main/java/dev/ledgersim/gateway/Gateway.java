package dev.ledgersim.gateway;

import dev.ledgersim.msp.Identity;

/**
 * A client connection to a gateway peer, signing as one identity (Fabric Gateway's {@code Gateway}).
 * Obtained from {@code LedgerSim.connect}. In the simulated runtime every blocking call advances simulated
 * time until its answer exists; in the concurrent runtime it waits.
 */
public interface Gateway extends AutoCloseable {

    /** The identity transactions are signed with. */
    Identity getIdentity();

    /** The gateway peer's name. */
    String getPeer();

    /** The channel {@code channelName}. */
    Network getNetwork(String channelName);

    /** Closes the connection and its event iterators. */
    @Override
    void close();
}
