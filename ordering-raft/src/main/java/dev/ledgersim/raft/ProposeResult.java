package dev.ledgersim.raft;

/**
 * Outcome of {@link RaftNode#propose(byte[])} and {@link RaftNode#proposeConfChange(ConfChange)}.
 * Expected refusals are values, not exceptions. {@link Accepted} means appended to the leader's log,
 * not committed: the entry can still be lost if leadership changes before it commits (the caller
 * learns it by never seeing index {@code index} committed with term {@code term}).
 */
public sealed interface ProposeResult {

    /** Appended to the leader's log at {@code index} in {@code term}. */
    record Accepted(long index, long term) implements ProposeResult {
    }

    /** This node is not the leader; {@code leaderId} is the leader it knows of, {@link RaftNode#NONE} if none. */
    record NotLeader(long leaderId) implements ProposeResult {
    }

    /** The leader is handing leadership to {@code transferee} (thesis §3.10) and takes no proposals meanwhile. */
    record Transferring(long transferee) implements ProposeResult {
    }

    /** Refused for the stated reason (e.g. a configuration change is still pending). */
    record Dropped(String reason) implements ProposeResult {
    }

    /** Whether this is {@link Accepted}. */
    default boolean isAccepted() {
        return this instanceof Accepted;
    }
}
