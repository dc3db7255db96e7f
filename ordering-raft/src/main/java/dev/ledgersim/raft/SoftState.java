package dev.ledgersim.raft;

/**
 * Volatile state a driver may want to observe (who leads, in what role this node is); never persisted.
 *
 * @param leaderId the leader this node knows of, {@link RaftNode#NONE} if none
 * @param role this node's role
 */
public record SoftState(long leaderId, RaftRole role) {
    public SoftState {
        java.util.Objects.requireNonNull(role, "role");
    }
}
