package dev.ledgersim.raft;

import java.util.List;

/**
 * The durable state of one Raft node: hard state, log and latest snapshot. A {@link RaftNode}
 * <em>reads</em> storage; the driver <em>writes</em> it from each {@link Ready} (normally with
 * {@link #persist(Ready)}) before sending that Ready's messages. The only write the node performs
 * itself is {@link #compact(Snapshot)}, from {@link RaftNode#compact(long, byte[])}.
 *
 * <h2>Shape of the log</h2>
 * The storage holds a snapshot ({@link Snapshot#EMPTY} if none) followed by the contiguous entries
 * {@code firstIndex() .. lastIndex()}, where {@code firstIndex() == snapshot().index() + 1} always
 * and {@code lastIndex() == firstIndex() - 1} when no entry follows the snapshot. The position
 * {@code firstIndex() - 1} behaves as a "dummy" entry whose term is the snapshot's term (0 without a
 * snapshot), so the consistency check of the first entry can always be made.
 *
 * <h2>Durability</h2>
 * Every write must be durable when it returns (or, for {@link #persist(Ready)}, when it returns and
 * {@link Ready#mustSync()} is true; a commit-index-only hard state may be written lazily). A crash
 * must leave either the state before a write or the state after it. {@link #persist(Ready)} should be
 * one atomic batch.
 *
 * <h2>Errors</h2>
 * Reads outside the documented ranges and writes violating the contract throw
 * {@link IllegalArgumentException}: the node never makes them, so they indicate a bug or corruption.
 * I/O failures are thrown as unchecked exceptions; the node cannot continue after one.
 *
 * <h2>Threads</h2>
 * Calls come from the thread that drives the node (which may differ from call to call, with a
 * happens-before between them); implementations need not be concurrent otherwise.
 */
public interface RaftStorage {

    /** The persisted hard state, {@link HardState#EMPTY} if none was ever saved. */
    HardState initialState();

    /** Entries {@code [lo, hi)}; requires {@code firstIndex() <= lo <= hi <= lastIndex() + 1}. */
    List<Entry> entries(long lo, long hi);

    /**
     * The term of the entry at {@code index}, for {@code firstIndex() - 1 <= index <= lastIndex()};
     * at {@code firstIndex() - 1} the snapshot's term (0 if there is no snapshot).
     */
    long term(long index);

    /** {@code snapshot().index() + 1}. */
    long firstIndex();

    /** Index of the last entry; {@code firstIndex() - 1} if no entry follows the snapshot. */
    long lastIndex();

    /** The latest snapshot, {@link Snapshot#EMPTY} if none. */
    Snapshot snapshot();

    /**
     * Appends contiguous entries. The first entry's index must lie in
     * {@code [firstIndex(), lastIndex() + 1]}; every stored entry at or after it is discarded first
     * (truncation of a conflicting suffix, §5.3). An empty list is a no-op.
     */
    void append(List<Entry> entries);

    /** Replaces the hard state. */
    void setHardState(HardState hardState);

    /**
     * Replaces the whole log by {@code snapshot} (received from a leader): afterwards
     * {@code snapshot() == snapshot}, {@code firstIndex() == snapshot.index() + 1} and no entries
     * remain. Requires {@code snapshot.index() > snapshot().index()}.
     */
    void applySnapshot(Snapshot snapshot);

    /**
     * Log compaction: records {@code snapshot} (made by the application at an applied index) as the
     * latest snapshot and discards the entries up to {@code snapshot.index()}; later entries stay.
     * Requires {@code snapshot().index() < snapshot.index() <= lastIndex()} and
     * {@code term(snapshot.index()) == snapshot.term()}. Taking the snapshot (not just an index)
     * makes "save the snapshot, drop the prefix" one atomic step: a crash cannot lose both.
     */
    void compact(Snapshot snapshot);

    /**
     * Persists a {@link Ready}: {@link #applySnapshot} if it carries a snapshot, then {@link #append}
     * its entries, then {@link #setHardState} if it carries one. Implementations backed by a disk
     * should override this to write one atomic batch (synced if {@link Ready#mustSync()}).
     */
    default void persist(Ready ready) {
        if (ready.snapshot() != null) {
            applySnapshot(ready.snapshot());
        }
        if (!ready.entries().isEmpty()) {
            append(ready.entries());
        }
        if (ready.hardState() != null) {
            setHardState(ready.hardState());
        }
    }
}
