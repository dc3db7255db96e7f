package dev.ledgersim.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link RaftStorage} in memory ("durable" for as long as the object lives: a simulated crash drops
 * the {@link RaftNode} and keeps this object). Methods are synchronized so a driver thread and an
 * observer may share it.
 */
public final class InMemoryRaftStorage implements RaftStorage {

    private HardState hardState = HardState.EMPTY;
    private Snapshot snapshot = Snapshot.EMPTY;
    /** entries.get(i) has index snapshot.index() + 1 + i. */
    private final ArrayList<Entry> entries = new ArrayList<>();

    @Override
    public synchronized HardState initialState() {
        return hardState;
    }

    @Override
    public synchronized List<Entry> entries(long lo, long hi) {
        long first = firstIndex();
        if (lo < first || hi < lo || hi > lastIndex() + 1) {
            throw new IllegalArgumentException(
                    "entries [" + lo + ", " + hi + ") outside [" + first + ", " + (lastIndex() + 1) + ")");
        }
        return List.copyOf(entries.subList((int) (lo - first), (int) (hi - first)));
    }

    @Override
    public synchronized long term(long index) {
        if (index == snapshot.index()) {
            return snapshot.term();
        }
        if (index < snapshot.index() || index > lastIndex()) {
            throw new IllegalArgumentException(
                    "term(" + index + ") outside [" + snapshot.index() + ", " + lastIndex() + "]");
        }
        return entries.get((int) (index - firstIndex())).term();
    }

    @Override
    public synchronized long firstIndex() {
        return snapshot.index() + 1;
    }

    @Override
    public synchronized long lastIndex() {
        return snapshot.index() + entries.size();
    }

    @Override
    public synchronized Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public synchronized void append(List<Entry> toAppend) {
        if (toAppend.isEmpty()) {
            return;
        }
        long start = toAppend.get(0).index();
        if (start < firstIndex() || start > lastIndex() + 1) {
            throw new IllegalArgumentException(
                    "append at " + start + " outside [" + firstIndex() + ", " + (lastIndex() + 1) + "]");
        }
        for (int i = 1; i < toAppend.size(); i++) {
            if (toAppend.get(i).index() != start + i) {
                throw new IllegalArgumentException("entries to append are not contiguous: " + toAppend);
            }
        }
        entries.subList((int) (start - firstIndex()), entries.size()).clear();
        entries.addAll(toAppend);
    }

    @Override
    public synchronized void setHardState(HardState hardState) {
        this.hardState = Objects.requireNonNull(hardState, "hardState");
    }

    @Override
    public synchronized void applySnapshot(Snapshot newSnapshot) {
        Objects.requireNonNull(newSnapshot, "snapshot");
        if (newSnapshot.index() <= snapshot.index()) {
            throw new IllegalArgumentException(
                    "snapshot at " + newSnapshot.index() + " is not newer than the stored one at " + snapshot.index());
        }
        snapshot = newSnapshot;
        entries.clear();
    }

    @Override
    public synchronized void compact(Snapshot newSnapshot) {
        Objects.requireNonNull(newSnapshot, "snapshot");
        long index = newSnapshot.index();
        if (index <= snapshot.index() || index > lastIndex()) {
            throw new IllegalArgumentException(
                    "cannot compact at " + index + ": log holds (" + snapshot.index() + ", " + lastIndex() + "]");
        }
        if (term(index) != newSnapshot.term()) {
            throw new IllegalArgumentException("snapshot term " + newSnapshot.term() + " differs from term "
                    + term(index) + " of entry " + index);
        }
        entries.subList(0, (int) (index - firstIndex() + 1)).clear();
        snapshot = newSnapshot;
    }

    @Override
    public synchronized void persist(Ready ready) {
        RaftStorage.super.persist(ready);
    }

    @Override
    public synchronized String toString() {
        return "InMemoryRaftStorage[" + hardState + ", snapshot " + snapshot.index() + "/" + snapshot.term()
                + ", entries (" + snapshot.index() + ", " + lastIndex() + "]]";
    }
}
