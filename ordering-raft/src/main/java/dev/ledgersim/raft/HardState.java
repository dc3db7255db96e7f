package dev.ledgersim.raft;

/**
 * The state a node must persist before it sends any message of the same {@link Ready}: the current
 * term, the candidate voted for in that term ({@link RaftNode#NONE} if none) and the commit index.
 * (The paper persists only term and vote; the commit index is kept, as etcd does, so a restarted node
 * re-delivers committed entries without waiting for a leader.)
 */
public record HardState(long term, long votedFor, long commitIndex) {

    /** The state of a node that has never run. */
    public static final HardState EMPTY = new HardState(0, RaftNode.NONE, 0);

    public HardState {
        if (term < 0 || votedFor < 0 || commitIndex < 0) {
            throw new IllegalArgumentException(
                    "hard state fields must be >= 0: term=" + term + ", votedFor=" + votedFor + ", commitIndex=" + commitIndex);
        }
    }
}
