package dev.ledgersim.ledger.codec;

import dev.ledgersim.ledger.protocol.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the fields of one message strictly, in the order a decoder asks for them: each accessor takes
 * the next field only when it has the requested number, so fields out of ascending order, repeated
 * non-repeated fields and unknown fields are left over and refused by {@link #finish()}. Everything that
 * canonical proto3 would not produce is refused: explicit default values, non-minimal varints, bools
 * other than 1, int32 values that are not sign-extended, invalid UTF-8. Errors are {@link CodecException}s
 * naming the path of message types and the byte offset.
 */
final class WireReader {
    private static final int VARINT = 0;
    private static final int LEN = 2;

    private final WireReader parent;
    private final String type;
    private final byte[] buf;
    private final int end;
    private int pos;
    private int lastField;
    private boolean peeked;
    private int nextField;
    private int nextWireType;

    private WireReader(WireReader parent, String type, byte[] buf, int from, int to) {
        this.parent = parent;
        this.type = type;
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    /** Decodes all of {@code bytes} as one {@code type} message with {@code body}. */
    static <T> T decode(String type, Bytes bytes, Function<WireReader, T> body) {
        int from = bytes.backingOffset();
        return new WireReader(null, type, bytes.unsafeBackingArray(), from, from + bytes.size()).run(body);
    }

    private <T> T run(Function<WireReader, T> body) {
        T value;
        try {
            value = body.apply(this);
        } catch (IllegalArgumentException e) {
            // A record refused a decoded value (e.g. negative Timestamp nanos).
            throw error(e.getMessage());
        }
        finish();
        return value;
    }

    /** The number of the next field, or 0 at the end of the message. */
    int peek() {
        if (!peeked) {
            peeked = true;
            if (pos >= end) {
                nextField = 0;
                return 0;
            }
            int at = pos;
            long tag = varint();
            if ((tag >>> 3) == 0 || (tag >>> 32) != 0) {
                throw error("invalid tag " + Long.toUnsignedString(tag) + " at byte " + at);
            }
            nextField = (int) (tag >>> 3);
            nextWireType = (int) (tag & 7);
        }
        return nextField;
    }

    /** Refuses anything left: unknown, repeated or out-of-order fields, trailing bytes. */
    void finish() {
        int f = peek();
        if (f != 0) {
            throw leftover(f);
        }
    }

    private CodecException leftover(int f) {
        if (f > lastField) {
            return error("unknown field " + f + " (wire type " + nextWireType + ")");
        }
        if (f == lastField) {
            return error("field " + f + " appears more than once");
        }
        return error("field " + f + " after field " + lastField + ": fields must be in ascending field-number order");
    }

    /** A uint64 (or int64) field, 0 when absent. */
    long uint64(int field) {
        if (!take(field, VARINT)) {
            return 0;
        }
        long v = varint();
        if (v == 0) {
            throw explicitDefault(field);
        }
        return v;
    }

    /** An int32 field, 0 when absent; the varint must be the sign-extended form. */
    int int32(int field) {
        long v = uint64(field);
        if (v != (int) v) {
            throw error("field " + field + " holds " + Long.toUnsignedString(v) + ", which is not a sign-extended int32");
        }
        return (int) v;
    }

    /** A uint32 field, 0 when absent, returned as the int with the same bits. */
    int uint32(int field) {
        long v = uint64(field);
        if ((v >>> 32) != 0) {
            throw error("field " + field + " holds " + Long.toUnsignedString(v) + ", which exceeds uint32");
        }
        return (int) v;
    }

    /** A bool field, false when absent. */
    boolean bool(int field) {
        if (!take(field, VARINT)) {
            return false;
        }
        long v = varint();
        if (v == 0) {
            throw explicitDefault(field);
        }
        if (v != 1) {
            throw error("bool field " + field + " holds " + Long.toUnsignedString(v) + ", expected 1");
        }
        return true;
    }

    /** A bytes field, empty when absent. */
    Bytes bytes(int field) {
        if (!take(field, LEN)) {
            return Bytes.EMPTY;
        }
        int n = length(field);
        if (n == 0) {
            throw explicitDefault(field);
        }
        return slice(n);
    }

    /** A string field, empty when absent. */
    String string(int field) {
        if (!take(field, LEN)) {
            return "";
        }
        int n = length(field);
        if (n == 0) {
            throw explicitDefault(field);
        }
        return utf8(field, n);
    }

    /** A string field that canonical encoding always writes (a map key), possibly empty. */
    String requiredString(int field, String name) {
        if (!take(field, LEN)) {
            throw missing(field, name);
        }
        return utf8(field, length(field));
    }

    /** A bytes field that canonical encoding always writes (a map value), possibly empty. */
    Bytes requiredBytes(int field, String name) {
        if (!take(field, LEN)) {
            throw missing(field, name);
        }
        return slice(length(field));
    }

    /** A repeated bytes field: every element, empty ones included. */
    List<Bytes> repeatedBytes(int field) {
        List<Bytes> out = new ArrayList<>();
        while (take(field, LEN)) {
            out.add(slice(length(field)));
        }
        return out;
    }

    /** An embedded message field, {@code null} when absent. */
    <T> T message(int field, String messageType, Function<WireReader, T> body) {
        if (!take(field, LEN)) {
            return null;
        }
        int n = length(field);
        WireReader child = new WireReader(this, messageType, buf, pos, pos + n);
        pos += n;
        return child.run(body);
    }

    /** An embedded message field that canonical encoding always writes. */
    <T> T requiredMessage(int field, String messageType, Function<WireReader, T> body) {
        T value = message(field, messageType, body);
        if (value == null) {
            throw missing(field, messageType);
        }
        return value;
    }

    /** A repeated embedded message field. */
    <T> List<T> repeatedMessage(int field, String messageType, Function<WireReader, T> body) {
        List<T> out = new ArrayList<>();
        while (peek() == field) {
            out.add(message(field, messageType, body));
        }
        return out;
    }

    /**
     * A bytes field holding an encoded message: absent means the encoding was empty, so the body decodes
     * an empty message (all defaults).
     */
    <T> T bytesOf(int field, String messageType, Function<WireReader, T> body) {
        if (peek() != field) {
            return new WireReader(this, messageType, buf, pos, pos).run(body);
        }
        return optionalBytesOf(field, messageType, body);
    }

    /** A bytes field holding an encoded message, {@code null} when absent. */
    <T> T optionalBytesOf(int field, String messageType, Function<WireReader, T> body) {
        if (!take(field, LEN)) {
            return null;
        }
        int n = length(field);
        if (n == 0) {
            throw explicitDefault(field);
        }
        WireReader child = new WireReader(this, messageType, buf, pos, pos + n);
        pos += n;
        return child.run(body);
    }

    /** An error about this message, prefixed with the path of message types. */
    CodecException error(String detail) {
        return new CodecException(path() + ": " + detail);
    }

    /** The error for a field that canonical encoding always writes but is absent. */
    CodecException missing(int field, String name) {
        int f = peek();
        if (f != 0 && f < field) {
            // The field was skipped because of what precedes it: report that instead.
            return leftover(f);
        }
        return error("field " + field + " (" + name + ") is missing");
    }

    private String path() {
        return parent == null ? type : parent.path() + " > " + type;
    }

    private CodecException explicitDefault(int field) {
        return error("field " + field + " holds the default value, which canonical proto3 omits");
    }

    private boolean take(int field, int wireType) {
        if (peek() != field) {
            return false;
        }
        if (nextWireType != wireType) {
            throw error("field " + field + " has wire type " + nextWireType + ", expected " + wireType);
        }
        peeked = false;
        lastField = field;
        return true;
    }

    private int length(int field) {
        int at = pos;
        long n = varint();
        if (Long.compareUnsigned(n, end - pos) > 0) {
            throw error("truncated: field " + field + " at byte " + at + " claims " + Long.toUnsignedString(n)
                    + " bytes but only " + (end - pos) + " remain");
        }
        return (int) n;
    }

    private Bytes slice(int n) {
        // A view of the message's bytes, not a copy: Bytes are immutable and the input is never changed.
        Bytes value = Bytes.wrap(buf, pos, n);
        pos += n;
        return value;
    }

    private String utf8(int field, int n) {
        int from = pos;
        pos += n;
        for (int i = from; i < from + n; i++) {
            if (buf[i] < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(buf, from, n))
                            .toString();
                } catch (CharacterCodingException e) {
                    throw error("field " + field + " at byte " + from + " is not valid UTF-8");
                }
            }
        }
        return new String(buf, from, n, StandardCharsets.US_ASCII);
    }

    private long varint() {
        int start = pos;
        long result = 0;
        for (int i = 0; i < 10; i++) {
            if (pos >= end) {
                throw error("truncated varint at byte " + start);
            }
            int b = buf[pos++] & 0xFF;
            if (i == 9 && b > 1) {
                throw error("varint at byte " + start + " overflows 64 bits");
            }
            result |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw error("non-minimal varint at byte " + start);
                }
                return result;
            }
        }
        throw error("varint at byte " + start + " is longer than 10 bytes");
    }
}
