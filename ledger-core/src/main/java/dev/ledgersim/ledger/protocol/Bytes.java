package dev.ledgersim.ledger.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable byte string with value equality, so that protocol records holding bytes compare,
 * hash and print by content. Ordered lexicographically by unsigned bytes (the order of RocksDB keys).
 *
 * <p>A byte string may be a view of part of a larger array ({@link #wrap(byte[], int, int)}): decoders
 * hand out the fields of a message as views of the message's bytes instead of copies, as protobuf's
 * {@code ByteString.substring} does. Equality, hashing, order and every accessor are by content, so a
 * view and a copy of the same bytes are interchangeable.
 */
public final class Bytes implements Comparable<Bytes> {

    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);

    private final byte[] bytes;
    private final int offset;
    private final int length;
    private int hash;

    private Bytes(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code bytes}; {@code null} is not accepted. */
    public static Bytes of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone(), 0, bytes.length);
    }

    /** The UTF-8 bytes of {@code text}. */
    public static Bytes utf8(String text) {
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses lower- or upper-case hex. */
    public static Bytes fromHex(String hex) {
        return wrap(HexFormat.of().parseHex(hex));
    }

    /** Takes ownership of {@code bytes} without copying: the caller must never change them again. */
    public static Bytes wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes, 0, bytes.length);
    }

    /**
     * A view of {@code length} bytes of {@code array} from {@code offset}, without copying: the caller must
     * never change those bytes again. The view keeps the whole array reachable.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code array}
     */
    public static Bytes wrap(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        return length == 0 ? EMPTY : new Bytes(array, offset, length);
    }

    /** The concatenation {@code a || b || ...}. */
    public static Bytes concat(Bytes... parts) {
        int total = 0;
        for (Bytes part : parts) {
            total += part.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (Bytes part : parts) {
            System.arraycopy(part.bytes, part.offset, out, at, part.length);
            at += part.length;
        }
        return wrap(out);
    }

    /** A fresh copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /**
     * The content as an array of exactly {@link #size()} bytes, without copying when this is not a view
     * of part of a larger array (a view is copied). Callers must treat the array as read-only; this exists
     * for hot paths (hashing, signing, writing to storage) that would otherwise copy. Paths that can take
     * a range use {@link #unsafeBackingArray()} with {@link #backingOffset()} and never copy.
     */
    public byte[] unsafeArray() {
        return offset == 0 && length == bytes.length ? bytes : toByteArray();
    }

    /**
     * The array this byte string lies in, possibly larger than it: the content is
     * {@code size()} bytes from {@link #backingOffset()}. Read-only, for hot paths.
     */
    public byte[] unsafeBackingArray() {
        return bytes;
    }

    /** Where the content starts in {@link #unsafeBackingArray()}. */
    public int backingOffset() {
        return offset;
    }

    /** Feeds the content to {@code digest}, without copying. */
    public void updateDigest(MessageDigest digest) {
        digest.update(bytes, offset, length);
    }

    /** The byte at {@code index}. */
    public byte byteAt(int index) {
        Objects.checkIndex(index, length);
        return bytes[offset + index];
    }

    /** Number of bytes. */
    public int size() {
        return length;
    }

    /** Whether there are no bytes. */
    public boolean isEmpty() {
        return length == 0;
    }

    /** The content decoded as UTF-8. */
    public String toUtf8() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    /** Lower-case hex of the content. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes, offset, offset + length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && other.length == length
                && Arrays.equals(bytes, offset, offset + length, other.bytes, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && length > 0) {
            h = 1; // the value of Arrays.hashCode over the content
            for (int i = offset, end = offset + length; i < end; i++) {
                h = 31 * h + bytes[i];
            }
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, offset, offset + length, other.bytes, other.offset, other.offset + other.length);
    }

    /** Hex, shortened beyond 32 bytes. */
    @Override
    public String toString() {
        return length <= 32 ? toHex()
                : HexFormat.of().formatHex(bytes, offset, offset + 32) + "…(" + length + " bytes)";
    }
}
