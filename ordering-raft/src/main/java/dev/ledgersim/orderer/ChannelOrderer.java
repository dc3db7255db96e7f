package dev.ledgersim.orderer;

import dev.ledgersim.ledger.blocks.BlockStore;
import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.policy.Policy;
import dev.ledgersim.orderer.OrdererMessage.ForwardedEnvelope;
import dev.ledgersim.orderer.OrdererMessage.PullBlocks;
import dev.ledgersim.orderer.OrdererMessage.PulledBlocks;
import dev.ledgersim.orderer.OrdererMessage.RaftStep;
import dev.ledgersim.orderer.raftlog.RocksDbRaftStorage;
import dev.ledgersim.raft.Entry;
import dev.ledgersim.raft.EntryType;
import dev.ledgersim.raft.ProposeResult;
import dev.ledgersim.raft.RaftMessage;
import dev.ledgersim.raft.RaftNode;
import dev.ledgersim.raft.RaftRole;
import dev.ledgersim.raft.Ready;
import dev.ledgersim.raft.Snapshot;
import dev.ledgersim.raft.SoftState;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One orderer's service for one channel: broadcast checks, Fabric's block cutter and batch timer, block
 * creation and signing by the Raft leader, replication of blocks through a {@link RaftNode}, and the
 * channel's block store, which every consenter fills with the committed blocks. The shape of Fabric's
 * etcdraft {@code Chain}, as a pure event-driven object: no thread, no clock, no I/O but its own
 * storage. Each event method reacts to one event and returns the {@link Effects} the driver must carry
 * out; time reaches it only as {@link #tick()} (every {@link RaftOptions#tickInterval()}), as the
 * {@code now} of a broadcast, and as {@link #batchTimeout(long)}.
 *
 * <h2>The driver loop inside every event</h2>
 * After handling the event, the orderer runs etcd's loop until Raft has nothing more to say: while
 * {@code raft.hasReady()}: take the {@link Ready}; <b>persist</b> it ({@link RocksDbRaftStorage#persist},
 * one atomic batch); <b>collect</b> its messages into the effects (the driver sends them after the
 * event returns, hence after persistence); observe a leadership change (before applying, as Fabric);
 * restore a snapshot if one arrived; <b>apply</b> the committed entries — decode each block and append it
 * to the block store; then {@code advance}. A leader then starts serving if it just caught up, and
 * feeds queued envelopes to the cutter while back-pressure allows.
 *
 * <h2>Leader</h2>
 * Envelopes (broadcast here or forwarded by followers) go through the {@link BlockCutter}; a CONFIG
 * envelope cuts the pending batch and is ordered alone. The batch timer follows FABRIC.md §7.1 and is
 * expressed as {@link TimerCommand}s. Each batch becomes the next block, chained to the last block
 * <em>created</em> (not the last committed: several can be in flight), signed with this orderer's
 * identity, and proposed as one Raft entry; its consenter metadata records the entry's Raft index.
 * Back-pressure: with {@code MaxInflightBlocks} blocks proposed and not yet committed, or a config block
 * in flight, envelopes wait in a submit queue (bounded by
 * {@link ChannelOrdererConfig#submitQueueCapacity()}) instead of entering the cutter. A newly elected
 * leader orders nothing until every entry already in its log is applied (Fabric's {@code justElected}),
 * so its first block chains to the last block committed by its predecessors.
 *
 * <h2>Leadership change (FABRIC.md §7.4)</h2>
 * When this node stops being leader, the pending batch of the cutter and the submit queue are discarded,
 * the batch timer stops and the blocks in flight are forgotten as proposals (the block creator is
 * dropped). These envelopes were answered SUCCESS; Fabric loses them silently and the client learns it
 * only through its commit-status timeout. Here they are also <em>reported</em>: the discarded ones at
 * once, and each in-flight block as soon as its fate is known — when a block of that number commits, it
 * is either the same block (it made it after all) or another leader's, and then its envelopes are
 * reported with {@link DroppedEnvelopes.Reason#PROPOSAL_NOT_COMMITTED}. See {@link DroppedEnvelopes},
 * {@link #droppedEnvelopeCount()}, and the WARN log lines.
 *
 * <h2>Followers</h2>
 * A follower checks a broadcast envelope, then forwards it to the leader it knows (an {@link Outbound}
 * {@link ForwardedEnvelope}) and answers SUCCESS; with no known leader it answers SERVICE_UNAVAILABLE
 * "no Raft leader".
 *
 * <h2>Snapshots and catch-up</h2>
 * After {@code SnapshotIntervalSize} bytes of blocks, a node snapshots its Raft log at the applied index
 * minus 4 entries (Fabric's {@code DefaultSnapshotCatchUpEntries}) with the last block at that index as
 * the snapshot data, and compacts. A node that receives such a snapshot (or restarts over one) and lacks
 * blocks up to it pulls them from another consenter ({@link PullBlocks}), checks that they chain to the
 * snapshot's block, and holds later committed blocks back until they are in.
 *
 * <h2>Restart</h2>
 * Constructing an orderer over a store that already holds its data recovers the Raft state (term, vote,
 * commit, log, snapshot) and the block store; the committed entries Raft re-delivers are skipped when
 * their block is already stored, and the node rejoins as a follower.
 *
 * <h2>Where this differs from Fabric</h2>
 * <ul>
 *   <li>The leader signs a block once, when it creates it, and the signed block is what Raft replicates;
 *       Fabric signs at write time on every consenter. So every consenter's block store is byte-identical,
 *       and the {@code SIGNATURES} slot holds the creating leader's signature. The consenter metadata's
 *       Raft index is known at creation because a proposal is always appended at {@code lastIndex + 1}.</li>
 *   <li>The signature header nonce is derived from channel, signer and block number, not drawn at random
 *       (see {@link BlockCreator}), so block bytes depend only on the seed and the events.</li>
 *   <li>A broadcast that meets back-pressure is queued and answered SUCCESS at once (Fabric blocks the
 *       broadcast stream until the chain reads it); the queue is bounded, and a full queue answers 503.</li>
 *   <li>The leader does not re-validate forwarded envelopes (Fabric does so only when the channel config
 *       sequence moved; there is no config sequence here). CONFIG envelopes pass the same filters as
 *       others and are ordered alone, but no config update is processed: CONFIG_UPDATE is refused.</li>
 *   <li>Empty and oversized envelopes are refused before the header is parsed, and expiry is read from the
 *       certificate through the channel MSPs, so an expired creator of an unknown MSP gets 403, not 400.</li>
 *   <li>Snapshots are taken 4 entries below the applied index (Fabric snapshots at the applied index and
 *       keeps 4 entries behind it, which the {@code RaftStorage} contract does not allow); a catch-up pulls
 *       blocks from consenters with {@link PullBlocks} and checks the hash chain, not signatures.</li>
 *   <li>Dropped envelopes are reported, not only lost. There is no consenter set change, eviction
 *       suspicion, leaderless check, maintenance mode, TLS or deliver ACL.</li>
 * </ul>
 *
 * <p>Not thread-safe: confine each instance to one thread or event loop.
 */
public final class ChannelOrderer implements AutoCloseable {

    /** The columns the orderer's store needs: the Raft log's and the block store's. */
    public static final Set<String> COLUMNS;

    static {
        Set<String> columns = new HashSet<>(RocksDbRaftStorage.COLUMNS);
        columns.addAll(BlockStore.COLUMNS);
        COLUMNS = Set.copyOf(columns);
    }

    /** Fabric's {@code DefaultSnapshotCatchUpEntries}: entries kept below a snapshot's block index. */
    static final int SNAPSHOT_CATCH_UP_ENTRIES = 4;
    /** How often a forwarded envelope may be forwarded again by nodes that were no longer leader. */
    static final int MAX_FORWARD_HOPS = 3;
    /** The most blocks one {@link PulledBlocks} carries. */
    static final int MAX_PULLED_BLOCKS = 64;

    private static final Logger log = LoggerFactory.getLogger(ChannelOrderer.class);

    private final ChannelOrdererConfig config;
    private final String channelId;
    private final String nodeName;
    private final long selfId;
    private final KvStore store;
    private final boolean ownsStore;
    private final RocksDbRaftStorage raftStorage;
    private final BlockStore blocks;
    private final RaftNode raft;
    private final BlockCutter cutter;
    private final EffectsBuilder fx;
    private MspManager msps;
    private Policy writers;

    // Role, as last observed in a Ready's soft state.
    private boolean leader;
    private long leaderTerm;
    private long knownLeader = RaftNode.NONE;

    // Leader only.
    private boolean justElected;
    private BlockCreator creator;
    private final ArrayDeque<InflightBlock> inflight = new ArrayDeque<>();
    private final ArrayDeque<Submitted> submitQueue = new ArrayDeque<>();
    private long timerId;
    private boolean timerRunning;

    // Every node.
    private final TreeMap<Long, InflightBlock> orphans = new TreeMap<>();
    private ProtocolBlock lastBlock;
    private long lastConfigIndex;
    private long bytesSinceSnapshot;
    private long droppedEnvelopes;
    private long leadershipLosses;
    private long blocksCreated;

    // Catch-up after a snapshot.
    private ProtocolBlock catchUpTarget;
    private final TreeMap<Long, ProtocolBlock> pulled = new TreeMap<>();
    private final List<ProtocolBlock> deferred = new ArrayList<>();
    private int pullTicks;
    private int pullAttempt;

    /** An envelope waiting at the leader. */
    private record Submitted(Envelope envelope, boolean config) {
    }

    /**
     * A block this node proposed as leader and has not seen committed, with the Raft index and term it was
     * appended at: a committed entry of the same index and term is this very block (Raft's Log Matching
     * property), so the leader applies it without decoding the entry.
     */
    private record InflightBlock(long number, Bytes headerHash, List<Envelope> envelopes, boolean config,
                                 long raftIndex, long raftTerm, ProtocolBlock block) {
    }

    /**
     * An orderer over {@code store} (which must have {@link #COLUMNS}); recovers whatever the store holds.
     * The caller keeps ownership of the store and closes it after {@link #close()}.
     */
    public ChannelOrderer(ChannelOrdererConfig config, KvStore store) {
        this(config, store, false);
    }

    private ChannelOrderer(ChannelOrdererConfig config, KvStore store, boolean ownsStore) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.ownsStore = ownsStore;
        this.channelId = config.channelId();
        this.nodeName = config.nodeName();
        this.selfId = config.raftId();
        this.msps = config.msps();
        this.writers = config.writers();
        this.fx = new EffectsBuilder(channelId);
        this.cutter = new BlockCutter(config.batch());
        this.raftStorage = new RocksDbRaftStorage(store);
        this.blocks = new BlockStore(store);
        if (blocks.height() == 0 && config.genesisBlock().isPresent()) {
            blocks.appendOrdered(config.genesisBlock().get());
            log.info("[channel: {}] {} wrote the genesis block", channelId, nodeName);
        }
        if (blocks.height() > 0) {
            lastBlock = blocks.block(blocks.height() - 1).orElseThrow();
            lastConfigIndex = OrdererBlocks.lastConfigIndex(lastBlock);
        }
        this.raft = new RaftNode(config.raft().toRaftConfig(selfId, config.raftIds(), config.batch().preferredMaxBytes(),
                config.random()), raftStorage);
        Snapshot snapshot = raftStorage.snapshot();
        if (!snapshot.isEmpty()) {
            ProtocolBlock snapBlock = decodeBlock(snapshot.data(), "the Raft snapshot at " + snapshot.index());
            if (snapBlock.number() >= blocks.height()) {
                startCatchUp(snapBlock);
            }
        }
        log.info("[channel: {}] {} (raft id {}) started at height {}, Raft term {}, commit {}, last index {}",
                channelId, nodeName, selfId, blocks.height(), raft.term(), raft.commitIndex(), raft.lastIndex());
        drive();
    }

    /**
     * Opens (or creates) this orderer's store {@link #storeName(ChannelOrdererConfig)} from
     * {@code factory} and builds the orderer over it; {@link #close()} closes the store. Opening the same
     * name again after a close is a restart.
     */
    public static ChannelOrderer open(ChannelOrdererConfig config, KvStoreFactory factory) {
        KvStore store = factory.open(storeName(config), COLUMNS);
        try {
            return new ChannelOrderer(config, store, true);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The store name {@link #open} uses: {@code <node name>/<channel id>/orderer}. */
    public static String storeName(ChannelOrdererConfig config) {
        return config.nodeName() + "/" + config.channelId() + "/orderer";
    }

    // ------------------------------------------------------------------ events

    /**
     * One Raft tick (every {@link RaftOptions#tickInterval()}): elections, heartbeats, CheckQuorum, and
     * retries of a block pull.
     */
    public Effects tick() {
        raft.tick();
        if (catchUpTarget != null && ++pullTicks >= config.raft().electionTick()) {
            pullAttempt++;
            requestPull();
        }
        drive();
        return fx.drain();
    }

    /**
     * A message from another orderer of this channel. Messages of another channel, from a non-consenter,
     * or whose Raft ids do not match the names, are ignored (with a warning).
     */
    public Effects step(OrdererMessage message) {
        Objects.requireNonNull(message, "message");
        Optional<Long> fromId = config.consenterId(message.from());
        if (!message.channelId().equals(channelId)) {
            log.warn("[channel: {}] {} ignores a message for channel {}", channelId, nodeName, message.channelId());
        } else if (fromId.isEmpty()) {
            log.warn("[channel: {}] {} ignores a message from {}, not a consenter", channelId, nodeName, message.from());
        } else {
            if (message instanceof RaftStep rs) {
                stepRaft(fromId.get(), rs.message());
            } else if (message instanceof ForwardedEnvelope fe) {
                onForwarded(fe);
            } else if (message instanceof PullBlocks pb) {
                servePull(pb);
            } else if (message instanceof PulledBlocks pb) {
                onPulled(pb);
            }
        }
        drive();
        return fx.drain();
    }

    /**
     * A client broadcasts {@code envelope} at time {@code now}. The effects hold the
     * {@link BroadcastResponse} ({@link Effects#broadcastResponse()}); see {@link BroadcastFilter} for the
     * checks. An accepted envelope is ordered here if this node leads (queued under back-pressure), or
     * forwarded to the leader.
     */
    public Effects broadcast(Envelope envelope, Instant now) {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(now, "now");
        BroadcastFilter.Verdict verdict = BroadcastFilter.check(envelope, channelId, config.batch(), msps, writers, now);
        if (verdict instanceof BroadcastFilter.Verdict.Refuse refuse) {
            log.debug("[channel: {}] {} refused a broadcast: {}", channelId, nodeName, refuse.response());
            fx.respond(refuse.response());
        } else if (verdict instanceof BroadcastFilter.Verdict.Accept accept) {
            if (leader) {
                if (submit(new Submitted(envelope, accept.config()))) {
                    fx.respond(BroadcastResponse.success());
                } else {
                    fx.respond(BroadcastResponse.refused(BroadcastResponse.Status.SERVICE_UNAVAILABLE,
                            "the leader's submit queue is full (" + config.submitQueueCapacity()
                                    + " envelopes waiting): the ordering service is under back-pressure"));
                }
            } else {
                long lead = raft.leaderId();
                if (lead == RaftNode.NONE) {
                    fx.respond(BroadcastResponse.refused(BroadcastResponse.Status.SERVICE_UNAVAILABLE, "no Raft leader"));
                } else {
                    forward(lead, envelope, 0);
                    fx.respond(BroadcastResponse.success());
                }
            }
        }
        drive();
        return fx.drain();
    }

    /**
     * The batch timer {@code id} (from a {@link TimerCommand.StartBatchTimer}) fired: the pending batch
     * is cut and proposed. Ignored unless {@code id} is the running timer of a leader.
     */
    public Effects batchTimeout(long id) {
        if (!timerRunning || id != timerId || !leader) {
            log.debug("[channel: {}] {} ignores batch timeout {} (running: {} {})", channelId, nodeName, id,
                    timerRunning, timerId);
        } else {
            timerRunning = false;
            List<Envelope> batch = cutter.cut();
            if (batch.isEmpty()) {
                log.warn("[channel: {}] batch timer expired with no pending requests, this might indicate a bug",
                        channelId);
            } else {
                log.debug("[channel: {}] batch timer expired, cutting {} envelopes", channelId, batch.size());
                proposeBlock(batch, false);
            }
        }
        drive();
        return fx.drain();
    }

    /** {@link #batchTimeout(long)} for the timer running now, if any. */
    public Effects batchTimeout() {
        return batchTimeout(timerRunning ? timerId : -1);
    }

    /**
     * Replaces the MSPs and Writers policy used by broadcast checks (a channel configuration update, such
     * as a new CRL). Takes effect for the next broadcast.
     */
    public void updateMembership(MspManager newMsps, Policy newWriters) {
        this.msps = Objects.requireNonNull(newMsps, "msps");
        this.writers = Objects.requireNonNull(newWriters, "writers");
    }

    // ------------------------------------------------------------------ queries

    /** The configuration. */
    public ChannelOrdererConfig config() {
        return config;
    }

    /** The channel. */
    public String channelId() {
        return channelId;
    }

    /** This orderer's name. */
    public String nodeName() {
        return nodeName;
    }

    /** Whether this node is the channel's Raft leader (as of the last event). */
    public boolean isLeader() {
        return leader;
    }

    /** The leader this node knows of, if any. */
    public Optional<String> leader() {
        return config.consenterName(raft.leaderId());
    }

    /** This node's Raft role. */
    public RaftRole role() {
        return raft.role();
    }

    /** This node's Raft term. */
    public long term() {
        return raft.term();
    }

    /** This node's Raft commit index. */
    public long raftCommitIndex() {
        return raft.commitIndex();
    }

    /** Number of blocks in this orderer's block store (the next block's number). */
    public long height() {
        return blocks.height();
    }

    /** Block {@code number}, if stored. */
    public Optional<ProtocolBlock> block(long number) {
        return blocks.block(number);
    }

    /** The stored bytes of block {@code number}, if stored. */
    public Optional<Bytes> blockBytes(long number) {
        return blocks.blockBytes(number);
    }

    /**
     * The deliver service: the stored blocks from {@code number} on, read lazily; the iterator also
     * returns blocks committed after it was created, and ends at the current height. Blocks committed
     * later are announced in {@link Effects#committedBlocks()}, so a driver streams to a subscriber by
     * draining this iterator once and then forwarding each event's committed blocks.
     */
    public Iterator<ProtocolBlock> blocksFrom(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("block number must be >= 0, was " + number);
        }
        return new Iterator<>() {
            private long next = number;

            @Override
            public boolean hasNext() {
                return next < blocks.height();
            }

            @Override
            public ProtocolBlock next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no block " + next + " yet (height " + blocks.height() + ")");
                }
                return blocks.block(next++).orElseThrow();
            }
        };
    }

    /** The number of the last configuration block written. */
    public long lastConfigIndex() {
        return lastConfigIndex;
    }

    /** How many accepted envelopes this node has reported dropped so far. */
    public long droppedEnvelopeCount() {
        return droppedEnvelopes;
    }

    /** How many blocks this node created (cut and proposed) as leader. */
    public long createdBlockCount() {
        return blocksCreated;
    }

    /** How many times this node lost leadership. */
    public long leadershipLosses() {
        return leadershipLosses;
    }

    /** Blocks proposed by this leader and not yet committed. */
    public int inflightBlockCount() {
        return inflight.size();
    }

    /** Envelopes in the block cutter's pending batch. */
    public int pendingEnvelopeCount() {
        return cutter.pendingCount();
    }

    /** Envelopes waiting in the leader's submit queue. */
    public int queuedEnvelopeCount() {
        return submitQueue.size();
    }

    /** Whether the batch timer is running. */
    public boolean batchTimerRunning() {
        return timerRunning;
    }

    /** Whether this node is fetching blocks covered by a Raft snapshot. */
    public boolean isCatchingUp() {
        return catchUpTarget != null;
    }

    /** The index of this node's latest Raft snapshot (0 if none). */
    public long raftSnapshotIndex() {
        return raftStorage.snapshot().index();
    }

    /** Whether this leader is creating blocks (elected, and every entry of earlier terms applied). */
    boolean serving() {
        return creator != null;
    }

    /** Closes the store if {@link #open} opened it. */
    @Override
    public void close() {
        if (ownsStore) {
            store.close();
        }
    }

    @Override
    public String toString() {
        return "ChannelOrderer[" + channelId + "@" + nodeName + ", " + raft.role() + ", term " + raft.term()
                + ", height " + blocks.height() + "]";
    }

    // ------------------------------------------------------------------ Raft driver loop

    private void drive() {
        while (true) {
            while (raft.hasReady()) {
                Ready rd = raft.ready();
                raftStorage.persist(rd);
                for (RaftMessage m : rd.messages()) {
                    Optional<String> to = config.consenterName(m.to());
                    if (to.isPresent()) {
                        fx.send(to.get(), new RaftStep(channelId, nodeName, m));
                    } else {
                        log.warn("[channel: {}] {} drops a Raft message to unknown node {}", channelId, nodeName, m.to());
                    }
                }
                if (rd.softState() != null) {
                    onSoftState(rd.softState());
                }
                if (rd.snapshot() != null) {
                    onSnapshot(rd.snapshot());
                }
                apply(rd.committedEntries());
                raft.advance(rd);
            }
            maybeSnapshot();
            if (leader && justElected && raft.appliedIndex() == raft.lastIndex() && catchUpTarget == null) {
                startServing();
            }
            drainQueue();
            if (!raft.hasReady()) {
                return;
            }
        }
    }

    private void stepRaft(long fromId, RaftMessage m) {
        if (m.from() != fromId || m.to() != selfId) {
            log.warn("[channel: {}] {} ignores a Raft message {} -> {} sent by {}", channelId, nodeName, m.from(), m.to(),
                    fromId);
            return;
        }
        raft.step(m);
    }

    private void onSoftState(SoftState ss) {
        boolean nowLeader = ss.role() == RaftRole.LEADER;
        if (ss.leaderId() != knownLeader) {
            log.info("[channel: {}] {}: Raft leader changed: {} -> {} (term {})", channelId, nodeName,
                    config.consenterName(knownLeader).orElse("none"), config.consenterName(ss.leaderId()).orElse("none"),
                    raft.term());
            knownLeader = ss.leaderId();
        }
        if (leader && (!nowLeader || raft.term() != leaderTerm)) {
            becomeFollower();
        }
        if (nowLeader && !leader) {
            becomeLeader();
        }
    }

    private void becomeLeader() {
        leader = true;
        leaderTerm = raft.term();
        justElected = true;
        creator = null;
        log.info("[channel: {}] {} became Raft leader at term {}; waiting for in-flight blocks of earlier terms",
                channelId, nodeName, leaderTerm);
    }

    /** Fabric's {@code justElected} ends: every entry in our log is applied; blocks chain to the last one. */
    private void startServing() {
        justElected = false;
        creator = new BlockCreator(channelId, config.signer(), blocks.height(), blocks.lastHeaderHash(), lastConfigIndex);
        log.info("[channel: {}] {} starts accepting requests as Raft leader at block [{}]", channelId, nodeName,
                blocks.height() - 1);
    }

    /** Fabric's {@code becomeFollower}: proposals cancelled, pending batch discarded, timer stopped. */
    private void becomeFollower() {
        leader = false;
        leadershipLosses++;
        justElected = false;
        creator = null;
        stopTimer();
        List<Envelope> pending = cutter.cut();
        drop(DroppedEnvelopes.Reason.PENDING_BATCH_DISCARDED, pending,
                "leadership lost: the block cutter's pending batch is discarded");
        List<Envelope> queued = new ArrayList<>();
        submitQueue.forEach(s -> queued.add(s.envelope()));
        submitQueue.clear();
        drop(DroppedEnvelopes.Reason.SUBMIT_QUEUE_DISCARDED, queued,
                "leadership lost: envelopes waiting for back-pressure to ease are discarded");
        if (!inflight.isEmpty()) {
            log.warn("[channel: {}] {} lost leadership with {} block(s) in flight ({}..{}); their fate is decided when "
                            + "those block numbers commit", channelId, nodeName, inflight.size(),
                    inflight.peekFirst().number(), inflight.peekLast().number());
        }
        for (InflightBlock b : inflight) {
            orphans.put(b.number(), b);
        }
        inflight.clear();
        log.info("[channel: {}] {} is no longer Raft leader (term {})", channelId, nodeName, raft.term());
    }

    private void apply(List<Entry> entries) {
        for (Entry e : entries) {
            if (e.type() != EntryType.NORMAL || e.dataLength() == 0) {
                continue; // the leader's no-op, or a membership change Raft applied itself
            }
            ProtocolBlock block = proposedHere(e);
            if (block == null) {
                block = decodeBlock(e.data(), "Raft entry " + e.index());
            }
            if (catchUpTarget != null) {
                deferred.add(block);
                continue;
            }
            appendCommitted(block, e.dataLength());
        }
    }

    /** The block this node proposed as {@code e}, if it did (same Raft index and term), else null. */
    private ProtocolBlock proposedHere(Entry e) {
        for (InflightBlock b : inflight) {
            if (b.raftIndex() == e.index()) {
                return b.raftTerm() == e.term() ? b.block() : null;
            }
        }
        return null;
    }

    /** Appends a committed block (skipping one already stored) and settles the bookkeeping around it. */
    private void appendCommitted(ProtocolBlock block, long size) {
        long height = blocks.height();
        if (block.number() < height) {
            log.debug("[channel: {}] {} skips block [{}]: already written", channelId, nodeName, block.number());
            return;
        }
        if (block.number() > height) {
            throw new IllegalStateException("[channel: " + channelId + "] " + nodeName + ": Raft committed block "
                    + block.number() + " but the block store holds blocks up to " + (height - 1)
                    + ": blocks are missing and no snapshot explains it");
        }
        try {
            blocks.appendOrdered(block);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("[channel: " + channelId + "] " + nodeName
                    + ": a committed block does not extend the chain (a fork): " + e.getMessage(), e);
        }
        lastBlock = block;
        lastConfigIndex = OrdererBlocks.lastConfigIndex(block);
        bytesSinceSnapshot += size;
        fx.committed(block);
        Bytes hash = Hashes.blockHeaderHash(block.header());
        log.debug("[channel: {}] {} wrote block [{}] with {} envelopes", channelId, nodeName, block.number(),
                block.data().size());
        InflightBlock head = inflight.peekFirst();
        if (head != null && head.number() == block.number()) {
            inflight.pollFirst();
            if (!head.headerHash().equals(hash)) {
                throw new IllegalStateException("[channel: " + channelId + "] leader " + nodeName + " proposed block "
                        + block.number() + " but another block of that number committed in its term");
            }
        }
        InflightBlock orphan = orphans.remove(block.number());
        if (orphan != null) {
            if (orphan.headerHash().equals(hash)) {
                log.info("[channel: {}] block [{}] proposed by {} before it lost leadership committed after all",
                        channelId, block.number(), nodeName);
            } else {
                drop(DroppedEnvelopes.Reason.PROPOSAL_NOT_COMMITTED, orphan.envelopes(), "block " + block.number()
                        + " proposed by " + nodeName + " as leader was replaced by another leader's block");
            }
        }
    }

    private void maybeSnapshot() {
        if (bytesSinceSnapshot < config.raft().snapshotIntervalSizeBytes() || catchUpTarget != null || lastBlock == null) {
            return;
        }
        long index = raft.appliedIndex() - SNAPSHOT_CATCH_UP_ENTRIES;
        if (index <= raftStorage.snapshot().index()) {
            return;
        }
        ProtocolBlock at = lastBlock;
        while (raftIndexOf(at) > index) {
            Optional<ProtocolBlock> previous = at.number() == 0 ? Optional.empty() : blocks.block(at.number() - 1);
            if (previous.isEmpty()) {
                return;
            }
            at = previous.get();
        }
        raft.compact(index, ProtoCodec.encode(at).toByteArray());
        bytesSinceSnapshot = 0;
        log.info("[channel: {}] {} took a Raft snapshot at index {} (block [{}]) and compacted the log", channelId,
                nodeName, index, at.number());
    }

    private static long raftIndexOf(ProtocolBlock block) {
        return OrdererBlocks.raftMetadata(block).map(EtcdRaftBlockMetadata::raftIndex).orElse(0L);
    }

    // ------------------------------------------------------------------ leader: ordering

    /** Orders now or queues; false if the queue is full. */
    private boolean submit(Submitted s) {
        if (canOrderNow() && submitQueue.isEmpty()) {
            ordered(s);
            return true;
        }
        if (submitQueue.size() >= config.submitQueueCapacity()) {
            return false;
        }
        submitQueue.addLast(s);
        return true;
    }

    private boolean canOrderNow() {
        return leader && creator != null && inflight.size() < config.raft().maxInflightBlocks()
                && inflight.stream().noneMatch(InflightBlock::config);
    }

    private void drainQueue() {
        while (!submitQueue.isEmpty() && canOrderNow()) {
            ordered(submitQueue.pollFirst());
        }
    }

    /** Fabric's {@code ordered} then {@code propose}, with the batch timer rules of §7.1. */
    private void ordered(Submitted s) {
        List<List<Envelope>> batches = new ArrayList<>(2);
        boolean pending;
        if (s.config()) {
            List<Envelope> batch = cutter.cut();
            if (!batch.isEmpty()) {
                batches.add(batch);
            }
            batches.add(List.of(s.envelope()));
            pending = false;
        } else {
            BlockCutter.Ordered o = cutter.ordered(s.envelope());
            batches.addAll(o.batches());
            pending = o.pending();
        }
        if (pending) {
            startTimer();
        } else {
            stopTimer();
        }
        for (int i = 0; i < batches.size(); i++) {
            proposeBlock(batches.get(i), s.config() && i == batches.size() - 1);
        }
    }

    private void proposeBlock(List<Envelope> batch, boolean configBlock) {
        long index = raft.lastIndex() + 1;
        List<Long> ids = new ArrayList<>(config.raftIds());
        Bytes consenterMetadata = new EtcdRaftBlockMetadata(ids, ids.get(ids.size() - 1) + 1, index).encode();
        ProtocolBlock block = creator.create(batch, configBlock, consenterMetadata);
        // Raft's entry copies the bytes. The encoding is remembered: when the entry commits, this node's
        // block store writes the same block object and finds it instead of encoding the block again.
        ProposeResult result = raft.propose(ProtoCodec.encodeAndRemember(block).unsafeArray());
        if (result instanceof ProposeResult.Accepted accepted) {
            if (accepted.index() != index) {
                throw new IllegalStateException("block " + block.number() + " was built for Raft index " + index
                        + " but Raft appended it at " + accepted.index());
            }
            creator.created(block, configBlock);
            blocksCreated++;
            inflight.addLast(new InflightBlock(block.number(), Hashes.blockHeaderHash(block.header()), batch, configBlock,
                    accepted.index(), accepted.term(), block));
            log.debug("[channel: {}] {} created block [{}] ({} envelopes), {} blocks in flight", channelId, nodeName,
                    block.number(), batch.size(), inflight.size());
        } else {
            drop(DroppedEnvelopes.Reason.PROPOSAL_REFUSED, batch, "Raft refused block " + block.number() + ": " + result);
        }
    }

    private void startTimer() {
        if (!timerRunning) {
            timerRunning = true;
            timerId++;
            fx.timer(new TimerCommand.StartBatchTimer(channelId, timerId, config.batch().batchTimeout()));
        }
    }

    private void stopTimer() {
        if (timerRunning) {
            timerRunning = false;
            fx.timer(new TimerCommand.StopBatchTimer(channelId, timerId));
        }
    }

    // ------------------------------------------------------------------ forwarding

    private void forward(long to, Envelope envelope, int hops) {
        fx.send(config.consenterName(to).orElseThrow(), new ForwardedEnvelope(channelId, nodeName, envelope, hops));
    }

    private void onForwarded(ForwardedEnvelope fe) {
        if (leader) {
            if (!submit(new Submitted(fe.envelope(), BroadcastFilter.isConfig(fe.envelope())))) {
                drop(DroppedEnvelopes.Reason.SUBMIT_QUEUE_FULL, List.of(fe.envelope()),
                        "an envelope forwarded by " + fe.from() + " found the submit queue full");
            }
            return;
        }
        long lead = raft.leaderId();
        if (lead != RaftNode.NONE && lead != selfId && fe.hops() < MAX_FORWARD_HOPS) {
            forward(lead, fe.envelope(), fe.hops() + 1);
        } else {
            drop(DroppedEnvelopes.Reason.FORWARD_FAILED, List.of(fe.envelope()), "an envelope forwarded by " + fe.from()
                    + " reached " + nodeName + ", which is not the leader and knows none (no Raft leader)");
        }
    }

    private void drop(DroppedEnvelopes.Reason reason, List<Envelope> envelopes, String detail) {
        if (envelopes.isEmpty()) {
            return;
        }
        droppedEnvelopes += envelopes.size();
        fx.dropped(reason, envelopes, detail);
        log.warn("[channel: {}] {} dropped {} accepted envelope(s) ({}): {}; clients learn it by a commit-status timeout",
                channelId, nodeName, envelopes.size(), reason, detail);
    }

    // ------------------------------------------------------------------ snapshots and catch-up

    private void onSnapshot(Snapshot snapshot) {
        ProtocolBlock target = decodeBlock(snapshot.data(), "the Raft snapshot at " + snapshot.index());
        if (target.number() < blocks.height()) {
            log.debug("[channel: {}] {} installed a snapshot at block [{}], which it already has", channelId, nodeName,
                    target.number());
            return;
        }
        startCatchUp(target);
    }

    private void startCatchUp(ProtocolBlock target) {
        // blocks held back for an older target and now covered by this one can serve as pulled blocks
        for (ProtocolBlock b : deferred) {
            if (b.number() < target.number()) {
                pulled.put(b.number(), b);
            }
        }
        deferred.removeIf(b -> b.number() <= target.number());
        catchUpTarget = target;
        log.info("[channel: {}] {} must catch up from block [{}] to block [{}] of a Raft snapshot", channelId, nodeName,
                blocks.height(), target.number());
        if (!tryCompleteCatchUp()) {
            requestPull();
        }
    }

    private void requestPull() {
        pullTicks = 0;
        long from = blocks.height();
        while (pulled.containsKey(from)) {
            from++;
        }
        long to = catchUpTarget.number() - 1;
        List<String> others = new ArrayList<>();
        for (Consenter c : config.consenters()) {
            if (!c.name().equals(nodeName)) {
                others.add(c.name());
            }
        }
        if (others.isEmpty() || from > to) {
            return;
        }
        Optional<String> lead = raft.leaderId() == selfId ? Optional.empty() : config.consenterName(raft.leaderId());
        String source = pullAttempt == 0 && lead.isPresent() ? lead.get() : others.get(pullAttempt % others.size());
        fx.send(source, new PullBlocks(channelId, nodeName, from, to));
        log.debug("[channel: {}] {} pulls blocks [{}..{}] from {}", channelId, nodeName, from, to, source);
    }

    private void servePull(PullBlocks request) {
        List<ProtocolBlock> out = new ArrayList<>();
        for (long n = request.fromNumber(); n <= request.toNumber() && n < blocks.height()
                && out.size() < MAX_PULLED_BLOCKS; n++) {
            out.add(blocks.block(n).orElseThrow());
        }
        fx.send(request.from(), new PulledBlocks(channelId, nodeName, out));
    }

    private void onPulled(PulledBlocks response) {
        if (catchUpTarget == null) {
            return;
        }
        int useful = 0;
        for (ProtocolBlock b : response.blocks()) {
            if (b.number() >= blocks.height() && b.number() < catchUpTarget.number() && !pulled.containsKey(b.number())) {
                pulled.put(b.number(), b);
                useful++;
            }
        }
        if (tryCompleteCatchUp()) {
            return;
        }
        if (useful == 0) {
            pullAttempt++; // that consenter could not help: ask another
        }
        requestPull();
    }

    /**
     * Appends the pulled blocks and the snapshot's block once every block below it is here and they chain
     * to it (checked backwards from the snapshot's block, which came through Raft), then the blocks that
     * committed meanwhile. Returns whether the catch-up is complete.
     */
    private boolean tryCompleteCatchUp() {
        long height = blocks.height();
        for (long n = height; n < catchUpTarget.number(); n++) {
            if (!pulled.containsKey(n)) {
                return false;
            }
        }
        Bytes expected = catchUpTarget.header().previousHash();
        for (long n = catchUpTarget.number() - 1; n >= height; n--) {
            ProtocolBlock b = pulled.get(n);
            if (!Hashes.blockHeaderHash(b.header()).equals(expected)
                    || !Hashes.blockDataHash(b).equals(b.header().dataHash())) {
                log.warn("[channel: {}] {} pulled a block [{}] that does not chain to the snapshot's block [{}]; pulling again",
                        channelId, nodeName, n, catchUpTarget.number());
                pulled.clear();
                pullAttempt++;
                return false;
            }
            expected = b.header().previousHash();
        }
        ProtocolBlock target = catchUpTarget;
        catchUpTarget = null;
        for (long n = height; n < target.number(); n++) {
            ProtocolBlock b = pulled.get(n);
            appendCommitted(b, ProtoCodec.encode(b).size());
        }
        appendCommitted(target, ProtoCodec.encode(target).size());
        pulled.clear();
        pullAttempt = 0;
        log.info("[channel: {}] {} caught up to block [{}]", channelId, nodeName, target.number());
        List<ProtocolBlock> later = new ArrayList<>(deferred);
        deferred.clear();
        for (ProtocolBlock b : later) {
            appendCommitted(b, ProtoCodec.encode(b).size());
        }
        return true;
    }

    private ProtocolBlock decodeBlock(byte[] bytes, String where) {
        try {
            return ProtoCodec.decodeBlock(Bytes.wrap(bytes));
        } catch (CodecException e) {
            throw new IllegalStateException("[channel: " + channelId + "] " + nodeName + ": " + where
                    + " does not hold a block: " + e.getMessage(), e);
        }
    }
}
