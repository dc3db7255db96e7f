package dev.ledgersim.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fabric's composite-key encoding ({@code fabric-chaincode-go/shim}), byte for byte, and its error texts. */
class CompositeKeyTest {

    @Test
    void encodesEveryComponentFollowedByU0000() {
        CompositeKey key = new CompositeKey("patient", "org1", "p42");

        assertEquals("\u0000patient\u0000org1\u0000p42\u0000", key.toString());
        assertEquals("patient", key.getObjectType());
        assertEquals(List.of("org1", "p42"), key.getAttributes());
        assertEquals("\u0000patient\u0000", new CompositeKey("patient").toString());
        assertEquals("\u0000\u0000", new CompositeKey("").toString(), "Go allows an empty object type");
    }

    @Test
    void utf8BytesMatchFabric() {
        byte[] expected = {0, 'a', 0, (byte) 0xC3, (byte) 0xA9, 0};
        assertArrayEquals(expected, new CompositeKey("a", "é").toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsFromIndexOneKeepingEmptyAttributes() {
        CompositeKey parsed = CompositeKey.parseCompositeKey("\u0000patient\u0000org1\u0000\u0000");

        assertEquals("patient", parsed.getObjectType());
        assertEquals(List.of("org1", ""), parsed.getAttributes(), "Go keeps a trailing empty attribute");
        assertEquals(new CompositeKey("patient", "org1", ""), parsed);
        CompositeKey roundTrip = CompositeKey.parseCompositeKey(new CompositeKey("x", "ü", "日本", "😀").toString());
        assertEquals(List.of("ü", "日本", "😀"), roundTrip.getAttributes());
    }

    @Test
    void stubDefaultsCreateAndSplitTheSameWay() {
        ChaincodeStub stub = new FakeStub();
        CompositeKey key = stub.createCompositeKey("owner", "alice", "car1");

        assertEquals("\u0000owner\u0000alice\u0000car1\u0000", key.toString());
        assertEquals(key, stub.splitCompositeKey(key.toString()));
    }

    @Test
    void refusesU0000InComponentsWithFabricsMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CompositeKey("a", "b\u0000c"));
        assertEquals("input contains unicode U+0000 starting at position [1]. U+0000 and U+10FFFF are not allowed"
                + " in the input attribute of a composite key", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CompositeKey("\u0000type"));
    }

    @Test
    void refusesU10FFFFReportingTheUtf8ByteOffsetAsGoDoes() {
        String withMax = "é" + CompositeKey.MAX_UNICODE_RUNE_VALUE;   // é is two UTF-8 bytes
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CompositeKey("t", withMax));
        assertEquals("input contains unicode U+10FFFF starting at position [2]. U+0000 and U+10FFFF are not allowed"
                + " in the input attribute of a composite key", e.getMessage());
    }

    @Test
    void refusesUnpairedSurrogatesAsInvalidUtf8() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CompositeKey("a\uD800b"));
        assertTrue(e.getMessage().startsWith("not a valid utf8 string: [61eda08062]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CompositeKey("t", "\uDC00"));
    }

    @Test
    void parseRefusesKeysOutsideTheCompositeNamespace() {
        IllegalArgumentException simple = assertThrows(IllegalArgumentException.class,
                () -> CompositeKey.parseCompositeKey("patient"));
        assertTrue(simple.getMessage().contains("does not start with U+0000"), simple.getMessage());
        IllegalArgumentException unterminated = assertThrows(IllegalArgumentException.class,
                () -> CompositeKey.parseCompositeKey("\u0000patient\u0000p1"));
        assertTrue(unterminated.getMessage().contains("does not end with U+0000"), unterminated.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompositeKey.parseCompositeKey("\u0000"));
    }

    @Test
    void partialKeyRangeCoversLongerKeysButNotOtherTypes() {
        CompositeKey partial = new CompositeKey("patient", "org1");
        String start = partial.toString();
        String end = partial.partialKeyRangeEnd();

        assertEquals(start + "\uDBFF\uDFFF", end);
        assertArrayEquals(new byte[] {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF},
                end.substring(start.length()).getBytes(StandardCharsets.UTF_8));
        String inside = new CompositeKey("patient", "org1", "p1").toString();
        String otherOrg = new CompositeKey("patient", "org10", "p1").toString();
        assertTrue(utf8Compare(start, inside) <= 0 && utf8Compare(inside, end) < 0);
        assertFalse(utf8Compare(start, otherOrg) <= 0 && utf8Compare(otherOrg, end) < 0,
                "org10 shares the text prefix but not the component");
    }

    @Test
    void simpleKeysMustNotStartWithU0000() {
        CompositeKey.validateSimpleKeys("a", "", "b\u0000");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompositeKey.validateSimpleKeys("ok", "\u0000bad"));
        assertEquals("first character of the key [\\u0000bad] contains a null character which is not allowed", e.getMessage());
        assertTrue(CompositeKey.isCompositeKey("\u0000x\u0000"));
        assertFalse(CompositeKey.isCompositeKey("x"));
    }

    @Test
    void equalityIsByEncodedKey() {
        assertEquals(new CompositeKey("a", "b"), new CompositeKey("a", List.of("b")));
        assertEquals(new CompositeKey("a", "b").hashCode(), new CompositeKey("a", List.of("b")).hashCode());
        assertNotEquals(new CompositeKey("a", "b"), new CompositeKey("ab"));
    }

    private static int utf8Compare(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
