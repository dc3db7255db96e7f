package dev.ledgersim.orderer;

import java.util.Objects;

/**
 * One member of a channel's Raft group: its Raft id and its orderer name (Fabric's {@code Consenter}
 * entries, whose position gives the Raft id).
 *
 * @param raftId the Raft node id, {@code > 0}
 * @param name the orderer's name, e.g. {@code orderer0.orderermsp}
 */
public record Consenter(long raftId, String name) {
    /** Validates. */
    public Consenter {
        Objects.requireNonNull(name, "name");
        if (raftId <= 0) {
            throw new IllegalArgumentException("consenter raft id must be > 0, was " + raftId + " for " + name);
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("consenter name must not be blank");
        }
    }
}
