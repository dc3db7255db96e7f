package dev.ledgersim.raft;

/** The role of a node (etcd's StateType). */
public enum RaftRole {
    FOLLOWER,
    /** Running a PreVote round (thesis §9.6): term not yet incremented. */
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER
}
