package dev.ledgersim.raft;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Configuration of one {@link RaftNode}, validated on construction. {@link #defaults} gives what
 * Fabric's etcdraft consenter configures (FABRIC.md §7.3): ElectionTick 10, HeartbeatTick 1,
 * PreVote and CheckQuorum on, MaxInflightMsgs = MaxInflightBlocks = 5, MaxSizePerMsg =
 * PreferredMaxBytes (2 MB in Fabric's sampleconfig).
 *
 * <p>Time is counted in ticks: the driver calls {@link RaftNode#tick()} every tick interval (Fabric:
 * {@link #FABRIC_TICK_INTERVAL}); the node reads no clock.
 *
 * @param id this node's id, {@code > 0} ({@link RaftNode#NONE} = 0 means "no node")
 * @param peers the bootstrap voter set (normally including {@code id}). Used only when the storage
 *     holds no snapshot; the configuration then evolves through committed {@link ConfChange} entries.
 *     A node joining an existing cluster passes the cluster's bootstrap set (or an empty set): it is
 *     not a voter in it, so it never campaigns until it learns, from the leader's log or snapshot,
 *     that it was added.
 * @param electionTick ticks without hearing from a leader before a follower campaigns; the actual
 *     timeout is drawn uniformly from {@code [electionTick, 2 * electionTick)} on every role change
 * @param heartbeatTick ticks between leader heartbeats; must be {@code < electionTick}
 * @param preVote run a PreVote round before incrementing the term (thesis §9.6)
 * @param checkQuorum a leader steps down when it has not heard from a quorum for
 *     {@code electionTick} ticks; followers with a live leader ignore vote requests (leader lease)
 * @param maxInflightMessages AppendEntries messages a leader keeps in flight per follower while
 *     replicating optimistically
 * @param maxSizePerMessageBytes upper bound on the payload bytes of one AppendEntries (at least one
 *     entry is always sent)
 * @param maxEntriesPerMessage upper bound on the entries of one AppendEntries
 * @param random the source of randomised election timeouts; seed it for reproducible runs. Used by
 *     this node only (do not share one generator between nodes if runs must be reproducible).
 */
public record RaftConfig(
        long id,
        Set<Long> peers,
        int electionTick,
        int heartbeatTick,
        boolean preVote,
        boolean checkQuorum,
        int maxInflightMessages,
        long maxSizePerMessageBytes,
        int maxEntriesPerMessage,
        RandomGenerator random) {

    /** Fabric's ElectionTick. */
    public static final int DEFAULT_ELECTION_TICK = 10;
    /** Fabric's HeartbeatTick. */
    public static final int DEFAULT_HEARTBEAT_TICK = 1;
    /** Fabric's MaxInflightBlocks, passed to etcd/raft as MaxInflightMsgs. */
    public static final int DEFAULT_MAX_INFLIGHT_MESSAGES = 5;
    /** Fabric's PreferredMaxBytes (sampleconfig), passed to etcd/raft as MaxSizePerMsg. */
    public static final long DEFAULT_MAX_SIZE_PER_MESSAGE_BYTES = 2L * 1024 * 1024;
    /** Not a Fabric option (etcd has none): bounds one AppendEntries when entries are small. */
    public static final int DEFAULT_MAX_ENTRIES_PER_MESSAGE = 64;
    /** Fabric's TickInterval: how often a driver should call {@link RaftNode#tick()}. */
    public static final Duration FABRIC_TICK_INTERVAL = Duration.ofMillis(500);
    /**
     * Fabric's SnapshotIntervalSize: a driver policy (snapshot after this many bytes of blocks), not
     * used by the node; a driver calls {@link RaftNode#compact(long, byte[])} when it decides to.
     */
    public static final long FABRIC_SNAPSHOT_INTERVAL_SIZE_BYTES = 16L * 1024 * 1024;

    public RaftConfig {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be > 0 (0 means 'no node'), was " + id);
        }
        peers = Snapshot.sortedCopy(Objects.requireNonNull(peers, "peers"));
        if (heartbeatTick < 1) {
            throw new IllegalArgumentException("heartbeatTick must be >= 1, was " + heartbeatTick);
        }
        if (electionTick <= heartbeatTick) {
            throw new IllegalArgumentException(
                    "electionTick (" + electionTick + ") must be greater than heartbeatTick (" + heartbeatTick + ")");
        }
        if (maxInflightMessages < 1) {
            throw new IllegalArgumentException("maxInflightMessages must be >= 1, was " + maxInflightMessages);
        }
        if (maxSizePerMessageBytes < 1) {
            throw new IllegalArgumentException("maxSizePerMessageBytes must be >= 1, was " + maxSizePerMessageBytes);
        }
        if (maxEntriesPerMessage < 1) {
            throw new IllegalArgumentException("maxEntriesPerMessage must be >= 1, was " + maxEntriesPerMessage);
        }
        Objects.requireNonNull(random, "random");
    }

    /** Fabric's settings (see the class documentation) for node {@code id} of the cluster {@code peers}. */
    public static RaftConfig defaults(long id, Set<Long> peers, RandomGenerator random) {
        return new RaftConfig(id, peers, DEFAULT_ELECTION_TICK, DEFAULT_HEARTBEAT_TICK, true, true,
                DEFAULT_MAX_INFLIGHT_MESSAGES, DEFAULT_MAX_SIZE_PER_MESSAGE_BYTES, DEFAULT_MAX_ENTRIES_PER_MESSAGE, random);
    }

    public RaftConfig withTicks(int electionTick, int heartbeatTick) {
        return new RaftConfig(id, peers, electionTick, heartbeatTick, preVote, checkQuorum, maxInflightMessages,
                maxSizePerMessageBytes, maxEntriesPerMessage, random);
    }

    public RaftConfig withPreVote(boolean preVote) {
        return new RaftConfig(id, peers, electionTick, heartbeatTick, preVote, checkQuorum, maxInflightMessages,
                maxSizePerMessageBytes, maxEntriesPerMessage, random);
    }

    public RaftConfig withCheckQuorum(boolean checkQuorum) {
        return new RaftConfig(id, peers, electionTick, heartbeatTick, preVote, checkQuorum, maxInflightMessages,
                maxSizePerMessageBytes, maxEntriesPerMessage, random);
    }

    public RaftConfig withMaxInflightMessages(int maxInflightMessages) {
        return new RaftConfig(id, peers, electionTick, heartbeatTick, preVote, checkQuorum, maxInflightMessages,
                maxSizePerMessageBytes, maxEntriesPerMessage, random);
    }

    public RaftConfig withMessageLimits(long maxSizePerMessageBytes, int maxEntriesPerMessage) {
        return new RaftConfig(id, peers, electionTick, heartbeatTick, preVote, checkQuorum, maxInflightMessages,
                maxSizePerMessageBytes, maxEntriesPerMessage, random);
    }

    public RaftConfig withRandom(RandomGenerator random) {
        return new RaftConfig(id, peers, electionTick, heartbeatTick, preVote, checkQuorum, maxInflightMessages,
                maxSizePerMessageBytes, maxEntriesPerMessage, random);
    }
}
