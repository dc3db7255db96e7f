package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.storage.StorageException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Reads what {@link ByteWriter} wrote. Every malformed input (truncated, overlong varint, trailing
 * bytes, unknown format) throws a {@link StorageException} that names what was being decoded, so a
 * corrupt value points at its key. Not thread-safe.
 */
final class ByteReader {

    private final byte[] buf;
    private final Supplier<String> what;
    private int pos;

    /**
     * @param buf the encoded bytes
     * @param what describes the value, e.g. "state value of (ns, key)", evaluated only on error
     */
    ByteReader(byte[] buf, Supplier<String> what) {
        this.buf = buf;
        this.what = what;
    }

    ByteReader(byte[] buf, int offset, Supplier<String> what) {
        this(buf, what);
        this.pos = offset;
    }

    int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 63 && b > 1) {
                    throw corrupt("varint overflows 64 bits");
                }
                return value;
            }
        }
        throw corrupt("varint longer than 10 bytes");
    }

    /** A varint that must be within {@code 0..max}. */
    long varint(long max, String field) {
        long v = varint();
        if (v < 0 || v > max) {
            throw corrupt(field + " " + Long.toUnsignedString(v) + " out of range 0.." + max);
        }
        return v;
    }

    long fixed64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    int fixed32() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    /** A height written as two {@link ByteWriter#fixed64} numbers. */
    Version version() {
        long blockNum = fixed64();
        long txNum = fixed64();
        if (blockNum < 0 || txNum < 0) {
            throw corrupt("negative height (" + blockNum + ", " + txNum + ")");
        }
        return new Version(blockNum, txNum);
    }

    byte[] raw(int length) {
        need(length);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return out;
    }

    byte[] lengthPrefixed() {
        return raw((int) varint(Integer.MAX_VALUE, "length"));
    }

    /** Bytes up to (not including) the next 0x00, which is consumed. */
    byte[] untilZero() {
        for (int i = pos; i < buf.length; i++) {
            if (buf[i] == 0) {
                byte[] out = Arrays.copyOfRange(buf, pos, i);
                pos = i + 1;
                return out;
            }
        }
        throw corrupt("missing 0x00 terminator");
    }

    /** The offset of the next byte to read. */
    int position() {
        return pos;
    }

    /** The rest of the input. */
    byte[] rest() {
        return raw(buf.length - pos);
    }

    void expectEnd() {
        if (pos != buf.length) {
            throw corrupt((buf.length - pos) + " trailing byte(s)");
        }
    }

    StorageException corrupt(String problem) {
        return new StorageException("corrupt " + what.get() + ": " + problem + " at offset " + pos + " of " + buf.length);
    }

    private void need(int n) {
        if (n < 0 || buf.length - pos < n) {
            throw corrupt("truncated, needed " + n + " more byte(s)");
        }
    }
}
