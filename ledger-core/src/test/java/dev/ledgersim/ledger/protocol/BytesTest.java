package dev.ledgersim.ledger.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Byte strings by content: a view of part of an array behaves exactly as a copy of that part. */
class BytesTest {

    private static final byte[] BIG = "..hello, world..".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void aViewEqualsHashesOrdersAndPrintsAsACopy() {
        Bytes view = Bytes.wrap(BIG, 2, 12);
        Bytes copy = Bytes.utf8("hello, world");
        assertEquals(copy, view);
        assertEquals(view, copy);
        assertEquals(copy.hashCode(), view.hashCode());
        assertEquals(Arrays.hashCode(copy.unsafeArray()), view.hashCode(), "the hash of the content, as before views");
        assertEquals(0, view.compareTo(copy));
        assertEquals(12, view.size());
        assertEquals("hello, world", view.toUtf8());
        assertEquals(copy.toHex(), view.toHex());
        assertEquals(copy.toString(), view.toString());
        assertArrayEquals(copy.toByteArray(), view.toByteArray());
        assertEquals((byte) 'w', view.byteAt(7));
        assertEquals(Bytes.concat(Bytes.utf8("hello, "), Bytes.utf8("world")), Bytes.concat(Bytes.wrap(BIG, 2, 7), Bytes.wrap(BIG, 9, 5)));
    }

    @Test
    void aViewDiffersFromItsNeighboursAndSortsByUnsignedContent() {
        Bytes hello = Bytes.wrap(BIG, 2, 5);
        assertNotEquals(Bytes.wrap(BIG, 1, 5), hello);
        assertNotEquals(Bytes.wrap(BIG, 2, 6), hello, "a longer view of the same start");
        assertTrue(Bytes.wrap(BIG, 2, 4).compareTo(hello) < 0, "a prefix sorts first");
        assertTrue(Bytes.wrap(new byte[] {(byte) 0xFF}).compareTo(Bytes.wrap(BIG, 2, 1)) > 0, "unsigned");
    }

    @Test
    void unsafeArrayIsTheArrayOfAWholeStringAndAnExactCopyOfAView() throws Exception {
        byte[] whole = {1, 2, 3};
        assertSame(whole, Bytes.wrap(whole).unsafeArray());
        Bytes view = Bytes.wrap(BIG, 2, 5);
        byte[] exact = view.unsafeArray();
        assertNotSame(BIG, exact);
        assertArrayEquals("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), exact);
        assertSame(BIG, view.unsafeBackingArray());
        assertEquals(2, view.backingOffset());

        MessageDigest fromView = MessageDigest.getInstance("SHA-256");
        view.updateDigest(fromView);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(exact), fromView.digest());
    }

    @Test
    void rangesOutsideTheArrayAndIndexesOutsideTheViewAreRefused() {
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.wrap(BIG, 10, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.wrap(BIG, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.wrap(BIG, 2, 5).byteAt(5));
        assertSame(Bytes.EMPTY, Bytes.wrap(BIG, 4, 0));
    }
}
