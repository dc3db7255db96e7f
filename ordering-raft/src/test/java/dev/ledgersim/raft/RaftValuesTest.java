package dev.ledgersim.raft;

import static dev.ledgersim.raft.Peer.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.raft.RaftMessage.AppendEntries;
import dev.ledgersim.raft.RaftMessage.AppendEntriesResponse;
import dev.ledgersim.raft.RaftMessage.Heartbeat;
import dev.ledgersim.raft.RaftMessage.InstallSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The immutable values: entries, snapshots, conf changes, messages, hard state, Ready. */
class RaftValuesTest {

    @Test
    void entryCopiesItsPayloadInAndOut() {
        byte[] data = bytes("block");
        Entry e = Entry.normal(1, 1, data);
        data[0] = 'X';
        e.data()[1] = 'Y';

        assertArrayEquals(bytes("block"), e.data());
        assertEquals(5, e.dataLength());
    }

    @Test
    void anEntrysDataBufferIsAReadOnlyViewOfThePayload() {
        Entry e = Entry.normal(1, 1, bytes("block"));
        java.nio.ByteBuffer view = e.dataBuffer();

        assertTrue(view.isReadOnly());
        assertEquals(5, view.remaining());
        byte[] read = new byte[5];
        view.get(read);
        assertArrayEquals(bytes("block"), read);
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> e.dataBuffer().put(0, (byte) 'X'));
        assertArrayEquals(bytes("block"), e.data());
    }

    @Test
    void entriesAreEqualByContent() {
        Entry a = Entry.normal(2, 3, bytes("x"));

        assertEquals(a, Entry.normal(2, 3, bytes("x")));
        assertEquals(a.hashCode(), Entry.normal(2, 3, bytes("x")).hashCode());
        assertNotEquals(a, Entry.normal(2, 3, bytes("y")));
        assertNotEquals(a, Entry.normal(1, 3, bytes("x")));
        assertNotEquals(a, new Entry(2, 3, EntryType.CONF_CHANGE, bytes("x")));
        assertEquals("Entry[term=2, index=3, NORMAL, \"x\"]", a.toString());
        assertEquals("Entry[term=1, index=1, NORMAL, 0x00ff]", Entry.normal(1, 1, new byte[] {0, -1}).toString());
    }

    @Test
    void invalidEntriesAreRejected() {
        assertEquals("entry term must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Entry.normal(0, 1, new byte[0])).getMessage());
        assertEquals("entry index must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Entry.normal(1, 0, new byte[0])).getMessage());
        assertThrows(NullPointerException.class, () -> Entry.normal(1, 1, null));
        assertThrows(IllegalStateException.class, () -> Entry.normal(1, 1, new byte[0]).confChange());
    }

    @Test
    void confChangeRoundTripsThroughAnEntry() {
        for (ConfChange cc : List.of(ConfChange.addNode(4), ConfChange.removeNode(Long.MAX_VALUE))) {
            Entry e = Entry.confChange(3, 7, cc);
            assertEquals(EntryType.CONF_CHANGE, e.type());
            assertEquals(ConfChange.ENCODED_LENGTH, e.dataLength());
            assertEquals(cc, e.confChange());
        }
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 4}, ConfChange.addNode(4).encode());
        assertEquals("Entry[term=3, index=7, CONF_CHANGE, ConfChange[type=ADD_NODE, nodeId=4]]",
                Entry.confChange(3, 7, ConfChange.addNode(4)).toString());
    }

    @Test
    void malformedConfChangesAreRejected() {
        assertEquals("a conf change is encoded in 9 bytes, got 2",
                assertThrows(IllegalArgumentException.class, () -> ConfChange.decode(new byte[2])).getMessage());
        assertEquals("unknown conf change type code 7",
                assertThrows(IllegalArgumentException.class, () -> ConfChange.decode(new byte[] {7, 0, 0, 0, 0, 0, 0, 0, 1}))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfChange.decode(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> ConfChange.addNode(0));
    }

    @Test
    void snapshotCopiesDataAndSortsVoters() {
        byte[] data = bytes("state");
        Set<Long> voters = new TreeSet<>(Set.of(3L, 1L));
        Snapshot s = new Snapshot(5, 2, voters, data);
        data[0] = 'X';
        voters.add(9L);
        s.data()[0] = 'Y';

        assertArrayEquals(bytes("state"), s.data());
        assertEquals(List.of(1L, 3L), new ArrayList<>(s.voters()));
        assertThrows(UnsupportedOperationException.class, () -> s.voters().add(4L));
        assertEquals(new Snapshot(5, 2, Set.of(1L, 3L), bytes("state")), s);
        assertNotEquals(new Snapshot(5, 2, Set.of(1L, 3L), bytes("other")), s);
        assertTrue(Snapshot.EMPTY.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new Snapshot(5, 0, Set.of(), new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Snapshot(0, 1, Set.of(), new byte[0]));
    }

    @Test
    void messagesValidateAndCopy() {
        List<Entry> entries = new ArrayList<>(List.of(Entry.normal(1, 1, bytes("a"))));
        AppendEntries ae = new AppendEntries(1, 2, 1, 0, 0, entries, 0);
        entries.clear();

        assertEquals(1, ae.entries().size());
        assertThrows(UnsupportedOperationException.class, () -> ae.entries().clear());
        assertEquals(new AppendEntries(1, 2, 1, 0, 0, List.of(Entry.normal(1, 1, bytes("a"))), 0), ae);
        assertThrows(IllegalArgumentException.class,
                () -> new AppendEntries(1, 2, 1, 0, 0, List.of(Entry.normal(1, 2, bytes("gap"))), 0));
        assertThrows(IllegalArgumentException.class, () -> new Heartbeat(0, 2, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Heartbeat(1, 2, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Heartbeat(1, 2, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new AppendEntriesResponse(1, 2, 1, true, 3, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new AppendEntriesResponse(1, 2, 1, false, 3, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new InstallSnapshot(1, 2, 1, Snapshot.EMPTY));
    }

    @Test
    void hardStateAndReadyValidateAndCopy() {
        assertThrows(IllegalArgumentException.class, () -> new HardState(-1, 0, 0));
        List<RaftMessage> msgs = new ArrayList<>(List.of(new Heartbeat(1, 2, 1, 0)));
        Ready rd = new Ready(null, null, null, List.of(), List.of(), msgs, false);
        msgs.clear();
        assertEquals(1, rd.messages().size());
        assertTrue(new Ready(null, null, null, List.of(), List.of(), List.of(), false).isEmpty());
    }
}
