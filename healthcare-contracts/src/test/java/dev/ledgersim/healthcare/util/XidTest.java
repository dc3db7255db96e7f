package dev.ledgersim.healthcare.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class XidTest {

    @Test
    void encodesLikeRsXid() {
        // The id of github.com/rs/xid's README and tests: 4d88e15b60f486e428412dc9.
        byte[] id = HexFormat.of().parseHex("4d88e15b60f486e428412dc9");
        assertEquals("9m4e2mr0ui3e8a215n4g", Xid.encode(id));
    }

    @Test
    void timeComesFirstAndTheTransactionGivesTheRest() {
        String tx = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        String a = Xid.of(Instant.parse("2025-01-01T00:00:00Z"), tx);
        String b = Xid.of(Instant.parse("2025-01-01T00:00:01Z"), tx);
        assertEquals(20, a.length());
        assertTrue(Xid.looksLikeXid(a));
        assertTrue(a.compareTo(b) < 0, "ids sort by creation second");
        assertEquals(a, Xid.of(Instant.parse("2025-01-01T00:00:00Z"), tx), "deterministic");
        assertNotEquals(a, Xid.of(Instant.parse("2025-01-01T00:00:00Z"), "f" + tx.substring(1)));
        // 0x6774 8580 = 2025-01-01T00:00:00Z
        byte[] expected = HexFormat.of().parseHex("677485800011223344556677");
        assertEquals(Xid.encode(expected), a);
    }

    @Test
    void refusesWhatIsNotAnId() {
        assertThrows(IllegalArgumentException.class, () -> Xid.encode(new byte[11]));
        assertThrows(IllegalArgumentException.class, () -> Xid.of(Instant.EPOCH, "abc"));
        assertThrows(IllegalArgumentException.class, () -> Xid.of(Instant.parse("1969-12-31T23:59:59Z"), "00".repeat(32)));
        assertFalse(Xid.looksLikeXid("9m4e2mr0ui3e8a215n4w"));
        assertFalse(Xid.looksLikeXid("alice"));
    }
}
