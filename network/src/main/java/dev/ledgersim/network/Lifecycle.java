package dev.ledgersim.network;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.network.internal.NetworkState;
import java.util.Map;

/**
 * The chaincode lifecycle of a channel, step by step, as transactions on the {@code _lifecycle}
 * namespace (FABRIC.md §10): install on the peers, each organisation approves, anyone checks readiness,
 * one commits once a majority approved. {@link Channel#deploy} runs all of them; use these steps to
 * teach the lifecycle or to upgrade a chaincode with a higher sequence.
 */
public final class Lifecycle {

    private final NetworkState network;
    private final String channel;

    Lifecycle(NetworkState network, String channel) {
        this.network = network;
        this.channel = channel;
    }

    /** Installs the definition's contracts on every peer of the channel's organisations. */
    public void install(ChaincodeDefinition definition) {
        network.install(channel, definition);
    }

    /**
     * Approves {@code definition} for organisation {@code mspId}: a transaction by its admin, endorsed by
     * one of its peers.
     *
     * @throws IllegalStateException with the peer's or the validator's reason when it fails
     */
    public void approveForMyOrg(String mspId, ChaincodeDefinition definition) {
        network.approve(channel, mspId, definition);
    }

    /** Which member organisations approved exactly {@code definition}. */
    public Map<String, Boolean> checkCommitReadiness(ChaincodeDefinition definition) {
        return network.checkCommitReadiness(channel, definition);
    }

    /**
     * Commits {@code definition}, endorsed by a peer of every organisation that approved it.
     *
     * @throws IllegalStateException with the reason when it fails (e.g. not enough approvals)
     */
    public void commit(ChaincodeDefinition definition) {
        network.commitDefinition(channel, definition);
    }
}
