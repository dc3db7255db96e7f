package dev.ledgersim.healthcare.util;

import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Globally unique ids in the format of github.com/rs/xid, which seed A uses for patient ids: 12 bytes
 * (4-byte big-endian Unix seconds, 3-byte machine id, 2-byte process id, 3-byte counter) printed as 20
 * lower-case base32hex characters ({@code 0-9a-v}), so ids sort by creation second.
 *
 * <p>On a ledger the id must be the same on every endorser, so the 8 bytes after the time do not come
 * from the host: they are the first 8 bytes of the transaction id (itself a SHA-256), and the time is the
 * transaction timestamp. One transaction therefore yields one id. Thread-safe, no state.
 */
public final class Xid {

    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuv";
    private static final Pattern FORMAT = Pattern.compile("[0-9a-v]{20}");

    private Xid() {
    }

    /**
     * The id of the transaction {@code txId} (lower-case hex, at least 16 digits) made at {@code time}.
     *
     * @throws IllegalArgumentException if {@code txId} is shorter or not hex, or the time is outside
     *     the 32-bit Unix-seconds range
     */
    public static String of(Instant time, String txId) {
        if (txId.length() < 16) {
            throw new IllegalArgumentException("a transaction id has at least 16 hex digits: " + txId);
        }
        long seconds = time.getEpochSecond();
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("xid time out of range: " + time);
        }
        byte[] id = new byte[12];
        id[0] = (byte) (seconds >>> 24);
        id[1] = (byte) (seconds >>> 16);
        id[2] = (byte) (seconds >>> 8);
        id[3] = (byte) seconds;
        byte[] tail = HexFormat.of().parseHex(txId.substring(0, 16));
        System.arraycopy(tail, 0, id, 4, 8);
        return encode(id);
    }

    /**
     * The 20-character base32hex text of a 12-byte id, as xid prints it: the 96 bits big-endian followed by
     * four zero bits, five bits per character.
     *
     * @throws IllegalArgumentException unless {@code id} has 12 bytes
     */
    public static String encode(byte[] id) {
        if (id.length != 12) {
            throw new IllegalArgumentException("an xid has 12 bytes, not " + id.length);
        }
        StringBuilder out = new StringBuilder(20);
        int buffer = 0;
        int bits = 0;
        for (byte b : id) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 0x1F));
                bits -= 5;
            }
        }
        out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1F));
        return out.toString();
    }

    /** Whether {@code text} has the form of an xid (20 characters of {@code 0-9a-v}). */
    public static boolean looksLikeXid(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }
}
