package dev.ledgersim.raft;

/** Outcome of {@link RaftNode#transferLeadership(long)}. */
public enum TransferResult {
    /** Transfer started: the leader catches the target up, then sends it {@link RaftMessage.TimeoutNow}. */
    STARTED,
    /** A transfer to the same target is already running. */
    ALREADY_IN_PROGRESS,
    /** The target is this node, which already leads. */
    ALREADY_LEADER,
    /** This node is not the leader. */
    NOT_LEADER,
    /** The target is not a voter. */
    NOT_A_VOTER
}
