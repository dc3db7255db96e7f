package dev.ledgersim.orderer.raftlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ledgersim.raft.ConfChange;
import dev.ledgersim.raft.Entry;
import dev.ledgersim.raft.HardState;
import dev.ledgersim.raft.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RaftLogCodecTest {

    private static final Entry ENTRY = Entry.normal(3, 42, "abc".getBytes(StandardCharsets.UTF_8));

    @Test
    void entriesHardStatesAndSnapshotsRoundTrip() {
        Entry conf = Entry.confChange(2, 7, ConfChange.addNode(4));
        HardState hs = new HardState(9, 2, 41);
        Snapshot snap = new Snapshot(40, 8, Set.of(3L, 1L, 2L), "block".getBytes(StandardCharsets.UTF_8));

        assertEquals(ENTRY, RaftLogCodec.decodeEntry(RaftLogCodec.encode(ENTRY), "e"));
        assertEquals(conf, RaftLogCodec.decodeEntry(RaftLogCodec.encode(conf), "e"));
        assertEquals(hs, RaftLogCodec.decodeHardState(RaftLogCodec.encode(hs), "h"));
        assertEquals(snap, RaftLogCodec.decodeSnapshot(RaftLogCodec.encode(snap), "s"));
        assertEquals(Snapshot.EMPTY, RaftLogCodec.decodeSnapshot(RaftLogCodec.encode(Snapshot.EMPTY), "s"));
    }

    @Test
    void theEncodingIsFixedByteForByte() {
        // kind 'E', version 1, NORMAL, term 3, index 42, length 3, "abc", CRC-32C
        String expected = "4501" + "00" + "0000000000000003" + "000000000000002a" + "00000003" + "616263";
        String hex = HexFormat.of().formatHex(RaftLogCodec.encode(ENTRY));
        assertEquals(expected, hex.substring(0, hex.length() - 8));
        assertArrayEquals(RaftLogCodec.encode(ENTRY), RaftLogCodec.encode(Entry.normal(3, 42, "abc".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void corruptionIsNamed() {
        byte[] good = RaftLogCodec.encode(ENTRY);

        byte[] flipped = good.clone();
        flipped[20] ^= 0x10;
        assertMessage("raft entry 42 is corrupt: checksum mismatch", () -> RaftLogCodec.decodeEntry(flipped, "raft entry 42"));

        assertMessage("raft entry 42 is corrupt: truncated: 5 bytes, at least 27 expected",
                () -> RaftLogCodec.decodeEntry(Arrays.copyOf(good, 5), "raft entry 42"));

        byte[] version = good.clone();
        version[1] = 2;
        assertMessage("raft entry 42 is corrupt: unsupported format version 2",
                () -> RaftLogCodec.decodeEntry(version, "raft entry 42"));

        assertMessage("raft hard state is corrupt: record kind 0x45, expected 0x48 ('H')",
                () -> RaftLogCodec.decodeHardState(good, "raft hard state"));
    }

    private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable decode) {
        RaftLogCorruptionException e = assertThrows(RaftLogCorruptionException.class, decode);
        assertEquals(prefix, e.getMessage().substring(0, Math.min(prefix.length(), e.getMessage().length())), e.getMessage());
    }
}
