package dev.ledgersim.ledger.codec;

import dev.ledgersim.ledger.protocol.Bytes;
import java.util.Arrays;

/**
 * Appends protobuf fields to a growing buffer in deterministic proto3 form. Callers write fields in
 * ascending field-number order; the scalar methods omit proto3 defaults, the {@code *Always} methods and
 * {@link #message} do not.
 *
 * <p>Embedded messages are written in place: one length byte is reserved, the body is written, and the
 * body is moved right only when its length needs more than one varint byte. Not thread-safe.
 */
final class WireWriter {
    private static final int VARINT = 0;
    private static final int LEN = 2;

    private byte[] buf = new byte[128];
    private int size;

    /** A body that writes the fields of an embedded message into this writer. */
    @FunctionalInterface
    interface Body {
        void write();
    }

    /** A varint field, omitted when 0; {@code value} is taken as unsigned (uint64, and int64 two's complement). */
    void uint64(int field, long value) {
        if (value != 0) {
            tag(field, VARINT);
            varint(value);
        }
    }

    /** An int32 field, omitted when 0; negative values are sign-extended to ten bytes, as protobuf does. */
    void int32(int field, int value) {
        uint64(field, value);
    }

    /** A uint32 field, omitted when 0; {@code value} is taken as unsigned. */
    void uint32(int field, int value) {
        uint64(field, Integer.toUnsignedLong(value));
    }

    /** A bool field, omitted when false. */
    void bool(int field, boolean value) {
        if (value) {
            tag(field, VARINT);
            put((byte) 1);
        }
    }

    /** A bytes field, omitted when empty. */
    void bytes(int field, Bytes value) {
        if (!value.isEmpty()) {
            bytesAlways(field, value);
        }
    }

    /** A bytes field written even when empty: repeated elements and map entries. */
    void bytesAlways(int field, Bytes value) {
        int n = value.size();
        tag(field, LEN);
        varint(n);
        ensure(n);
        System.arraycopy(value.unsafeBackingArray(), value.backingOffset(), buf, size, n);
        size += n;
    }

    /** A string field, omitted when empty. */
    void string(int field, String value) {
        if (!value.isEmpty()) {
            stringAlways(field, value);
        }
    }

    /**
     * A string field written even when empty (map keys), as UTF-8.
     *
     * @throws CodecException when {@code value} holds an unpaired surrogate, which has no UTF-8 form
     */
    void stringAlways(int field, String value) {
        tag(field, LEN);
        int n = utf8Length(value);
        varint(n);
        ensure(n);
        int p = size;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                buf[p++] = (byte) c;
            } else if (c < 0x800) {
                buf[p++] = (byte) (0xC0 | c >>> 6);
                buf[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                buf[p++] = (byte) (0xF0 | cp >>> 18);
                buf[p++] = (byte) (0x80 | cp >>> 12 & 0x3F);
                buf[p++] = (byte) (0x80 | cp >>> 6 & 0x3F);
                buf[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                buf[p++] = (byte) (0xE0 | c >>> 12);
                buf[p++] = (byte) (0x80 | c >>> 6 & 0x3F);
                buf[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        size = p;
    }

    /** An embedded message field, written even when its body is empty (a present message). */
    void message(int field, Body body) {
        delimited(field, body, true);
    }

    /**
     * A bytes field whose content is the encoding of another message (e.g. {@code Header.channel_header}):
     * omitted when that encoding is empty, as proto3 omits empty bytes.
     */
    void bytesOf(int field, Body body) {
        delimited(field, body, false);
    }

    private void delimited(int field, Body body, boolean keepEmpty) {
        int tagStart = size;
        tag(field, LEN);
        int lengthAt = size;
        put((byte) 0);
        body.write();
        int length = size - lengthAt - 1;
        if (length == 0) {
            if (!keepEmpty) {
                size = tagStart;
            }
            return;
        }
        int n = varintSize(length);
        if (n > 1) {
            ensure(n - 1);
            System.arraycopy(buf, lengthAt + 1, buf, lengthAt + n, length);
            size += n - 1;
        }
        int p = lengthAt;
        long v = length;
        while ((v & ~0x7FL) != 0) {
            buf[p++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        buf[p] = (byte) v;
    }

    /** The bytes written so far, copied out (the buffer is reused after {@link #reset}). */
    Bytes toBytes() {
        return Bytes.wrap(Arrays.copyOf(buf, size));
    }

    /** Feeds the bytes written so far to {@code digest}, without copying them. */
    void digestInto(java.security.MessageDigest digest) {
        digest.update(buf, 0, size);
    }

    /** Forgets what was written, keeping the buffer unless it grew past {@code keepAtMost} bytes. */
    void reset(int keepAtMost) {
        size = 0;
        if (buf.length > keepAtMost) {
            buf = new byte[128];
        }
    }

    private void tag(int field, int wireType) {
        varint((long) field << 3 | wireType);
    }

    private void varint(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    private void put(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    private void ensure(int more) {
        if (buf.length - size < more) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    static int varintSize(long value) {
        return value == 0 ? 1 : (63 - Long.numberOfLeadingZeros(value)) / 7 + 1;
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    n += 4;
                    i++;
                } else {
                    throw new CodecException("string has an unpaired surrogate at index " + i
                            + " and cannot be encoded as UTF-8");
                }
            } else {
                n += 3;
            }
        }
        return n;
    }
}
