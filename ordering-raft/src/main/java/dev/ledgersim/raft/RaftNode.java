package dev.ledgersim.raft;

import dev.ledgersim.raft.RaftMessage.AppendEntries;
import dev.ledgersim.raft.RaftMessage.AppendEntriesResponse;
import dev.ledgersim.raft.RaftMessage.Heartbeat;
import dev.ledgersim.raft.RaftMessage.HeartbeatResponse;
import dev.ledgersim.raft.RaftMessage.InstallSnapshot;
import dev.ledgersim.raft.RaftMessage.InstallSnapshotResponse;
import dev.ledgersim.raft.RaftMessage.PreVote;
import dev.ledgersim.raft.RaftMessage.PreVoteResponse;
import dev.ledgersim.raft.RaftMessage.RequestVote;
import dev.ledgersim.raft.RaftMessage.RequestVoteResponse;
import dev.ledgersim.raft.RaftMessage.TimeoutNow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * One Raft peer as a pure state machine, in the shape of etcd's {@code RawNode}: no thread, no clock,
 * no I/O. Inputs are {@link #tick()}, {@link #step(RaftMessage)}, {@link #propose(byte[])},
 * {@link #proposeConfChange(ConfChange)}, {@link #transferLeadership(long)} and
 * {@link #compact(long, byte[])}; the output is a {@link Ready} that the driver persists, sends and
 * applies before calling {@link #advance(Ready)}.
 *
 * <h2>What it implements</h2>
 * <ul>
 *   <li>Leader election (§5.2) with a timeout drawn from {@link RaftConfig#random()} in
 *       {@code [electionTick, 2 * electionTick)} on every role change; the election restriction
 *       (§5.4.1).</li>
 *   <li>PreVote (thesis §9.6): a follower whose timeout elapses first asks for pre-votes at
 *       {@code term + 1} without changing its term; a node grants one if the candidate's log is up to
 *       date and it has not heard from a leader for {@code electionTick} ticks.</li>
 *   <li>CheckQuorum (thesis §6.2): a leader that has not heard from a quorum in {@code electionTick}
 *       ticks steps down; and, as etcd, a node that heard from a leader within {@code electionTick}
 *       ticks ignores RequestVote of a higher term (leader lease), unless the vote is part of a
 *       leadership transfer. A partitioned leader thus steps down, a minority cannot elect, and a
 *       rejoining node cannot depose a healthy leader.</li>
 *   <li>Log replication (§5.3) with the consistency check and etcd's reject hint for fast back-off,
 *       per-follower progress (probe / replicate with an inflight window / snapshot); commitment of
 *       current-term entries by a majority only (§5.4.2); an empty entry appended on election.</li>
 *   <li>Heartbeats every {@code heartbeatTick} ticks, as a separate message type
 *       ({@link RaftMessage.Heartbeat}).</li>
 *   <li>Leadership transfer (thesis §3.10), log compaction and InstallSnapshot (§7), single-server
 *       membership changes (thesis §4.1).</li>
 * </ul>
 *
 * <h2>Membership changes</h2>
 * A {@link ConfChange} entry takes effect on every node <em>when the node learns that it is
 * committed</em>, inside the node (etcd leaves this to the application calling ApplyConfChange after
 * applying the entry; doing it on commit makes the driver simpler and the moment deterministic). A
 * leader accepts a new change only once the previous one, and every entry that was in its log when
 * it was elected, is committed — which also closes the single-server change bug Ongaro described in
 * 2015, since a new leader must first commit an entry of its own term. A leader whose removal commits
 * sends one last heartbeat round (carrying the commit), hands over to the most up-to-date remaining
 * voter with {@link RaftMessage.TimeoutNow} if that voter holds the whole log, and steps down. A node
 * that is not a voter never campaigns.
 *
 * <h2>Threads</h2>
 * Not thread-safe: confine each node to one thread (or one simulated event loop).
 */
public final class RaftNode {

    /** "No node": no leader known, no vote cast. */
    public static final long NONE = 0;

    private enum VoteResult { PENDING, WON, LOST }

    private final long id;
    private final RaftConfig config;
    private final RandomGenerator random;
    private final RaftStorage storage;
    private final RaftLog log;

    private long term;
    private long votedFor;
    private long leaderId = NONE;
    private RaftRole role = RaftRole.FOLLOWER;

    private SortedSet<Long> voters;
    /** Voter set in force from each index on (floor lookup gives the set at any index). */
    private final TreeMap<Long, SortedSet<Long>> configHistory = new TreeMap<>();

    private final TreeMap<Long, Progress> progress = new TreeMap<>();
    private final TreeMap<Long, Boolean> votes = new TreeMap<>();
    private long leadTransferee = NONE;
    /** Leader: index of the latest conf change (or of the last entry at election); no new change until committed. */
    private long pendingConfIndex;

    private int electionElapsed;
    private int heartbeatElapsed;
    private int randomizedElectionTimeout;

    private final ArrayList<RaftMessage> msgs = new ArrayList<>();
    private SoftState prevSoftState = new SoftState(NONE, RaftRole.FOLLOWER);
    private HardState prevHardState;
    private Ready outstanding;

    /**
     * Creates a node over {@code storage}. If the storage already holds state (a restart), the node
     * recovers term, vote, commit index, log and snapshot from it; the configuration is the
     * snapshot's (or {@link RaftConfig#peers()} without one) plus the committed conf changes in the
     * log. The node starts as a follower with no known leader; committed entries after the snapshot
     * are handed to the application again in the first {@link Ready}.
     */
    public RaftNode(RaftConfig config, RaftStorage storage) {
        this.config = Objects.requireNonNull(config, "config");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.id = config.id();
        this.random = config.random();
        HardState hs = Objects.requireNonNull(storage.initialState(), "storage.initialState()");
        Snapshot snap = Objects.requireNonNull(storage.snapshot(), "storage.snapshot()");
        if (storage.firstIndex() != snap.index() + 1) {
            throw new IllegalStateException("storage firstIndex " + storage.firstIndex()
                    + " does not follow its snapshot index " + snap.index());
        }
        this.log = new RaftLog(storage);
        if (hs.commitIndex() < snap.index() || hs.commitIndex() > log.lastIndex()) {
            throw new IllegalStateException("stored commit index " + hs.commitIndex() + " is outside ["
                    + snap.index() + ", " + log.lastIndex() + "]");
        }
        this.voters = Snapshot.sortedCopy(snap.isEmpty() ? config.peers() : snap.voters());
        configHistory.put(snap.index(), voters);
        this.term = hs.term();
        this.votedFor = hs.votedFor();
        log.initCommitted(snap.index());
        advanceCommit(hs.commitIndex()); // replays committed conf changes
        this.prevHardState = hs;
        becomeFollower(term, NONE);
    }

    // ------------------------------------------------------------------ status

    public long id() {
        return id;
    }

    public long term() {
        return term;
    }

    public RaftRole role() {
        return role;
    }

    /** The leader this node knows of in its current term, {@link #NONE} if none. */
    public long leaderId() {
        return leaderId;
    }

    public long votedFor() {
        return votedFor;
    }

    public long commitIndex() {
        return log.committed();
    }

    /** Highest index handed to the application and acknowledged by {@link #advance(Ready)}. */
    public long appliedIndex() {
        return log.applied();
    }

    public long firstIndex() {
        return log.firstIndex();
    }

    public long lastIndex() {
        return log.lastIndex();
    }

    /** The current voter set (sorted, unmodifiable). */
    public SortedSet<Long> voters() {
        return voters;
    }

    /** The voter a leadership transfer targets, {@link #NONE} if no transfer is running. */
    public long transferee() {
        return leadTransferee;
    }

    public RaftConfig config() {
        return config;
    }

    // package-private views for tests
    Progress progress(long node) {
        return progress.get(node);
    }

    int electionElapsed() {
        return electionElapsed;
    }

    int randomizedElectionTimeout() {
        return randomizedElectionTimeout;
    }

    Entry entryAt(long index) {
        List<Entry> ents = log.entries(index, index + 1);
        return ents == null || ents.isEmpty() ? null : ents.get(0);
    }

    /** All entries from {@code firstIndex()} to {@code lastIndex()}, persisted or not. */
    List<Entry> logEntries() {
        return log.entries(log.firstIndex(), log.lastIndex() + 1);
    }

    // ------------------------------------------------------------------ inputs

    /** Advances logical time by one tick (Fabric: every {@link RaftConfig#FABRIC_TICK_INTERVAL}). */
    public void tick() {
        if (role == RaftRole.LEADER) {
            tickHeartbeat();
        } else {
            tickElection();
        }
    }

    /**
     * Starts an election now, as if the election timeout had elapsed (a PreVote round first if
     * enabled). No effect on a leader or on a node that is not a voter.
     */
    public void campaign() {
        hup(false);
    }

    /**
     * Proposes {@code data} for replication. Only a leader accepts; see {@link ProposeResult} for the
     * refusals. The entry is committed once a majority stores it; watch {@link Ready#committedEntries()}.
     */
    public ProposeResult propose(byte[] data) {
        Objects.requireNonNull(data, "data");
        ProposeResult refusal = refuseProposal();
        if (refusal != null) {
            return refusal;
        }
        Entry e = appendEntry(EntryType.NORMAL, data);
        bcastAppend();
        return new ProposeResult.Accepted(e.index(), e.term());
    }

    /**
     * Proposes a single-server membership change. Refused ({@link ProposeResult.Dropped}) while a
     * previous change is not committed, for a no-op change, or for removing the last voter. The change
     * takes effect on each node when it learns the entry is committed (see the class documentation).
     */
    public ProposeResult proposeConfChange(ConfChange change) {
        Objects.requireNonNull(change, "change");
        ProposeResult refusal = refuseProposal();
        if (refusal != null) {
            return refusal;
        }
        if (pendingConfIndex > log.committed()) {
            return new ProposeResult.Dropped("a configuration change (or an entry of a previous term) at index "
                    + pendingConfIndex + " is not committed yet (commit " + log.committed() + ")");
        }
        boolean present = voters.contains(change.nodeId());
        if (change.type() == ConfChange.Type.ADD_NODE && present) {
            return new ProposeResult.Dropped("node " + change.nodeId() + " is already a voter");
        }
        if (change.type() == ConfChange.Type.REMOVE_NODE && !present) {
            return new ProposeResult.Dropped("node " + change.nodeId() + " is not a voter");
        }
        if (change.type() == ConfChange.Type.REMOVE_NODE && voters.size() == 1) {
            return new ProposeResult.Dropped("cannot remove the last voter " + change.nodeId());
        }
        Entry e = appendEntry(EntryType.CONF_CHANGE, change.encode());
        pendingConfIndex = e.index();
        bcastAppend();
        return new ProposeResult.Accepted(e.index(), e.term());
    }

    private ProposeResult refuseProposal() {
        if (role != RaftRole.LEADER) {
            return new ProposeResult.NotLeader(leaderId);
        }
        if (leadTransferee != NONE) {
            return new ProposeResult.Transferring(leadTransferee);
        }
        if (!progress.containsKey(id)) {
            return new ProposeResult.Dropped("node " + id + " is no longer a voter");
        }
        return null;
    }

    /**
     * Thesis §3.10: hands leadership to {@code target}. The leader stops taking proposals, brings
     * the target's log up to date, then sends it {@link RaftMessage.TimeoutNow}; the target campaigns
     * at once and its voters disregard their leader lease. The transfer is abandoned if it has not
     * completed within {@code electionTick} ticks.
     */
    public TransferResult transferLeadership(long target) {
        if (role != RaftRole.LEADER) {
            return TransferResult.NOT_LEADER;
        }
        if (target == id) {
            return TransferResult.ALREADY_LEADER;
        }
        Progress pr = progress.get(target);
        if (pr == null) {
            return TransferResult.NOT_A_VOTER;
        }
        if (leadTransferee == target) {
            return TransferResult.ALREADY_IN_PROGRESS;
        }
        abortLeaderTransfer();
        electionElapsed = 0;
        leadTransferee = target;
        if (pr.match == log.lastIndex()) {
            sendTimeoutNow(target);
        } else {
            sendAppend(target, true);
        }
        return TransferResult.STARTED;
    }

    /**
     * Builds the snapshot of the application state {@code data} at {@code index} (with the entry's
     * term and the voter set in force there), without touching storage. Requires
     * {@code index <= appliedIndex()}, i.e. the application state includes entry {@code index}.
     */
    public Snapshot createSnapshot(long index, byte[] data) {
        if (index > log.applied()) {
            throw new IllegalArgumentException("cannot snapshot at " + index + ": only " + log.applied() + " applied");
        }
        long t = log.term(index);
        if (index < 1 || t == RaftLog.UNKNOWN || index < log.firstIndex()) {
            throw new IllegalArgumentException("cannot snapshot at " + index + ": the log holds ["
                    + log.firstIndex() + ", " + log.lastIndex() + "]");
        }
        return new Snapshot(index, t, votersAt(index), data);
    }

    /**
     * Log compaction (§7): {@link #createSnapshot} then {@link RaftStorage#compact(Snapshot)}, which
     * the node calls itself. Entries up to {@code index} are gone afterwards; a follower that still
     * needs them will be sent this snapshot.
     */
    public Snapshot compact(long index, byte[] data) {
        Snapshot snapshot = createSnapshot(index, data);
        storage.compact(snapshot);
        Long floor = configHistory.floorKey(index);
        configHistory.headMap(floor, false).clear();
        return snapshot;
    }

    /**
     * Feeds a message received from a peer. Messages of an older term are ignored (or answered so the
     * stale sender learns the term); messages of a newer term make this node a follower first (§5.1),
     * except PreVote traffic. Throws {@link IllegalArgumentException} for a message addressed to
     * another node.
     */
    public void step(RaftMessage m) {
        Objects.requireNonNull(m, "message");
        if (m.to() != id) {
            throw new IllegalArgumentException("node " + id + " received a message addressed to " + m.to() + ": " + m);
        }
        if (m.term() > term) {
            if (m instanceof PreVote || m instanceof RequestVote) {
                boolean transfer = m instanceof RequestVote rv && rv.leadershipTransfer();
                boolean leaseApplies = m instanceof PreVote || config.checkQuorum();
                boolean inLease = leaderId != NONE && electionElapsed < config.electionTick();
                if (!transfer && leaseApplies && inLease) {
                    return; // we heard from a live leader: ignore (thesis §4.2.3 / §9.6, etcd's lease)
                }
            }
            if (m instanceof PreVote) {
                // never change the term on a pre-vote
            } else if (m instanceof PreVoteResponse r && r.granted()) {
                // a granted pre-vote carries the future term we asked about
            } else if (m instanceof AppendEntries || m instanceof Heartbeat || m instanceof InstallSnapshot) {
                becomeFollower(m.term(), m.from());
            } else {
                becomeFollower(m.term(), NONE);
            }
        } else if (m.term() < term) {
            if ((config.checkQuorum() || config.preVote()) && m instanceof AppendEntries) {
                // tell a stale leader (e.g. one cut off by a partition) about the new term
                send(AppendEntriesResponse.rejected(id, m.from(), term, 0, 0, 0));
            } else if ((config.checkQuorum() || config.preVote()) && m instanceof Heartbeat) {
                send(new HeartbeatResponse(id, m.from(), term));
            } else if (m instanceof PreVote) {
                send(new PreVoteResponse(id, m.from(), term, false));
            }
            return;
        }

        if (m instanceof PreVote pv) {
            handleVoteRequest(pv.from(), pv.term(), pv.lastLogIndex(), pv.lastLogTerm(), true);
        } else if (m instanceof RequestVote rv) {
            handleVoteRequest(rv.from(), rv.term(), rv.lastLogIndex(), rv.lastLogTerm(), false);
        } else {
            switch (role) {
                case LEADER -> stepLeader(m);
                case CANDIDATE, PRE_CANDIDATE -> stepCandidate(m);
                case FOLLOWER -> stepFollower(m);
            }
        }
    }

    // ------------------------------------------------------------------ Ready / advance

    /**
     * Whether {@link #ready()} has anything to hand out. Always false while a Ready is outstanding
     * (handed out by {@link #ready()} and not yet passed to {@link #advance(Ready)}).
     */
    public boolean hasReady() {
        if (outstanding != null) {
            return false;
        }
        return !softState().equals(prevSoftState) || !hardState().equals(prevHardState)
                || log.pendingSnapshot() != null || log.hasUnstableEntries() || !msgs.isEmpty()
                || log.hasNextCommittedEntries();
    }

    /**
     * Collects what the driver must persist, send and apply (see {@link Ready} for the order). The
     * messages are handed over (not returned again). At most one Ready may be outstanding: call
     * {@link #advance(Ready)} before the next {@code ready()}.
     */
    public Ready ready() {
        if (outstanding != null) {
            throw new IllegalStateException("the previous Ready has not been advanced");
        }
        SoftState ss = softState();
        HardState hs = hardState();
        Snapshot snap = log.pendingSnapshot();
        List<Entry> ents = log.unstableEntries();
        boolean hsChanged = !hs.equals(prevHardState);
        boolean mustSync = snap != null || !ents.isEmpty()
                || hs.term() != prevHardState.term() || hs.votedFor() != prevHardState.votedFor();
        Ready rd = new Ready(ss.equals(prevSoftState) ? null : ss, hsChanged ? hs : null, snap, ents,
                log.nextCommittedEntries(), msgs, mustSync);
        msgs.clear();
        outstanding = rd;
        return rd;
    }

    /**
     * Tells the node the driver has persisted, sent and applied {@code rd}, which must be the Ready
     * last returned by {@link #ready()}.
     */
    public void advance(Ready rd) {
        if (rd == null || rd != outstanding) {
            throw new IllegalStateException("advance() must be given the Ready last returned by ready()");
        }
        outstanding = null;
        if (rd.softState() != null) {
            prevSoftState = rd.softState();
        }
        if (rd.hardState() != null) {
            prevHardState = rd.hardState();
        }
        if (!rd.entries().isEmpty()) {
            Entry last = rd.entries().get(rd.entries().size() - 1);
            log.stableTo(last.index(), last.term());
        }
        if (rd.snapshot() != null) {
            log.stableSnapshotTo(rd.snapshot().index());
            if (rd.snapshot().index() > log.applied()) {
                log.appliedTo(rd.snapshot().index());
            }
        }
        if (!rd.committedEntries().isEmpty()) {
            log.appliedTo(rd.committedEntries().get(rd.committedEntries().size() - 1).index());
        }
    }

    private SoftState softState() {
        return new SoftState(leaderId, role);
    }

    private HardState hardState() {
        return new HardState(term, votedFor, log.committed());
    }

    // ------------------------------------------------------------------ roles

    private void reset(long newTerm) {
        if (term != newTerm) {
            term = newTerm;
            votedFor = NONE;
        }
        leaderId = NONE;
        electionElapsed = 0;
        heartbeatElapsed = 0;
        randomizedElectionTimeout = config.electionTick() + random.nextInt(config.electionTick());
        abortLeaderTransfer();
        votes.clear();
        progress.clear();
        pendingConfIndex = 0;
    }

    private void becomeFollower(long newTerm, long lead) {
        reset(newTerm);
        leaderId = lead;
        role = RaftRole.FOLLOWER;
    }

    private void becomePreCandidate() {
        if (role == RaftRole.LEADER) {
            throw new IllegalStateException("invalid transition leader -> pre-candidate");
        }
        // as etcd: neither term nor vote change, and the timeout is not redrawn
        votes.clear();
        leaderId = NONE;
        role = RaftRole.PRE_CANDIDATE;
    }

    private void becomeCandidate() {
        if (role == RaftRole.LEADER) {
            throw new IllegalStateException("invalid transition leader -> candidate");
        }
        reset(term + 1);
        votedFor = id;
        role = RaftRole.CANDIDATE;
    }

    private void becomeLeader() {
        if (role == RaftRole.FOLLOWER) {
            throw new IllegalStateException("invalid transition follower -> leader");
        }
        reset(term);
        leaderId = id;
        role = RaftRole.LEADER;
        long last = log.lastIndex();
        for (long v : voters) {
            Progress pr = new Progress(0, last + 1, config.maxInflightMessages());
            if (v == id) {
                pr.match = last;
                pr.becomeReplicate();
                pr.recentActive = true;
            }
            progress.put(v, pr);
        }
        // No conf change until everything in the log at election time is committed: that requires
        // committing an entry of this term first (§5.4.2), the fix for single-server changes.
        pendingConfIndex = last;
        appendEntry(EntryType.NORMAL, new byte[0]);
        bcastAppend();
    }

    private boolean promotable() {
        return voters.contains(id);
    }

    private int quorum() {
        return voters.size() / 2 + 1;
    }

    private SortedSet<Long> votersAt(long index) {
        Map.Entry<Long, SortedSet<Long>> e = configHistory.floorEntry(index);
        return e == null ? voters : e.getValue();
    }

    // ------------------------------------------------------------------ elections

    private void tickElection() {
        electionElapsed++;
        if (promotable() && electionElapsed >= randomizedElectionTimeout) {
            electionElapsed = 0;
            hup(false);
        }
    }

    private void hup(boolean transfer) {
        if (role == RaftRole.LEADER || !promotable()) {
            return;
        }
        if (config.preVote() && !transfer) {
            campaignPre();
        } else {
            campaignElection(transfer);
        }
    }

    private void campaignPre() {
        becomePreCandidate();
        if (poll(id, true) == VoteResult.WON) {
            campaignElection(false);
            return;
        }
        for (long v : voters) {
            if (v != id) {
                send(new PreVote(id, v, term + 1, log.lastIndex(), log.lastTerm()));
            }
        }
    }

    private void campaignElection(boolean transfer) {
        becomeCandidate();
        if (poll(id, true) == VoteResult.WON) {
            becomeLeader();
            return;
        }
        for (long v : voters) {
            if (v != id) {
                send(new RequestVote(id, v, term, log.lastIndex(), log.lastTerm(), transfer));
            }
        }
    }

    private VoteResult poll(long from, boolean granted) {
        if (voters.contains(from)) {
            votes.putIfAbsent(from, granted);
        }
        int yes = 0;
        int no = 0;
        for (long v : voters) {
            Boolean vote = votes.get(v);
            if (vote != null) {
                if (vote) {
                    yes++;
                } else {
                    no++;
                }
            }
        }
        if (yes >= quorum()) {
            return VoteResult.WON;
        }
        return voters.size() - no < quorum() ? VoteResult.LOST : VoteResult.PENDING;
    }

    /** §5.2 / §5.4.1 / §9.6: decides on a (pre-)vote at a term {@code >=} ours (after any step-down). */
    private void handleVoteRequest(long from, long voteTerm, long lastIndex, long lastTerm, boolean pre) {
        boolean canVote = votedFor == from
                || (votedFor == NONE && leaderId == NONE)
                || (pre && voteTerm > term);
        if (canVote && log.isUpToDate(lastIndex, lastTerm)) {
            if (pre) {
                send(new PreVoteResponse(id, from, voteTerm, true));
            } else {
                electionElapsed = 0;
                votedFor = from;
                send(new RequestVoteResponse(id, from, term, true));
            }
        } else if (pre) {
            send(new PreVoteResponse(id, from, term, false));
        } else {
            send(new RequestVoteResponse(id, from, term, false));
        }
    }

    private void stepCandidate(RaftMessage m) {
        if (m instanceof AppendEntries ae) {
            becomeFollower(m.term(), m.from()); // §5.2: a leader of our term exists
            handleAppendEntries(ae);
        } else if (m instanceof Heartbeat hb) {
            becomeFollower(m.term(), m.from());
            handleHeartbeat(hb);
        } else if (m instanceof InstallSnapshot is) {
            becomeFollower(m.term(), m.from());
            handleSnapshot(is);
        } else if (role == RaftRole.PRE_CANDIDATE && m instanceof PreVoteResponse r) {
            if (r.granted() && r.term() != term + 1) {
                return; // a grant from an earlier round, for a term we no longer campaign in
            }
            switch (poll(r.from(), r.granted())) {
                case WON -> campaignElection(false);
                case LOST -> becomeFollower(term, NONE);
                case PENDING -> { }
            }
        } else if (role == RaftRole.CANDIDATE && m instanceof RequestVoteResponse r) {
            switch (poll(r.from(), r.granted())) {
                case WON -> becomeLeader();
                case LOST -> becomeFollower(term, NONE);
                case PENDING -> { }
            }
        }
        // anything else (TimeoutNow, stale responses) is ignored
    }

    // ------------------------------------------------------------------ follower

    private void stepFollower(RaftMessage m) {
        if (m instanceof AppendEntries ae) {
            electionElapsed = 0;
            leaderId = m.from();
            handleAppendEntries(ae);
        } else if (m instanceof Heartbeat hb) {
            electionElapsed = 0;
            leaderId = m.from();
            handleHeartbeat(hb);
        } else if (m instanceof InstallSnapshot is) {
            electionElapsed = 0;
            leaderId = m.from();
            handleSnapshot(is);
        } else if (m instanceof TimeoutNow) {
            hup(true); // thesis §3.10: campaign now, skipping PreVote
        }
        // responses meant for a leader or candidate are stale here: ignored
    }

    private void handleAppendEntries(AppendEntries m) {
        if (m.prevLogIndex() < log.committed()) {
            send(AppendEntriesResponse.accepted(id, m.from(), term, log.committed()));
            return;
        }
        long lastNew = log.maybeAppend(m.prevLogIndex(), m.prevLogTerm(), m.entries());
        if (lastNew >= 0) {
            advanceCommit(Math.min(m.leaderCommit(), lastNew));
            send(AppendEntriesResponse.accepted(id, m.from(), term, lastNew));
        } else {
            long[] hint = log.findConflictByTerm(Math.min(m.prevLogIndex(), log.lastIndex()), m.prevLogTerm());
            send(AppendEntriesResponse.rejected(id, m.from(), term, m.prevLogIndex(), hint[0], hint[1]));
        }
    }

    private void handleHeartbeat(Heartbeat m) {
        advanceCommit(m.commitIndex());
        send(new HeartbeatResponse(id, m.from(), term));
    }

    private void handleSnapshot(InstallSnapshot m) {
        Snapshot s = m.snapshot();
        if (restore(s)) {
            send(new InstallSnapshotResponse(id, m.from(), term, log.lastIndex()));
        } else {
            send(new InstallSnapshotResponse(id, m.from(), term, log.committed()));
        }
    }

    private boolean restore(Snapshot s) {
        if (s.index() <= log.committed()) {
            return false; // stale: we already hold (and committed) more
        }
        if (log.matchTerm(s.index(), s.term())) {
            advanceCommit(s.index()); // we hold the entries: fast-forward the commit instead
            return false;
        }
        log.restore(s);
        voters = Snapshot.sortedCopy(s.voters());
        configHistory.clear();
        configHistory.put(s.index(), voters);
        return true;
    }

    // ------------------------------------------------------------------ leader

    private void tickHeartbeat() {
        heartbeatElapsed++;
        electionElapsed++;
        for (Progress pr : progress.values()) {
            if (pr.state == Progress.State.SNAPSHOT && ++pr.snapshotTicks >= config.electionTick()) {
                pr.becomeProbe(); // the snapshot or its answer was probably lost: probe again
                pr.next = pr.match + 1;
            }
        }
        if (electionElapsed >= config.electionTick()) {
            electionElapsed = 0;
            if (config.checkQuorum()) {
                if (!quorumActive()) {
                    becomeFollower(term, NONE); // thesis §6.2: we cannot reach a majority
                    return;
                }
                for (Map.Entry<Long, Progress> e : progress.entrySet()) {
                    if (e.getKey() != id) {
                        e.getValue().recentActive = false;
                    }
                }
            }
            abortLeaderTransfer(); // a transfer that did not finish in an election timeout is abandoned
        }
        if (heartbeatElapsed >= config.heartbeatTick()) {
            heartbeatElapsed = 0;
            bcastHeartbeat();
        }
    }

    private boolean quorumActive() {
        int active = 0;
        for (long v : voters) {
            Progress pr = progress.get(v);
            if (v == id || (pr != null && pr.recentActive)) {
                active++;
            }
        }
        return active >= quorum();
    }

    private void stepLeader(RaftMessage m) {
        Progress pr = progress.get(m.from());
        if (pr == null) {
            return; // not (or no longer) a voter
        }
        if (m instanceof AppendEntriesResponse r) {
            pr.recentActive = true;
            if (r.success()) {
                handleAck(m.from(), pr, r.matchIndex());
            } else {
                long nextProbe = r.hintIndex();
                if (r.hintTerm() > 0) {
                    nextProbe = log.findConflictByTerm(r.hintIndex(), r.hintTerm())[0];
                }
                if (pr.maybeDecrTo(r.rejectedIndex(), nextProbe)) {
                    if (pr.state == Progress.State.REPLICATE) {
                        pr.becomeProbe();
                    }
                    sendAppend(m.from(), true);
                }
            }
        } else if (m instanceof InstallSnapshotResponse r) {
            pr.recentActive = true;
            handleAck(m.from(), pr, r.matchIndex());
        } else if (m instanceof HeartbeatResponse) {
            pr.recentActive = true;
            pr.probeSent = false;
            if (pr.state == Progress.State.REPLICATE && pr.inflights.full()) {
                pr.inflights.freeFirstOne();
            }
            if (pr.match < log.lastIndex()) {
                sendAppend(m.from(), true);
            }
        }
        // vote responses and TimeoutNow of our own term are stale for a leader: ignored
    }

    private void handleAck(long from, Progress pr, long matchIndex) {
        boolean wasPaused = pr.isPaused();
        if (!pr.maybeUpdate(matchIndex)) {
            return;
        }
        switch (pr.state) {
            case PROBE -> pr.becomeReplicate();
            case SNAPSHOT -> {
                if (pr.match >= pr.pendingSnapshot) {
                    pr.becomeProbe();
                    pr.becomeReplicate();
                }
            }
            case REPLICATE -> pr.inflights.freeLE(matchIndex);
        }
        if (maybeCommit()) {
            bcastAppend();
        } else if (wasPaused) {
            sendAppend(from, true);
        }
        while (role == RaftRole.LEADER && sendAppend(from, false)) {
            // fill the inflight window
        }
        if (role == RaftRole.LEADER && from == leadTransferee && pr.match == log.lastIndex()) {
            sendTimeoutNow(from);
        }
    }

    private Entry appendEntry(EntryType type, byte[] data) {
        Entry e = new Entry(term, log.lastIndex() + 1, type, data);
        log.append(List.of(e));
        Progress self = progress.get(id);
        if (self != null) {
            self.maybeUpdate(e.index());
        }
        maybeCommit();
        return e;
    }

    /**
     * §5.3/§5.4.2: commits the highest index stored on a majority, but only if its entry is of the
     * current term; earlier entries are committed with it. Returns whether the commit advanced.
     */
    private boolean maybeCommit() {
        boolean advanced = false;
        while (role == RaftRole.LEADER && !voters.isEmpty()) {
            long[] matches = new long[voters.size()];
            int i = 0;
            for (long v : voters) {
                Progress pr = progress.get(v);
                matches[i++] = pr == null ? 0 : pr.match;
            }
            Arrays.sort(matches);
            long candidate = matches[matches.length - quorum()];
            if (candidate <= log.committed() || log.term(candidate) != term) {
                break;
            }
            advanceCommit(candidate);
            advanced = true;
        }
        return advanced;
    }

    private void bcastAppend() {
        if (role != RaftRole.LEADER) {
            return;
        }
        for (long v : progress.keySet()) {
            if (v != id) {
                sendAppend(v, true);
            }
        }
    }

    private void bcastHeartbeat() {
        for (Map.Entry<Long, Progress> e : progress.entrySet()) {
            if (e.getKey() != id) {
                long commit = Math.min(e.getValue().match, log.committed());
                send(new Heartbeat(id, e.getKey(), term, commit));
            }
        }
    }

    /**
     * Sends {@code to} the entries it needs (or a snapshot if they are compacted), unless its
     * progress is paused. Returns whether a message was sent.
     */
    private boolean sendAppend(long to, boolean sendIfEmpty) {
        Progress pr = progress.get(to);
        if (role != RaftRole.LEADER || pr == null || pr.isPaused()) {
            return false;
        }
        long prevIndex = pr.next - 1;
        long prevTerm = log.term(prevIndex);
        List<Entry> ents = prevTerm == RaftLog.UNKNOWN ? null
                : log.entriesForMessage(pr.next, config.maxEntriesPerMessage(), config.maxSizePerMessageBytes());
        if (ents == null) {
            if (!pr.recentActive) {
                return false; // do not ship a snapshot to a node we have not heard from
            }
            Snapshot snap = log.snapshot();
            if (snap.isEmpty()) {
                throw new IllegalStateException("entries before " + log.firstIndex() + " are gone but there is no snapshot");
            }
            pr.becomeSnapshot(snap.index());
            send(new InstallSnapshot(id, to, term, snap));
            return true;
        }
        if (ents.isEmpty() && !sendIfEmpty) {
            return false;
        }
        send(new AppendEntries(id, to, term, prevIndex, prevTerm, ents, log.committed()));
        pr.sentAppend(ents.isEmpty() ? -1 : ents.get(ents.size() - 1).index());
        return true;
    }

    private void sendTimeoutNow(long to) {
        send(new TimeoutNow(id, to, term));
    }

    private void abortLeaderTransfer() {
        leadTransferee = NONE;
    }

    // ------------------------------------------------------------------ commit and configuration

    /** Moves the commit index and applies the configuration changes it commits. */
    private void advanceCommit(long newCommit) {
        long old = log.committed();
        if (newCommit <= old) {
            return;
        }
        log.commitTo(newCommit);
        for (Entry e : log.entries(old + 1, newCommit + 1)) {
            if (e.type() == EntryType.CONF_CHANGE) {
                applyConfChange(e.index(), e.confChange());
            }
        }
        if (role == RaftRole.LEADER && !voters.contains(id)) {
            stepDownAfterRemoval();
        }
    }

    private void applyConfChange(long index, ConfChange change) {
        TreeSet<Long> next = new TreeSet<>(voters);
        boolean changed = change.type() == ConfChange.Type.ADD_NODE ? next.add(change.nodeId()) : next.remove(change.nodeId());
        if (!changed) {
            return;
        }
        voters = Collections.unmodifiableSortedSet(next);
        configHistory.put(index, voters);
        if (role != RaftRole.LEADER) {
            return;
        }
        if (change.type() == ConfChange.Type.ADD_NODE) {
            Progress pr = new Progress(0, log.lastIndex() + 1, config.maxInflightMessages());
            pr.recentActive = true; // give it an election timeout to answer before CheckQuorum counts it
            progress.put(change.nodeId(), pr);
        } else {
            progress.remove(change.nodeId());
            if (leadTransferee == change.nodeId()) {
                abortLeaderTransfer();
            }
        }
    }

    private void stepDownAfterRemoval() {
        bcastHeartbeat(); // carries the commit of the removal to the remaining voters
        long successor = NONE;
        long best = -1;
        for (Map.Entry<Long, Progress> e : progress.entrySet()) {
            if (e.getKey() != id && voters.contains(e.getKey()) && e.getValue().match > best) {
                best = e.getValue().match;
                successor = e.getKey();
            }
        }
        if (successor != NONE && best == log.lastIndex()) {
            sendTimeoutNow(successor);
        }
        becomeFollower(term, NONE);
    }

    private void send(RaftMessage m) {
        msgs.add(m);
    }

    @Override
    public String toString() {
        return "RaftNode[id=" + id + ", " + role + ", term=" + term + ", leader=" + leaderId + ", vote=" + votedFor
                + ", " + log + ", voters=" + voters + "]";
    }
}
