package dev.ledgersim.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * A node's view of its log (etcd's raftLog): the entries in {@link RaftStorage} overlaid with the
 * "unstable" part not yet handed to the driver for persistence (new entries, a truncating suffix, a
 * snapshot received from the leader), plus the commit and applied indexes. Package-private.
 */
final class RaftLog {

    /** Term returned for an index that is compacted away or beyond the last entry. */
    static final long UNKNOWN = -1;

    private final RaftStorage storage;
    /** Snapshot received from the leader, not yet persisted; while set, storage's contents are obsolete. */
    private Snapshot pendingSnapshot;
    /** Entries not yet persisted; unstable.get(i) has index unstableOffset + i. */
    private final ArrayList<Entry> unstable = new ArrayList<>();
    private long unstableOffset;
    private long committed;
    private long applied;

    RaftLog(RaftStorage storage) {
        this.storage = storage;
        this.unstableOffset = storage.lastIndex() + 1;
        this.committed = storage.firstIndex() - 1;
        this.applied = committed;
    }

    long committed() {
        return committed;
    }

    long applied() {
        return applied;
    }

    long firstIndex() {
        return pendingSnapshot != null ? pendingSnapshot.index() + 1 : storage.firstIndex();
    }

    long lastIndex() {
        if (!unstable.isEmpty()) {
            return unstableOffset + unstable.size() - 1;
        }
        return pendingSnapshot != null ? pendingSnapshot.index() : storage.lastIndex();
    }

    long lastTerm() {
        return term(lastIndex());
    }

    /** Term of the entry at {@code index}; {@link #UNKNOWN} if compacted or beyond the last entry. */
    long term(long index) {
        if (index < firstIndex() - 1 || index > lastIndex()) {
            return UNKNOWN;
        }
        if (pendingSnapshot != null && index == pendingSnapshot.index()) {
            return pendingSnapshot.term();
        }
        if (!unstable.isEmpty() && index >= unstableOffset) {
            return unstable.get((int) (index - unstableOffset)).term();
        }
        return storage.term(index);
    }

    boolean matchTerm(long index, long term) {
        return term(index) == term;
    }

    /** §5.4.1: is a log ending at ({@code lastTerm}, {@code lastIndex}) at least as up to date as ours? */
    boolean isUpToDate(long lastIndex, long lastTerm) {
        long ourLastTerm = lastTerm();
        return lastTerm > ourLastTerm || (lastTerm == ourLastTerm && lastIndex >= lastIndex());
    }

    /** Entries {@code [lo, hi)}, or {@code null} if {@code lo} is compacted away. */
    List<Entry> entries(long lo, long hi) {
        if (lo < firstIndex()) {
            return null;
        }
        hi = Math.min(hi, lastIndex() + 1);
        if (lo >= hi) {
            return List.of();
        }
        ArrayList<Entry> out = new ArrayList<>((int) (hi - lo));
        if (lo < unstableOffset) {
            out.addAll(storage.entries(lo, Math.min(hi, unstableOffset)));
        }
        if (hi > unstableOffset) {
            long from = Math.max(lo, unstableOffset);
            out.addAll(unstable.subList((int) (from - unstableOffset), (int) (hi - unstableOffset)));
        }
        return out;
    }

    /**
     * Entries from {@code lo} for one AppendEntries: at most {@code maxCount}, and at most
     * {@code maxBytes} of payload except that the first entry is always included. {@code null} if
     * {@code lo} is compacted away.
     */
    List<Entry> entriesForMessage(long lo, int maxCount, long maxBytes) {
        List<Entry> ents = entries(lo, lo + maxCount);
        if (ents == null || ents.size() <= 1) {
            return ents;
        }
        long size = 0;
        for (int i = 0; i < ents.size(); i++) {
            size += ents.get(i).dataLength();
            if (i > 0 && size > maxBytes) {
                return ents.subList(0, i);
            }
        }
        return ents;
    }

    /**
     * Follower side of §5.3: if our entry at {@code prevIndex} has {@code prevTerm}, append the new
     * entries (dropping our conflicting suffix) and return the index of the last new entry; else
     * return -1. Does not move the commit index.
     */
    long maybeAppend(long prevIndex, long prevTerm, List<Entry> ents) {
        if (!matchTerm(prevIndex, prevTerm)) {
            return -1;
        }
        long lastNew = prevIndex + ents.size();
        for (int i = 0; i < ents.size(); i++) {
            Entry e = ents.get(i);
            if (!matchTerm(e.index(), e.term())) {
                if (e.index() <= committed) {
                    throw new IllegalStateException("entry " + e.index() + " conflicts with committed entry (commit "
                            + committed + "): the log is corrupt or the leader violates Raft");
                }
                append(ents.subList(i, ents.size()));
                break;
            }
        }
        return lastNew;
    }

