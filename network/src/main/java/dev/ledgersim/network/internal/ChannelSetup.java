package dev.ledgersim.network.internal;

import dev.ledgersim.endorsement.ChannelPolicies;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.orderer.BatchConfig;
import dev.ledgersim.orderer.Consenter;
import java.util.List;
import java.util.Objects;

/**
 * A channel as the network builder defined it: member organisations and their policies, the MSPs that
 * validate their identities, block cutting, the Raft consenters, and the genesis block that records all
 * of it.
 *
 * @param channelId the channel name
 * @param policies the application policies over the member organisations
 * @param msps the MSPs of the member organisations (and of the orderer organisation)
 * @param batch block cutting settings
 * @param consenters the orderers of the channel's Raft group
 * @param genesis block 0: the channel configuration transaction
 */
public record ChannelSetup(String channelId, ChannelPolicies policies, MspManager msps, BatchConfig batch,
                           List<Consenter> consenters, ProtocolBlock genesis) {
    /** Validates and copies. */
    public ChannelSetup {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(msps, "msps");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(genesis, "genesis");
        consenters = List.copyOf(consenters);
    }

    /** Whether organisation {@code mspId} is a member. */
    public boolean hasMember(String mspId) {
        return policies.organizations().contains(mspId);
    }

    /** This setup with another MSP view (after a revocation). */
    public ChannelSetup withMsps(MspManager newMsps) {
        return new ChannelSetup(channelId, policies, newMsps, batch, consenters, genesis);
    }
}
