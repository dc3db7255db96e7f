package dev.ledgersim.orderer.raftlog;

import dev.ledgersim.raft.Entry;
import dev.ledgersim.raft.EntryType;
import dev.ledgersim.raft.HardState;
import dev.ledgersim.raft.Snapshot;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * The compact, deterministic byte form of the Raft records a {@link RocksDbRaftStorage} keeps. Every
 * record is {@code kind (1 byte) || version (1 byte) || body || CRC-32C (4 bytes, big-endian)}, the
 * checksum covering everything before it; integers are big-endian and fixed-width, so equal records
 * always give equal bytes.
 *
 * <ul>
 *   <li>Entry ({@code 'E'}): {@code type (1: 0 NORMAL, 1 CONF_CHANGE) || term (8) || index (8) ||
 *       length (4) || data}.</li>
 *   <li>Hard state ({@code 'H'}): {@code term (8) || votedFor (8) || commitIndex (8)}.</li>
 *   <li>Snapshot ({@code 'S'}): {@code index (8) || term (8) || voter count (4) || voters (8 each,
 *       ascending) || length (4) || data}.</li>
 * </ul>
 *
 * <p>Decoding is strict: a wrong kind, an unknown version, a checksum mismatch, a length that runs
 * past the record, trailing bytes, or field values the record types refuse all throw
 * {@link RaftLogCorruptionException} naming {@code what} was being read. Stateless and thread-safe.
 */
public final class RaftLogCodec {

    /** The only format version written and read. */
    public static final byte VERSION = 1;

    private static final byte ENTRY = 'E';
    private static final byte HARD_STATE = 'H';
    private static final byte SNAPSHOT = 'S';
    private static final int HEADER = 2;
    private static final int CRC = 4;

    private RaftLogCodec() {
    }

    /** Encodes an entry. */
    public static byte[] encode(Entry entry) {
        int dataLength = entry.dataLength();
        ByteBuffer buf = start(ENTRY, 1 + 8 + 8 + 4 + dataLength);
        buf.put(entry.type() == EntryType.NORMAL ? (byte) 0 : (byte) 1);
        buf.putLong(entry.term()).putLong(entry.index()).putInt(dataLength).put(entry.dataBuffer());
        return finish(buf);
    }

    /** Encodes a hard state. */
    public static byte[] encode(HardState state) {
        ByteBuffer buf = start(HARD_STATE, 24);
        buf.putLong(state.term()).putLong(state.votedFor()).putLong(state.commitIndex());
        return finish(buf);
    }

    /** Encodes a snapshot (voters in ascending order). */
    public static byte[] encode(Snapshot snapshot) {
        Set<Long> voters = snapshot.voters();
        ByteBuffer buf = start(SNAPSHOT, 8 + 8 + 4 + 8 * voters.size() + 4 + snapshot.dataLength());
        buf.putLong(snapshot.index()).putLong(snapshot.term()).putInt(voters.size());
        for (long v : voters) {
            buf.putLong(v);
        }
        buf.putInt(snapshot.dataLength()).put(snapshot.data());
        return finish(buf);
    }

    /**
     * Decodes an entry.
     *
     * @param what names the record in error messages, e.g. {@code "raft entry 42"}
     * @throws RaftLogCorruptionException if the bytes are not an encoded entry
     */
    public static Entry decodeEntry(byte[] bytes, String what) {
        ByteBuffer buf = open(bytes, ENTRY, what, 1 + 8 + 8 + 4);
        byte type = buf.get();
        long term = buf.getLong();
        long index = buf.getLong();
        byte[] data = lengthPrefixed(buf, what);
        end(buf, what);
        EntryType entryType = switch (type) {
            case 0 -> EntryType.NORMAL;
            case 1 -> EntryType.CONF_CHANGE;
            default -> throw corrupt(what, "unknown entry type code " + type);
        };
        try {
            return new Entry(term, index, entryType, data);
        } catch (IllegalArgumentException e) {
            throw corrupt(what, e.getMessage());
        }
    }

