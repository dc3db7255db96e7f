package dev.ledgersim.ledger.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.storage.StorageException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The stored value formats: pinned bytes, determinism, and errors that say what is corrupt. Pure, no storage. */
class ValueCodecTest {

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void versionedValueHasAPinnedEncoding() {
        VersionedValue v = new VersionedValue(Bytes.utf8("v"), new Version(300, 2), new TreeMap<>(Map.of("A", Bytes.fromHex("01"))));
        // format, varint 300 = ac 02, varint 2, lp("v"), 1 entry, lp("A"), lp(01)
        assertEquals("01" + "ac02" + "02" + "0176" + "01" + "0141" + "0101", hex(ValueCodec.encode(v)));
        assertEquals(v, ValueCodec.decodeVersionedValue(ValueCodec.encode(v), () -> "v"));
    }

    @Test
    void equalValuesEncodeToEqualBytesWhateverTheMapOrder() {
        Map<String, Bytes> forward = new LinkedHashMap<>();
        forward.put("a", Bytes.utf8("1"));
        forward.put("b", Bytes.utf8("2"));
        Map<String, Bytes> backward = new LinkedHashMap<>();
        backward.put("b", Bytes.utf8("2"));
        backward.put("a", Bytes.utf8("1"));
        byte[] one = ValueCodec.encode(new VersionedValue(Bytes.utf8("x"), new Version(1, 1), new TreeMap<>(forward)));
        byte[] two = ValueCodec.encode(new VersionedValue(Bytes.utf8("x"), new Version(1, 1), new TreeMap<>(backward)));
        assertArrayEquals(one, two);
    }

    @Test
    void keyModificationHasAPinnedEncoding() {
        KeyModification m = new KeyModification(new Version(1, 0), "t", Bytes.utf8("v"), new Timestamp(-1, 5), false);
        // format, flags, lp("t"), zigzag(-1) = 1, nanos 5, lp("v")
        assertEquals("01" + "00" + "0174" + "01" + "05" + "0176", hex(ValueCodec.encode(m)));
        assertEquals(m, ValueCodec.decodeKeyModification(new Version(1, 0), ValueCodec.encode(m), () -> "m"));
        KeyModification d = new KeyModification(new Version(1, 0), "t", Bytes.EMPTY, new Timestamp(Long.MIN_VALUE, 0), true);
        assertEquals(d, ValueCodec.decodeKeyModification(new Version(1, 0), ValueCodec.encode(d), () -> "d"));
    }

    @Test
    void corruptBytesAreReportedWithWhatWasBeingRead() {
        byte[] good = ValueCodec.encode(VersionedValue.of(Bytes.utf8("value"), new Version(1, 2)));
        StorageException e = assertThrows(StorageException.class,
                () -> ValueCodec.decodeVersionedValue(Arrays.copyOf(good, good.length - 2), () -> "the value of (ns, k)"));
        assertTrue(e.getMessage().startsWith("corrupt the value of (ns, k): truncated"), e.getMessage());
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        e = assertThrows(StorageException.class, () -> ValueCodec.decodeVersionedValue(trailing, () -> "x"));
        assertTrue(e.getMessage().contains("1 trailing byte(s)"), e.getMessage());
        byte[] overlong = HexFormat.of().parseHex("01ffffffffffffffffffff01");
        e = assertThrows(StorageException.class, () -> ValueCodec.decodeVersionedValue(overlong, () -> "x"));
        assertTrue(e.getMessage().contains("varint"), e.getMessage());
        byte[] unsorted = HexFormat.of().parseHex("010102017602" + "0162" + "0101" + "0161" + "0101");
        e = assertThrows(StorageException.class, () -> ValueCodec.decodeVersionedValue(unsorted, () -> "x"));
        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
    }
}
