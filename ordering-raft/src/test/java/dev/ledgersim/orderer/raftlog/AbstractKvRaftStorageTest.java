package dev.ledgersim.orderer.raftlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.raft.AbstractRaftStorageTest;
import dev.ledgersim.raft.Entry;
import dev.ledgersim.raft.HardState;
import dev.ledgersim.raft.ProposeResult;
import dev.ledgersim.raft.RaftConfig;
import dev.ledgersim.raft.RaftNode;
import dev.ledgersim.raft.RaftRole;
import dev.ledgersim.raft.RaftStorage;
import dev.ledgersim.raft.Ready;
import dev.ledgersim.raft.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RocksDbRaftStorage} against the {@link RaftStorage} contract and on what survives a restart,
 * over one {@link KvStoreFactory} per subclass (in-memory and RocksDB). {@link #reopen} closes the
 * store and opens the same name again, as a restarted process would.
 */
abstract class AbstractKvRaftStorageTest extends AbstractRaftStorageTest {

    /** The factory, created once per test. */
    protected abstract KvStoreFactory factory();

    private final Map<RaftStorage, KvStore> stores = new IdentityHashMap<>();
    private final Map<RaftStorage, String> names = new IdentityHashMap<>();
    private int counter;

    @AfterEach
    protected void closeStores() {
        stores.values().forEach(KvStore::close);
        stores.clear();
    }

    @Override
    protected RaftStorage newStorage() {
        return openStorage("node" + (counter++) + "/raft");
    }

    private RocksDbRaftStorage openStorage(String name) {
        KvStore store = factory().open(name, RocksDbRaftStorage.COLUMNS);
        RocksDbRaftStorage storage;
        try {
            storage = new RocksDbRaftStorage(store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        stores.put(storage, store);
        names.put(storage, name);
        return storage;
    }

    @Override
    protected RaftStorage reopen(RaftStorage storage) {
        KvStore store = stores.remove(storage);
        String name = names.remove(storage);
        store.close();
        return openStorage(name);
    }

    private KvStore storeOf(RaftStorage storage) {
        return stores.get(storage);
    }

    private static Entry e(long term, long index, String data) {
        return Entry.normal(term, index, data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRefusedPersistWritesNothing() {
        RaftStorage s = newStorage();
        s.append(List.of(e(1, 1, "a"), e(1, 2, "b")));
        s.setHardState(new HardState(1, 1, 1));

        Ready gap = new Ready(null, new HardState(5, 2, 2), null, List.of(e(5, 7, "x")), List.of(), List.of(), true);
        assertThrows(IllegalArgumentException.class, () -> s.persist(gap));
        RaftStorage reopened = reopen(s);

        assertEquals(new HardState(1, 1, 1), reopened.initialState(), "the hard state of the refused batch was not written");
        assertEquals(2, reopened.lastIndex());
    }

    @Test
    void persistTruncatesAConflictingSuffixDurably() {
        RaftStorage s = newStorage();
        s.append(List.of(e(1, 1, "a"), e(1, 2, "b"), e(1, 3, "c"), e(1, 4, "d")));

        s.persist(new Ready(null, new HardState(2, 0, 1), null, List.of(e(2, 2, "B")), List.of(), List.of(), true));
        RaftStorage reopened = reopen(s);

        assertEquals(2, reopened.lastIndex(), "entries 3 and 4 of the old term are gone");
        assertEquals(List.of(e(1, 1, "a"), e(2, 2, "B")), reopened.entries(1, 3));
        assertEquals(2, reopened.term(2));
    }

    @Test
    void entriesBeyondTheKeptRecentOnesAreReadFromTheStoreAndJoinThem() {
        RaftStorage s = newStorage();
        int size = 1 << 20;
        int count = (int) (RocksDbRaftStorage.RECENT_BYTES / size) + 8; // more than are kept in memory
        List<Entry> written = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            byte[] payload = new byte[size];
            new SplittableRandom(i).nextBytes(payload);
            Entry entry = Entry.normal(1, i, payload);
            written.add(entry);
            s.append(List.of(entry));
        }
        assertEquals(written, s.entries(1, count + 1), "old entries from the store, recent ones from memory");
        assertEquals(written.subList(2, 5), s.entries(3, 6));
        assertEquals(written.subList(count - 3, count), s.entries(count - 2, count + 1));
        assertEquals(written, reopen(s).entries(1, count + 1), "all of them durable");
    }

    @Test
    void anOverwrittenSuffixIsNotServedFromMemory() {
        RaftStorage s = newStorage();
        s.append(List.of(e(1, 1, "a"), e(1, 2, "b"), e(1, 3, "c"), e(1, 4, "d")));
        assertEquals(List.of(e(1, 3, "c"), e(1, 4, "d")), s.entries(3, 5));

        s.persist(new Ready(null, new HardState(2, 0, 1), null, List.of(e(2, 3, "C")), List.of(), List.of(), true));

        assertEquals(3, s.lastIndex());
        assertEquals(List.of(e(1, 1, "a"), e(1, 2, "b"), e(2, 3, "C")), s.entries(1, 4));
        assertThrows(IllegalArgumentException.class, () -> s.entries(4, 5), "entry 4 is gone");
        s.append(List.of(e(2, 4, "D")));
        assertEquals(List.of(e(2, 3, "C"), e(2, 4, "D")), s.entries(3, 5));
    }

    @Test
    void compactionAndSnapshotsDropKeptEntries() {
        RaftStorage s = newStorage();
        s.append(List.of(e(1, 1, "a"), e(1, 2, "b"), e(1, 3, "c"), e(1, 4, "d")));
        s.compact(new Snapshot(2, 1, Set.of(1L), "snap".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> s.entries(2, 3), "compacted away");
        assertEquals(List.of(e(1, 3, "c"), e(1, 4, "d")), s.entries(3, 5));

        s.applySnapshot(new Snapshot(10, 3, Set.of(1L), "later".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), s.entries(11, 11));
        s.append(List.of(e(3, 11, "k")));
        assertEquals(List.of(e(3, 11, "k")), s.entries(11, 12));
        assertEquals(List.of(e(3, 11, "k")), reopen(s).entries(11, 12));
    }

    @Test
    void aCorruptEntryIsReportedAtOpenWithItsIndex() {
        RaftStorage s = newStorage();
        s.append(List.of(e(1, 1, "a"), e(1, 2, "b"), e(1, 3, "c")));
        KvStore store = storeOf(s);
        byte[] bytes = store.get(RocksDbRaftStorage.ENTRIES, RocksDbRaftStorage.key(2));
        bytes[bytes.length - 6] ^= 0x01; // flip one bit of the payload
        store.write(store.newBatch().put(RocksDbRaftStorage.ENTRIES, RocksDbRaftStorage.key(2), bytes));

        RaftLogCorruptionException ex = assertThrows(RaftLogCorruptionException.class, () -> reopen(s));

        assertTrue(ex.getMessage().contains("raft entry 2 is corrupt: checksum mismatch"), ex.getMessage());
    }

    @Test
    void aMissingEntryIsReportedAsAGap() {
        RaftStorage s = newStorage();
        s.append(List.of(e(1, 1, "a"), e(1, 2, "b"), e(1, 3, "c")));
        KvStore store = storeOf(s);
        store.write(store.newBatch().delete(RocksDbRaftStorage.ENTRIES, RocksDbRaftStorage.key(2)));

        RaftLogCorruptionException ex = assertThrows(RaftLogCorruptionException.class, () -> reopen(s));

        assertEquals("raft log has a gap: expected entry 2 after the snapshot at 0, found entry 3", ex.getMessage());
    }

    @Test
    void aRestartedNodeRecoversTermVoteCommitLogAndSnapshot() {
        RaftStorage s = newStorage();
        RaftConfig config = RaftConfig.defaults(1, Set.of(1L), new SplittableRandom(7));
        RaftNode node = new RaftNode(config, s);
        List<Entry> applied = new ArrayList<>();
        node.campaign();
        drain(node, s, applied);
        assertEquals(RaftRole.LEADER, node.role());
        for (int i = 0; i < 6; i++) {
            ProposeResult r = node.propose(("block-" + i).getBytes(StandardCharsets.UTF_8));
            assertTrue(r.isAccepted(), r.toString());
            drain(node, s, applied);
        }
        Snapshot snap = node.compact(4, "state@4".getBytes(StandardCharsets.UTF_8));
        long term = node.term();
        long commit = node.commitIndex();
        long last = node.lastIndex();

        RaftStorage reopened = reopen(s);
        RaftNode restarted = new RaftNode(config.withRandom(new SplittableRandom(8)), reopened);
        List<Entry> replayed = new ArrayList<>();
        drain(restarted, reopened, replayed);

        assertEquals(term, restarted.term());
        assertEquals(1, restarted.votedFor());
        assertEquals(commit, restarted.commitIndex());
        assertEquals(last, restarted.lastIndex());
        assertEquals(snap, reopened.snapshot());
        assertEquals(5, restarted.firstIndex());
        assertEquals(applied.subList(applied.size() - 3, applied.size()), replayed,
                "committed entries after the snapshot are handed to the application again");
        assertEquals(RaftRole.FOLLOWER, restarted.role());
    }

    private static void drain(RaftNode node, RaftStorage storage, List<Entry> applied) {
        while (node.hasReady()) {
            Ready rd = node.ready();
            storage.persist(rd);
            for (Entry e : rd.committedEntries()) {
                if (e.dataLength() > 0) {
                    applied.add(e);
                }
            }
            node.advance(rd);
        }
    }
}