    /** Appends entries to the unstable log, truncating any suffix from the first entry's index. */
    void append(List<Entry> ents) {
        if (ents.isEmpty()) {
            return;
        }
        long after = ents.get(0).index();
        if (after <= committed) {
            throw new IllegalStateException("cannot overwrite committed entry " + after + " (commit " + committed + ")");
        }
        if (after > lastIndex() + 1) {
            throw new IllegalStateException("gap: appending " + after + " after last index " + lastIndex());
        }
        if (after == unstableOffset + unstable.size()) {
            unstable.addAll(ents);
        } else if (after <= unstableOffset) {
            // the new entries replace part of the stable log: the driver's append will truncate it
            unstableOffset = after;
            unstable.clear();
            unstable.addAll(ents);
        } else {
            unstable.subList((int) (after - unstableOffset), unstable.size()).clear();
            unstable.addAll(ents);
        }
    }

    /**
     * The largest index {@code <= index} whose term is {@code <= term}, with that term; etcd's
     * findConflictByTerm. If a term is unknown (compacted) the index is returned with term 0.
     */
    long[] findConflictByTerm(long index, long term) {
        for (; index > 0; index--) {
            long ourTerm = term(index);
            if (ourTerm == UNKNOWN) {
                return new long[] {index, 0};
            }
            if (ourTerm <= term) {
                return new long[] {index, ourTerm};
            }
        }
        return new long[] {0, 0};
    }

    void commitTo(long index) {
        if (index <= committed) {
            return;
        }
        if (index > lastIndex()) {
            throw new IllegalStateException("commit " + index + " is beyond the last index " + lastIndex()
                    + ": was the log truncated or lost?");
        }
        committed = index;
    }

    /** Used once, when a node restarts from storage. */
    void initCommitted(long index) {
        committed = index;
        applied = Math.min(applied, index);
    }

    void appliedTo(long index) {
        if (index > committed || index < applied) {
            throw new IllegalStateException("applied " + index + " outside [" + applied + ", " + committed + "]");
        }
        applied = index;
    }

    /** Replaces the log by a snapshot received from the leader (follower side of §7). */
    void restore(Snapshot snapshot) {
        pendingSnapshot = snapshot;
        unstable.clear();
        unstableOffset = snapshot.index() + 1;
        committed = snapshot.index();
    }

    /** The latest snapshot: the pending one if a snapshot awaits persistence, else storage's. */
    Snapshot snapshot() {
        return pendingSnapshot != null ? pendingSnapshot : storage.snapshot();
    }

    Snapshot pendingSnapshot() {
        return pendingSnapshot;
    }

    boolean hasUnstableEntries() {
        return !unstable.isEmpty();
    }

    List<Entry> unstableEntries() {
        return List.copyOf(unstable);
    }

    /** Committed entries the application has not been given yet. */
    List<Entry> nextCommittedEntries() {
        long lo = Math.max(applied + 1, firstIndex());
        if (committed + 1 <= lo) {
            return List.of();
        }
        return entries(lo, committed + 1);
    }

    boolean hasNextCommittedEntries() {
        return committed + 1 > Math.max(applied + 1, firstIndex());
    }

    /** The driver persisted entries up to ({@code index}, {@code term}). */
    void stableTo(long index, long term) {
        if (index >= unstableOffset && index < unstableOffset + unstable.size()
                && unstable.get((int) (index - unstableOffset)).term() == term) {
            unstable.subList(0, (int) (index - unstableOffset + 1)).clear();
            unstableOffset = index + 1;
        }
    }

    /** The driver persisted the snapshot at {@code index}. */
    void stableSnapshotTo(long index) {
        if (pendingSnapshot != null && pendingSnapshot.index() == index) {
            pendingSnapshot = null;
        }
    }

    @Override
    public String toString() {
        return "RaftLog[first=" + firstIndex() + ", last=" + lastIndex() + ", committed=" + committed + ", applied="
                + applied + ", unstable=" + unstableOffset + "+" + unstable.size() + "]";
    }
}
