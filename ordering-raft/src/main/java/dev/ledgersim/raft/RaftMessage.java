package dev.ledgersim.raft;

import java.util.List;
import java.util.Objects;

/**
 * The messages Raft nodes exchange. Every message names its sender, its recipient and the sender's
 * term (for {@link PreVote}, the term the sender would campaign in; for a granted
 * {@link PreVoteResponse}, that same future term). A node that receives a message with a higher term
 * adopts it and becomes a follower (§5.1) — except the PreVote messages, which never change a term.
 *
 * <p>Heartbeats are their own type rather than empty {@link AppendEntries}: they carry no log
 * position, so a follower answers without a consistency check, and the leader sends each follower a
 * commit index it is known to hold ({@code min(match, commit)}, as etcd), never one beyond its log.
 *
 * <p>All records are immutable with content equality, so tests can compare exact messages.
 */
public sealed interface RaftMessage {

    /** Sender id. */
    long from();

    /** Recipient id. */
    long to();

    /** The sender's term (see the interface documentation for PreVote). */
    long term();

    /** Thesis §9.6: would you vote for me in {@code term} (my current term + 1)? Changes no term. */
    record PreVote(long from, long to, long term, long lastLogIndex, long lastLogTerm) implements RaftMessage {
        public PreVote {
            check(from, to, term, lastLogIndex, lastLogTerm);
        }
    }

    /** Answer to {@link PreVote}: granted at the pre-vote's term, rejected at the responder's term. */
    record PreVoteResponse(long from, long to, long term, boolean granted) implements RaftMessage {
        public PreVoteResponse {
            check(from, to, term);
        }
    }

    /**
     * §5.2 RequestVote RPC. {@code leadershipTransfer} is set when the candidate campaigns because the
     * leader sent it {@link TimeoutNow} (thesis §3.10): voters then disregard their leader lease.
     */
    record RequestVote(long from, long to, long term, long lastLogIndex, long lastLogTerm, boolean leadershipTransfer)
            implements RaftMessage {
        public RequestVote {
            check(from, to, term, lastLogIndex, lastLogTerm);
        }
    }

    /** Answer to {@link RequestVote}. */
    record RequestVoteResponse(long from, long to, long term, boolean granted) implements RaftMessage {
        public RequestVoteResponse {
            check(from, to, term);
        }
    }

    /**
     * §5.3 AppendEntries RPC: {@code entries} follow the entry at {@code prevLogIndex}, whose term must
     * be {@code prevLogTerm} in the follower's log (consistency check); {@code leaderCommit} is the
     * leader's commit index.
     */
    record AppendEntries(long from, long to, long term, long prevLogIndex, long prevLogTerm, List<Entry> entries,
            long leaderCommit) implements RaftMessage {
        public AppendEntries {
            check(from, to, term, prevLogIndex, prevLogTerm, leaderCommit);
            entries = List.copyOf(entries);
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).index() != prevLogIndex + 1 + i) {
                    throw new IllegalArgumentException("entries must follow prevLogIndex " + prevLogIndex
                            + " contiguously, got index " + entries.get(i).index() + " at position " + i);
                }
            }
        }
    }

    /**
     * Answer to {@link AppendEntries}. On success, {@code matchIndex} is the last index the follower
     * now holds in agreement with the leader. On rejection, {@code rejectedIndex} is the
     * {@code prevLogIndex} that failed the check, and ({@code hintIndex}, {@code hintTerm}) is etcd's
     * reject hint: the largest index {@code <= min(rejectedIndex, lastIndex)} whose term is
     * {@code <= prevLogTerm} in the follower's log, and that term (0 if unknown). The leader can then
     * skip a whole conflicting term per round trip instead of one entry.
     */
    record AppendEntriesResponse(long from, long to, long term, boolean success, long matchIndex, long rejectedIndex,
            long hintIndex, long hintTerm) implements RaftMessage {
        public AppendEntriesResponse {
            check(from, to, term, matchIndex, rejectedIndex, hintIndex, hintTerm);
            if (success && (rejectedIndex != 0 || hintIndex != 0 || hintTerm != 0)) {
                throw new IllegalArgumentException("a successful response carries no reject hint");
            }
            if (!success && matchIndex != 0) {
                throw new IllegalArgumentException("a rejection carries no match index");
            }
        }

        public static AppendEntriesResponse accepted(long from, long to, long term, long matchIndex) {
            return new AppendEntriesResponse(from, to, term, true, matchIndex, 0, 0, 0);
        }

        public static AppendEntriesResponse rejected(long from, long to, long term, long rejectedIndex, long hintIndex,
                long hintTerm) {
            return new AppendEntriesResponse(from, to, term, false, 0, rejectedIndex, hintIndex, hintTerm);
        }
    }

    /** Leader heartbeat (§5.2), sent every {@code heartbeatTick}; carries a commit index the follower holds. */
    record Heartbeat(long from, long to, long term, long commitIndex) implements RaftMessage {
        public Heartbeat {
            check(from, to, term, commitIndex);
        }
    }

    /** Answer to {@link Heartbeat}: tells the leader the follower is alive (CheckQuorum) and unpauses probing. */
    record HeartbeatResponse(long from, long to, long term) implements RaftMessage {
        public HeartbeatResponse {
            check(from, to, term);
        }
    }

    /** §7 InstallSnapshot RPC, sent when the entries a follower needs were compacted. */
    record InstallSnapshot(long from, long to, long term, Snapshot snapshot) implements RaftMessage {
        public InstallSnapshot {
            check(from, to, term);
            Objects.requireNonNull(snapshot, "snapshot");
            if (snapshot.isEmpty()) {
                throw new IllegalArgumentException("cannot install an empty snapshot");
            }
        }
    }

    /**
     * Answer to {@link InstallSnapshot}: the last index the follower holds in agreement with the leader
     * (the snapshot index if it restored it, its commit index if the snapshot was stale).
     */
    record InstallSnapshotResponse(long from, long to, long term, long matchIndex) implements RaftMessage {
        public InstallSnapshotResponse {
            check(from, to, term, matchIndex);
        }
    }

    /** Thesis §3.10: the leader asks an up-to-date follower to start an election now. */
    record TimeoutNow(long from, long to, long term) implements RaftMessage {
        public TimeoutNow {
            check(from, to, term);
        }
    }

    private static void check(long from, long to, long term, long... nonNegative) {
        if (from <= 0 || to <= 0) {
            throw new IllegalArgumentException("message from/to must be node ids > 0, were " + from + " -> " + to);
        }
        if (term < 0) {
            throw new IllegalArgumentException("message term must be >= 0, was " + term);
        }
        for (long v : nonNegative) {
            if (v < 0) {
                throw new IllegalArgumentException("message indexes and terms must be >= 0, got " + v);
            }
        }
    }
}
