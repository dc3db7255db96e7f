package dev.ledgersim.endorsement.simulation;

import dev.ledgersim.msp.policy.Policy;
import java.util.Objects;
import java.util.Optional;

/**
 * What a simulation needs to know of a private data collection: who its members are and whether
 * non-members may read or write it through the chaincode (FABRIC.md §6.1).
 *
 * @param memberOrgsPolicy who is a member
 * @param memberOnlyRead whether only members may read
 * @param memberOnlyWrite whether only members may write
 */
public record CollectionAccess(Policy memberOrgsPolicy, boolean memberOnlyRead, boolean memberOnlyWrite) {

    /** Validates. */
    public CollectionAccess {
        Objects.requireNonNull(memberOrgsPolicy, "memberOrgsPolicy");
    }

    /** Looks collections up by namespace and name. */
    @FunctionalInterface
    public interface Resolver {
        /** The collection, or empty when the chaincode defines no such collection. */
        Optional<CollectionAccess> collection(String namespace, String collection);
    }
}
