package dev.ledgersim.raft;

import static dev.ledgersim.raft.Peer.e;
import static dev.ledgersim.raft.Peer.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@link RaftStorage} contract, run against every implementation (extend it and implement
 * {@link #newStorage()}, from any package; a durable implementation also overrides {@link #reopen(RaftStorage)} to close
 * and reopen, so the tests check what survives).
 */
public abstract class AbstractRaftStorageTest {

    protected abstract RaftStorage newStorage();

    /** Closes and reopens {@code storage} if it is durable; the in-memory one returns itself. */
    protected RaftStorage reopen(RaftStorage storage) {
        return storage;
    }

    private static final Snapshot SNAP3 = new Snapshot(3, 2, Set.of(1L, 2L, 3L), Peer.bytes("s3"));

    @Test
    public void freshStorageIsEmpty() {
        RaftStorage s = newStorage();
        assertEquals(HardState.EMPTY, s.initialState());
        assertEquals(1, s.firstIndex());
        assertEquals(0, s.lastIndex());
        assertEquals(0, s.term(0));
        assertEquals(Snapshot.EMPTY, s.snapshot());
        assertEquals(List.of(), s.entries(1, 1));
    }

    @Test
    public void appendedEntriesAndHardStateAreReadBackAfterReopen() {
        RaftStorage s = newStorage();
        s.append(List.of(e(1, 1, "a"), e(1, 2, "b"), e(2, 3, "c")));
        s.setHardState(new HardState(2, 1, 2));

        s = reopen(s);

        assertEquals(new HardState(2, 1, 2), s.initialState());
        assertEquals(3, s.lastIndex());
        assertEquals(2, s.term(3));
        assertEquals(List.of(e(1, 2, "b"), e(2, 3, "c")), s.entries(2, 4));
        assertEquals(List.of(), s.entries(4, 4));
    }

    @Test
    public void appendTruncatesTheConflictingSuffix() {
        RaftStorage s = newStorage();
        s.append(terms(1, 1, 1, 1));

        s.append(List.of(e(2, 3)));

        assertEquals(List.of(e(1, 1), e(1, 2), e(2, 3)), s.entries(1, 4));
        assertEquals(3, s.lastIndex());
    }

    @Test
    public void appendMustBeContiguousWithTheLog() {
        RaftStorage s = newStorage();
        s.append(terms(1, 1));
        assertThrows(IllegalArgumentException.class, () -> s.append(List.of(e(1, 4))), "gap");
        assertThrows(IllegalArgumentException.class, () -> s.append(List.of(e(1, 3), e(1, 5))), "not contiguous");
        s.append(List.of());
        assertEquals(2, s.lastIndex());
    }

    @Test
    public void readsOutsideTheLogAreRejected() {
        RaftStorage s = newStorage();
        s.append(terms(1, 1));
        assertThrows(IllegalArgumentException.class, () -> s.entries(1, 4));
        assertThrows(IllegalArgumentException.class, () -> s.entries(0, 1));
        assertThrows(IllegalArgumentException.class, () -> s.term(3));
    }

    @Test
    public void compactionKeepsLaterEntriesAndRecordsTheSnapshot() {
        RaftStorage s = newStorage();
        s.append(terms(1, 2, 2, 3, 3));

        s.compact(SNAP3);
        s = reopen(s);

        assertEquals(SNAP3, s.snapshot());
        assertEquals(4, s.firstIndex());
        assertEquals(5, s.lastIndex());
        assertEquals(2, s.term(3), "the snapshot's term at firstIndex - 1");
        assertEquals(List.of(e(3, 4), e(3, 5)), s.entries(4, 6));
        RaftStorage compacted = s;
        assertThrows(IllegalArgumentException.class, () -> compacted.entries(3, 5));
        assertThrows(IllegalArgumentException.class, () -> compacted.term(2));
        assertThrows(IllegalArgumentException.class, () -> compacted.append(List.of(e(3, 3))));
        compacted.append(List.of(e(4, 4)));
        assertEquals(4, compacted.lastIndex());
    }

    @Test
    public void invalidCompactionsAreRejected() {
        RaftStorage s = newStorage();
        s.append(terms(1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> s.compact(new Snapshot(4, 2, Set.of(1L), new byte[0])), "beyond last");
        assertThrows(IllegalArgumentException.class, () -> s.compact(new Snapshot(3, 1, Set.of(1L), new byte[0])), "wrong term");
        s.compact(SNAP3);
        assertThrows(IllegalArgumentException.class, () -> s.compact(SNAP3), "not newer");
    }

    @Test
    public void applySnapshotReplacesTheWholeLog() {
        RaftStorage s = newStorage();
        s.append(terms(1, 1, 1, 1, 1));

        s.applySnapshot(SNAP3);
        s = reopen(s);

        assertEquals(SNAP3, s.snapshot());
        assertEquals(4, s.firstIndex());
        assertEquals(3, s.lastIndex());
        assertEquals(2, s.term(3));
        RaftStorage restored = s;
        assertThrows(IllegalArgumentException.class, () -> restored.applySnapshot(SNAP3), "not newer");
    }

    @Test
    public void persistWritesSnapshotThenEntriesThenHardState() {
        RaftStorage s = newStorage();
        s.append(terms(1, 1));

        s.persist(new Ready(null, new HardState(2, 2, 3), SNAP3, List.of(e(2, 4, "x")), List.of(), List.of(), true));
        s = reopen(s);

        assertEquals(SNAP3, s.snapshot());
        assertEquals(List.of(e(2, 4, "x")), s.entries(4, 5));
        assertEquals(new HardState(2, 2, 3), s.initialState());
    }
}
