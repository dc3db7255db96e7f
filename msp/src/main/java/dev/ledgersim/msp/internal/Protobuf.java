package dev.ledgersim.msp.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The few pieces of the protobuf wire format LedgerSim needs to produce Fabric's byte forms exactly:
 * varints and length-delimited fields, written in field-number order and read back strictly.
 */
public final class Protobuf {

    private Protobuf() {
    }

    /** Builds a message by appending fields; call them in ascending field-number order for canonical bytes. */
    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** Appends a length-delimited field (wire type 2). Empty values are omitted, as proto3 does. */
        public Writer bytes(int field, byte[] value) {
            if (value.length == 0) {
                return this;
            }
            varint((long) field << 3 | 2);
            varint(value.length);
            out.write(value, 0, value.length);
            return this;
        }

        /** Appends a UTF-8 string field; empty strings are omitted, as proto3 does. */
        public Writer string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        /** Appends a varint field (wire type 0); zero is omitted, as proto3 does. */
        public Writer uint64(int field, long value) {
            if (value == 0) {
                return this;
            }
            varint((long) field << 3);
            varint(value);
            return this;
        }

        private void varint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }

        /** The message bytes. */
        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** Reads the fields of a message one by one, refusing truncated or malformed input. */
    public static final class Reader {
        private final byte[] in;
        private int pos;
        private int field;
        private int wireType;

        /** A reader over {@code in} (not copied; do not change it while reading). */
        public Reader(byte[] in) {
            this.in = in;
        }

        /** Whether another field follows. */
        public boolean hasNext() {
            return pos < in.length;
        }

        /** Reads the next field's tag and returns its field number. */
        public int next() {
            long tag = varint();
            field = (int) (tag >>> 3);
            wireType = (int) (tag & 7);
            if (field <= 0) {
                throw new IllegalArgumentException("invalid field number " + field + " at byte " + pos);
            }
            return field;
        }

        /** The value of the current length-delimited field. */
        public byte[] bytes() {
            expect(2);
            long length = varint();
            if (length < 0 || length > in.length - pos) {
                throw new IllegalArgumentException("field " + field + " claims " + length
                        + " bytes but only " + (in.length - pos) + " remain");
            }
            byte[] value = Arrays.copyOfRange(in, pos, pos + (int) length);
            pos += (int) length;
            return value;
        }

        /** The value of the current length-delimited field as UTF-8 text. */
        public String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        /** The value of the current varint field. */
        public long uint64() {
            expect(0);
            return varint();
        }

        private void expect(int type) {
            if (wireType != type) {
                throw new IllegalArgumentException("field " + field + " has wire type " + wireType + ", expected " + type);
            }
        }

        private long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= in.length) {
                    throw new IllegalArgumentException("truncated varint at byte " + pos);
                }
                int b = in[pos++] & 0xFF;
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes at byte " + pos);
        }
    }
}
