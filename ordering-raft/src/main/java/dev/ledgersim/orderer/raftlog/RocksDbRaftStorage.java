package dev.ledgersim.orderer.raftlog;

import dev.ledgersim.ledger.storage.KvIterator;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.WriteBatch;
import dev.ledgersim.raft.Entry;
import dev.ledgersim.raft.HardState;
import dev.ledgersim.raft.RaftStorage;
import dev.ledgersim.raft.Ready;
import dev.ledgersim.raft.Snapshot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link RaftStorage} over a ledger-core {@link KvStore}: RocksDB on disk in a real
 * deployment, the in-memory store (which survives close and reopen of its name) in a simulation.
 * The name says what it is built for; any {@code KvStore} works.
 *
 * <h2>Layout</h2>
 * Two columns ({@link #COLUMNS}): {@value #ENTRIES} maps the entry index (8 bytes big-endian, so
 * the column iterates in log order) to the entry encoded by {@link RaftLogCodec}; {@value #STATE}
 * holds the hard state under {@code "hard_state"} and the latest snapshot (metadata and data) under
 * {@code "snapshot"}. Entries at or below the snapshot index are deleted in the batch that records
 * the snapshot.
 *
 * <h2>Atomicity</h2>
 * Every mutating call — {@link #persist(Ready)} (snapshot, entries with the truncation of a
 * conflicting suffix, hard state), {@link #append}, {@link #setHardState}, {@link #applySnapshot},
 * {@link #compact} — is validated whole, then written as <em>one</em> {@link WriteBatch}; the
 * in-memory view is updated only after the write succeeded. A crash leaves the state before or after
 * the call, never between. Durability across a machine crash is the store's
 * ({@code RocksDbResources.Config.syncWrites}); a process crash never loses a returned write.
 *
 * <h2>Recovery</h2>
 * Opening reads the hard state and the snapshot and scans the entries after the snapshot, decoding
 * each one (so a corrupt record fails at open with {@link RaftLogCorruptionException}, not later in
 * the middle of an election) and checking that they are contiguous, that each is stored under its
 * own index and that terms never decrease. A {@code RaftNode} built over the reopened storage
 * recovers term, vote, commit index, log and snapshot.
 *
 * <h2>Memory</h2>
 * The terms of the entries after the snapshot are cached (8 bytes per entry) because Raft asks for
 * terms constantly. The most recently written entries, up to {@value #RECENT_BYTES} bytes of payload,
 * are kept as written: the entries Raft asks for are nearly always the ones it has just persisted
 * (committed entries to apply, entries to send a follower), and an orderer's entries are whole blocks,
 * which would otherwise be read back from the store and decoded, copy after copy. Older entries are read
 * from the store.
 *
 * <p>Thread-safe (every method is synchronized), though a node and its driver use it from one
 * thread at a time. Does not own the {@code KvStore}: the caller closes it.
 */
public final class RocksDbRaftStorage implements RaftStorage {

    /** Column of the log entries, keyed by big-endian index. */
    public static final String ENTRIES = "raft_entries";
    /** Column of the hard state and the snapshot. */
    public static final String STATE = "raft_state";
    /** The columns this storage needs in its {@link KvStore}. */
    public static final Set<String> COLUMNS = Set.of(ENTRIES, STATE);

    private static final Logger log = LoggerFactory.getLogger(RocksDbRaftStorage.class);
    private static final byte[] HARD_STATE_KEY = "hard_state".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SNAPSHOT_KEY = "snapshot".getBytes(StandardCharsets.US_ASCII);

    private final KvStore store;
    private HardState hardState;
    private Snapshot snapshot;
    /** terms.get(i) is the term of entry snapshot.index() + 1 + i. */
    private final TermList terms = new TermList();
    /** The last entries written, contiguous and ending at {@link #lastIndex()} (or empty). */
    private final java.util.ArrayDeque<Entry> recent = new java.util.ArrayDeque<>();
    private long recentBytes;

    /** Payload bytes of recently written entries kept in memory. */
    static final long RECENT_BYTES = 16L << 20;

    /**
     * Opens the Raft log kept in {@code store} (which must have {@link #COLUMNS}), empty if nothing was
     * ever written.
     *
     * @throws RaftLogCorruptionException if a stored record does not decode or the log is not contiguous
     */
    public RocksDbRaftStorage(KvStore store) {
        this.store = Objects.requireNonNull(store, "store");
        if (!store.columns().containsAll(COLUMNS)) {
            throw new IllegalArgumentException("a Raft log needs columns " + COLUMNS + ", the store has " + store.columns());
        }
        byte[] hs = store.get(STATE, HARD_STATE_KEY);
        this.hardState = hs == null ? HardState.EMPTY : RaftLogCodec.decodeHardState(hs, "raft hard state");
        byte[] snap = store.get(STATE, SNAPSHOT_KEY);
        this.snapshot = snap == null ? Snapshot.EMPTY : RaftLogCodec.decodeSnapshot(snap, "raft snapshot");
        long expected = snapshot.index() + 1;
        long previousTerm = snapshot.term();
        try (KvIterator it = store.iterate(ENTRIES, key(expected), null)) {
            while (it.next()) {
                long keyIndex = index(it.key());
                String what = "raft entry " + keyIndex;
                if (keyIndex != expected) {
                    throw new RaftLogCorruptionException("raft log has a gap: expected entry " + expected
                            + " after the snapshot at " + snapshot.index() + ", found entry " + keyIndex);
                }
                Entry e = RaftLogCodec.decodeEntry(it.value(), what);
                if (e.index() != keyIndex) {
                    throw new RaftLogCorruptionException(what + " is corrupt: it is stored under index " + keyIndex
                            + " but says index " + e.index());
                }
                if (e.term() < previousTerm) {
                    throw new RaftLogCorruptionException(what + " is corrupt: term " + e.term()
                            + " is below the previous term " + previousTerm);
                }
                terms.add(e.term());
                previousTerm = e.term();
                expected++;
            }
        }
        log.debug("opened Raft log: {}", this);
    }

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
        if (lo == hi) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>((int) (hi - lo));
        long recentFirst = recent.isEmpty() ? Long.MAX_VALUE : recent.peekFirst().index();
        if (lo < recentFirst) {
            readStored(lo, Math.min(hi, recentFirst), out);
        }
        if (hi > recentFirst) {
            for (Entry e : recent) {
                if (e.index() >= hi) {
                    break;
                }
                if (e.index() >= lo) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private void readStored(long lo, long hi, List<Entry> out) {
        try (KvIterator it = store.iterate(ENTRIES, key(lo), key(hi))) {
            long expected = lo;
            while (it.next()) {
                Entry e = RaftLogCodec.decodeEntry(it.value(), "raft entry " + expected);
                if (e.index() != expected) {
                    throw new RaftLogCorruptionException("raft log read [" + lo + ", " + hi + ") found entry " + e.index()
                            + " where entry " + expected + " belongs");
                }
                out.add(e);
                expected++;
            }
            if (expected != hi) {
                throw new RaftLogCorruptionException("raft log is missing entries: read [" + lo + ", " + expected
                        + ") of [" + lo + ", " + hi + ")");
            }
        }
    }

    @Override
    public synchronized long term(long index) {
        if (index == snapshot.index()) {
            return snapshot.term();
        }
        if (index < snapshot.index() || index > lastIndex()) {
            throw new IllegalArgumentException("term(" + index + ") outside [" + snapshot.index() + ", " + lastIndex() + "]");
        }
        return terms.get((int) (index - firstIndex()));
    }

    @Override
    public synchronized long firstIndex() {
        return snapshot.index() + 1;
    }

    @Override
    public synchronized long lastIndex() {
        return snapshot.index() + terms.size();
    }

    @Override
    public synchronized Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public synchronized void append(List<Entry> entries) {
        persist(null, entries, null);
    }

    @Override
    public synchronized void setHardState(HardState state) {
        persist(null, List.of(), Objects.requireNonNull(state, "hardState"));
    }

    @Override
    public synchronized void applySnapshot(Snapshot newSnapshot) {
        persist(Objects.requireNonNull(newSnapshot, "snapshot"), List.of(), null);
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
        WriteBatch batch = store.newBatch();
        batch.putOwned(STATE, SNAPSHOT_KEY, RaftLogCodec.encode(newSnapshot));
        for (long i = firstIndex(); i <= index; i++) {
            batch.delete(ENTRIES, key(i));
        }
        store.write(batch);
        terms.dropFirst((int) (index - firstIndex() + 1));
        snapshot = newSnapshot;
        while (!recent.isEmpty() && recent.peekFirst().index() <= index) {
            recentBytes -= recent.pollFirst().dataLength();
        }
    }

    /** Snapshot, entries and hard state of {@code ready} in one atomic batch. */
    @Override
    public synchronized void persist(Ready ready) {
        persist(ready.snapshot(), ready.entries(), ready.hardState());
    }

    private void persist(Snapshot newSnapshot, List<Entry> entries, HardState newHardState) {
        // 1. Validate everything against the state the batch will produce, before writing anything.
        long snapIndex = snapshot.index();
        long last = lastIndex();
        if (newSnapshot != null) {
            if (newSnapshot.index() <= snapIndex) {
                throw new IllegalArgumentException(
                        "snapshot at " + newSnapshot.index() + " is not newer than the stored one at " + snapIndex);
            }
            snapIndex = newSnapshot.index();
            last = snapIndex;
        }
        long start = entries.isEmpty() ? -1 : entries.get(0).index();
        if (!entries.isEmpty()) {
            if (start < snapIndex + 1 || start > last + 1) {
                throw new IllegalArgumentException(
                        "append at " + start + " outside [" + (snapIndex + 1) + ", " + (last + 1) + "]");
            }
            for (int i = 1; i < entries.size(); i++) {
                if (entries.get(i).index() != start + i) {
                    throw new IllegalArgumentException("entries to append are not contiguous: " + entries);
                }
            }
        }
        // 2. One batch.
        WriteBatch batch = store.newBatch();
        if (newSnapshot != null) {
            for (long i = firstIndex(); i <= lastIndex(); i++) {
                batch.delete(ENTRIES, key(i));
            }
            batch.putOwned(STATE, SNAPSHOT_KEY, RaftLogCodec.encode(newSnapshot));
        }
        if (!entries.isEmpty()) {
            long newLast = start + entries.size() - 1;
            for (long i = newLast + 1; i <= last; i++) {
                batch.delete(ENTRIES, key(i)); // the conflicting suffix beyond the new entries
            }
            for (Entry e : entries) {
                batch.putOwned(ENTRIES, key(e.index()), RaftLogCodec.encode(e)); // fresh arrays: no copy
            }
        }
        if (newHardState != null) {
            batch.put(STATE, HARD_STATE_KEY, RaftLogCodec.encode(newHardState));
        }
        if (batch.isEmpty()) {
            return;
        }
        store.write(batch);
        // 3. The view follows the write.
        if (newSnapshot != null) {
            snapshot = newSnapshot;
            terms.clear();
            recent.clear();
            recentBytes = 0;
        }
        if (!entries.isEmpty()) {
            terms.truncate((int) (start - snapshot.index() - 1));
            for (Entry e : entries) {
                terms.add(e.term());
            }
            remember(start, entries);
        }
        if (newHardState != null) {
            hardState = newHardState;
        }
    }

    /** Keeps {@code entries}, written from {@code start}, replacing any kept entry they overwrite. */
    private void remember(long start, List<Entry> entries) {
        while (!recent.isEmpty() && recent.peekLast().index() >= start) {
            recentBytes -= recent.pollLast().dataLength();
        }
        if (!recent.isEmpty() && recent.peekLast().index() != start - 1) {
            recent.clear(); // not contiguous with what is kept (cannot happen after the checks above)
            recentBytes = 0;
        }
        for (Entry e : entries) {
            recent.addLast(e);
            recentBytes += e.dataLength();
        }
        while (recentBytes > RECENT_BYTES && recent.size() > 1) {
            recentBytes -= recent.pollFirst().dataLength();
        }
    }

    static byte[] key(long index) {
        return ByteBuffer.allocate(8).putLong(index).array();
    }

    private static long index(byte[] key) {
        if (key.length != 8) {
            throw new RaftLogCorruptionException("raft entry key " + Arrays.toString(key) + " is not an 8-byte index");
        }
        return ByteBuffer.wrap(key).getLong();
    }

    @Override
    public synchronized String toString() {
        return "RocksDbRaftStorage[" + hardState + ", snapshot " + snapshot.index() + "/" + snapshot.term()
                + ", entries (" + snapshot.index() + ", " + lastIndex() + "]]";
    }

    /** A growable list of primitive longs with cheap removal at both ends. */
    private static final class TermList {
        private long[] values = new long[64];
        private int offset;
        private int size;

        int size() {
            return size;
        }

        long get(int i) {
            return values[offset + i];
        }

        void add(long v) {
            if (offset + size == values.length) {
                if (offset > values.length / 2) {
                    System.arraycopy(values, offset, values, 0, size);
                } else {
                    values = Arrays.copyOfRange(values, offset, offset + Math.max(64, size * 2));
                }
                offset = 0;
            }
            values[offset + size++] = v;
        }

        void truncate(int newSize) {
            size = Math.min(size, newSize);
        }

        void dropFirst(int n) {
            offset += n;
            size -= n;
        }

        void clear() {
            offset = 0;
            size = 0;
        }
    }
}