    /** Decodes a hard state; see {@link #decodeEntry} for errors. */
    public static HardState decodeHardState(byte[] bytes, String what) {
        ByteBuffer buf = open(bytes, HARD_STATE, what, 24);
        long term = buf.getLong();
        long vote = buf.getLong();
        long commit = buf.getLong();
        end(buf, what);
        try {
            return new HardState(term, vote, commit);
        } catch (IllegalArgumentException e) {
            throw corrupt(what, e.getMessage());
        }
    }

    /** Decodes a snapshot; see {@link #decodeEntry} for errors. */
    public static Snapshot decodeSnapshot(byte[] bytes, String what) {
        ByteBuffer buf = open(bytes, SNAPSHOT, what, 8 + 8 + 4);
        long index = buf.getLong();
        long term = buf.getLong();
        int count = buf.getInt();
        if (count < 0 || (long) count * 8 > buf.remaining()) {
            throw corrupt(what, "voter count " + count + " does not fit in the " + buf.remaining() + " bytes left");
        }
        TreeSet<Long> voters = new TreeSet<>();
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long v = buf.getLong();
            if (v <= previous) {
                throw corrupt(what, "voters are not ascending positive ids: " + v + " after " + previous);
            }
            voters.add(v);
            previous = v;
        }
        if (buf.remaining() < 4) {
            throw corrupt(what, "truncated before the data length");
        }
        byte[] data = lengthPrefixed(buf, what);
        end(buf, what);
        try {
            return new Snapshot(index, term, voters, data);
        } catch (IllegalArgumentException e) {
            throw corrupt(what, e.getMessage());
        }
    }

    private static ByteBuffer start(byte kind, int bodyLength) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER + bodyLength + CRC);
        return buf.put(kind).put(VERSION);
    }

    private static byte[] finish(ByteBuffer buf) {
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        return buf.array();
    }

    /** Checks kind, version, minimum length and checksum; returns a buffer over the body. */
    private static ByteBuffer open(byte[] bytes, byte kind, String what, int minBody) {
        if (bytes == null) {
            throw corrupt(what, "no bytes");
        }
        if (bytes.length < HEADER + minBody + CRC) {
            throw corrupt(what, "truncated: " + bytes.length + " bytes, at least " + (HEADER + minBody + CRC) + " expected");
        }
        if (bytes[0] != kind) {
            throw corrupt(what, String.format("record kind 0x%02x, expected 0x%02x ('%c')", bytes[0] & 0xff, kind, (char) kind));
        }
        if (bytes[1] != VERSION) {
            throw corrupt(what, "unsupported format version " + (bytes[1] & 0xff) + " (this build reads version " + VERSION + ")");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CRC);
        int stored = ByteBuffer.wrap(bytes, bytes.length - CRC, CRC).getInt();
        int computed = (int) crc.getValue();
        if (stored != computed) {
            throw corrupt(what, String.format("checksum mismatch: stored 0x%08x, computed 0x%08x over %d bytes",
                    stored, computed, bytes.length - CRC));
        }
        return ByteBuffer.wrap(bytes, HEADER, bytes.length - HEADER - CRC).slice();
    }

    private static byte[] lengthPrefixed(ByteBuffer buf, String what) {
        int length = buf.getInt();
        if (length < 0 || length > buf.remaining()) {
            throw corrupt(what, "data length " + length + " runs past the record (" + buf.remaining() + " bytes left)");
        }
        byte[] data = new byte[length];
        buf.get(data);
        return data;
    }

    private static void end(ByteBuffer buf, String what) {
        if (buf.hasRemaining()) {
            throw corrupt(what, buf.remaining() + " trailing bytes after the record");
        }
    }

    private static RaftLogCorruptionException corrupt(String what, String problem) {
        return new RaftLogCorruptionException(what + " is corrupt: " + problem);
    }
}
