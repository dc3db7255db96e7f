package dev.ledgersim.ledger.state;

import java.util.Arrays;

/**
 * Builds the storage keys and values of the typed stores. Integers are either fixed 8-byte
 * big-endian (in keys, where byte order must equal numeric order; only non-negative values) or
 * unsigned LEB128 varints (in values, where only compactness matters). Not thread-safe.
 */
final class ByteWriter {

    private byte[] buf;
    private int size;

    ByteWriter(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    ByteWriter u8(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    /** Raw bytes, no length. */
    ByteWriter raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** A varint length, then the bytes. */
    ByteWriter lengthPrefixed(byte[] bytes) {
        return varint(bytes.length).raw(bytes);
    }

    /** Unsigned LEB128: 7 bits per byte, low first, high bit set on all but the last byte. */
    ByteWriter varint(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    /** 8 bytes, big-endian: for a non-negative {@code value}, byte order equals numeric order. */
    ByteWriter fixed64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** 4 bytes, big-endian. */
    ByteWriter fixed32(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    /** The concatenation of {@code parts}. */
    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /**
     * The least byte string above every string that starts with {@code prefix}, or {@code null} if
     * there is none (the prefix is all 0xFF): the exclusive end of a prefix scan.
     */
    static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }
}
