package dev.ledgersim.ledger.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality, so that protocol records holding bytes compare,
 * hash and print by content. Ordered lexicographically by unsigned bytes (the order of RocksDB keys).
 */
public final class Bytes implements Comparable<Bytes> {

    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;
    private int hash;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}; {@code null} is not accepted. */
    public static Bytes of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
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
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    /** The concatenation {@code a || b || ...}. */
    public static Bytes concat(Bytes... parts) {
        int length = 0;
        for (Bytes part : parts) {
            length += part.bytes.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (Bytes part : parts) {
            System.arraycopy(part.bytes, 0, out, at, part.bytes.length);
            at += part.bytes.length;
        }
        return wrap(out);
    }

    /** A fresh copy of the content. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * The content without copying. Callers must treat the array as read-only; this exists for hot
     * paths (hashing, signing, writing to storage) that would otherwise copy.
     */
    public byte[] unsafeArray() {
        return bytes;
    }

    /** Number of bytes. */
    public int size() {
        return bytes.length;
    }

    /** Whether there are no bytes. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The content decoded as UTF-8. */
    public String toUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Lower-case hex of the content. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && bytes.length > 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    /** Hex, shortened beyond 32 bytes. */
    @Override
    public String toString() {
        return bytes.length <= 32 ? toHex() : HexFormat.of().formatHex(bytes, 0, 32) + "…(" + bytes.length + " bytes)";
    }
}
