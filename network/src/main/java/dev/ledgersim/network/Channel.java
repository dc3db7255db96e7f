package dev.ledgersim.network;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.network.internal.NetworkState;
import java.util.List;

/** A channel of the network: its member organisations and its chaincodes. */
public final class Channel {

    private final NetworkState network;
    private final String name;

    Channel(NetworkState network, String name) {
        this.network = network;
        this.name = name;
    }

    /** The channel name. */
    public String name() {
        return name;
    }

    /** The member organisations' MSP ids. */
    public List<String> members() {
        return network.members(name);
    }

    /**
     * Deploys a chaincode with the full lifecycle: installs it on the members' peers, has every member
     * organisation approve it, and commits it. Returns once the definition is committed.
     *
     * @throws IllegalStateException naming the failing step and its reason
     */
    public void deploy(ChaincodeDefinition definition) {
        Lifecycle lifecycle = lifecycle();
        lifecycle.install(definition);
        for (String org : members()) {
            lifecycle.approveForMyOrg(org, definition);
        }
        lifecycle.commit(definition);
    }

    /** The lifecycle steps one by one. */
    public Lifecycle lifecycle() {
        return new Lifecycle(network, name);
    }

    @Override
    public String toString() {
        return "Channel[" + name + "]";
    }
}
