package dev.ledgersim.orderer;

import dev.ledgersim.raft.RaftConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A channel's etcdraft {@code Options} (FABRIC.md §7.3), validated as Fabric's {@code etcdraft/util.go}
 * does: every count non-zero, {@code ElectionTick > HeartbeatTick}, a positive tick interval. A
 * {@code SnapshotIntervalSize} of 0 means Fabric's default, 16 MB.
 *
 * @param tickInterval how often the driver calls {@link ChannelOrderer#tick()} (Fabric: 500 ms)
 * @param electionTick ticks without a leader before a follower campaigns (randomised up to twice that)
 * @param heartbeatTick ticks between leader heartbeats
 * @param maxInflightBlocks blocks a leader keeps proposed but uncommitted before it stops taking
 *     envelopes (back-pressure); also Raft's per-follower in-flight AppendEntries window
 * @param snapshotIntervalSizeBytes after this many bytes of blocks written since the last snapshot, a
 *     node snapshots its Raft log (the snapshot holds the last block) and compacts it
 */
public record RaftOptions(Duration tickInterval, int electionTick, int heartbeatTick, int maxInflightBlocks,
                          long snapshotIntervalSizeBytes) {

    /** Fabric's TickInterval. */
    public static final Duration DEFAULT_TICK_INTERVAL = RaftConfig.FABRIC_TICK_INTERVAL;
    /** Fabric's ElectionTick. */
    public static final int DEFAULT_ELECTION_TICK = RaftConfig.DEFAULT_ELECTION_TICK;
    /** Fabric's HeartbeatTick. */
    public static final int DEFAULT_HEARTBEAT_TICK = RaftConfig.DEFAULT_HEARTBEAT_TICK;
    /** Fabric's MaxInflightBlocks. */
    public static final int DEFAULT_MAX_INFLIGHT_BLOCKS = 5;
    /** Fabric's SnapshotIntervalSize (and {@code DefaultSnapshotIntervalSize}). */
    public static final long DEFAULT_SNAPSHOT_INTERVAL_SIZE_BYTES = RaftConfig.FABRIC_SNAPSHOT_INTERVAL_SIZE_BYTES;

    /** Validates; a snapshot interval of 0 becomes the default. */
    public RaftOptions {
        Objects.requireNonNull(tickInterval, "tickInterval");
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("TickInterval must be positive, got " + tickInterval);
        }
        if (electionTick <= 0) {
            throw new IllegalArgumentException("ElectionTick must be non-zero, got " + electionTick);
        }
        if (heartbeatTick <= 0) {
            throw new IllegalArgumentException("HeartbeatTick must be non-zero, got " + heartbeatTick);
        }
        if (maxInflightBlocks <= 0) {
            throw new IllegalArgumentException("MaxInflightBlocks must be non-zero, got " + maxInflightBlocks);
        }
        if (electionTick <= heartbeatTick) {
            throw new IllegalArgumentException("ElectionTick (" + electionTick + ") must be greater than HeartbeatTick ("
                    + heartbeatTick + ")");
        }
        if (snapshotIntervalSizeBytes < 0) {
            throw new IllegalArgumentException("SnapshotIntervalSize must not be negative, got " + snapshotIntervalSizeBytes);
        }
        if (snapshotIntervalSizeBytes == 0) {
            snapshotIntervalSizeBytes = DEFAULT_SNAPSHOT_INTERVAL_SIZE_BYTES;
        }
    }

    /** Fabric's sampleconfig: 500 ms, 10, 1, 5, 16 MB. */
    public static RaftOptions defaults() {
        return new RaftOptions(DEFAULT_TICK_INTERVAL, DEFAULT_ELECTION_TICK, DEFAULT_HEARTBEAT_TICK,
                DEFAULT_MAX_INFLIGHT_BLOCKS, DEFAULT_SNAPSHOT_INTERVAL_SIZE_BYTES);
    }

    /** These options with another {@code MaxInflightBlocks}. */
    public RaftOptions withMaxInflightBlocks(int blocks) {
        return new RaftOptions(tickInterval, electionTick, heartbeatTick, blocks, snapshotIntervalSizeBytes);
    }

    /** These options with another {@code SnapshotIntervalSize}. */
    public RaftOptions withSnapshotIntervalSizeBytes(long bytes) {
        return new RaftOptions(tickInterval, electionTick, heartbeatTick, maxInflightBlocks, bytes);
    }

    /** These options with other election and heartbeat ticks. */
    public RaftOptions withTicks(int election, int heartbeat) {
        return new RaftOptions(tickInterval, election, heartbeat, maxInflightBlocks, snapshotIntervalSizeBytes);
    }

    /**
     * The Raft configuration Fabric's consenter derives from these options: PreVote and CheckQuorum on,
     * {@code MaxInflightMsgs = MaxInflightBlocks}, {@code MaxSizePerMsg = maxSizePerMessageBytes}
     * (the channel's PreferredMaxBytes).
     */
    public RaftConfig toRaftConfig(long id, Set<Long> peers, long maxSizePerMessageBytes, RandomGenerator random) {
        return RaftConfig.defaults(id, peers, random)
                .withTicks(electionTick, heartbeatTick)
                .withMaxInflightMessages(maxInflightBlocks)
                .withMessageLimits(maxSizePerMessageBytes, RaftConfig.DEFAULT_MAX_ENTRIES_PER_MESSAGE);
    }
}
