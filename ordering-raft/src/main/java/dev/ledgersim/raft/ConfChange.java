package dev.ledgersim.raft;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A single-server membership change (Ongaro's thesis §4.1): add one voter or remove one voter.
 * Proposed with {@link RaftNode#proposeConfChange(ConfChange)} and carried in a
 * {@link EntryType#CONF_CHANGE} entry as {@link #encode()}: one type byte (1 add, 2 remove) followed
 * by the node id as a big-endian long.
 *
 * @param type add or remove
 * @param nodeId the voter added or removed, {@code > 0}
 */
public record ConfChange(Type type, long nodeId) {

    /** Encoded size in bytes. */
    public static final int ENCODED_LENGTH = 9;

    /** The two single-server changes. */
    public enum Type {
        ADD_NODE((byte) 1),
        REMOVE_NODE((byte) 2);

        private final byte code;

        Type(byte code) {
            this.code = code;
        }
    }

    public ConfChange {
        Objects.requireNonNull(type, "type");
        if (nodeId <= 0) {
            throw new IllegalArgumentException("conf change node id must be > 0, was " + nodeId);
        }
    }

    public static ConfChange addNode(long nodeId) {
        return new ConfChange(Type.ADD_NODE, nodeId);
    }

    public static ConfChange removeNode(long nodeId) {
        return new ConfChange(Type.REMOVE_NODE, nodeId);
    }

    /** The 9-byte encoding stored in a {@link EntryType#CONF_CHANGE} entry. */
    public byte[] encode() {
        return ByteBuffer.allocate(ENCODED_LENGTH).put(type.code).putLong(nodeId).array();
    }

    /** Inverse of {@link #encode()}; throws {@link IllegalArgumentException} on malformed input. */
    public static ConfChange decode(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length != ENCODED_LENGTH) {
            throw new IllegalArgumentException(
                    "a conf change is encoded in " + ENCODED_LENGTH + " bytes, got " + encoded.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(encoded);
        byte code = buf.get();
        for (Type t : Type.values()) {
            if (t.code == code) {
                return new ConfChange(t, buf.getLong());
            }
        }
        throw new IllegalArgumentException("unknown conf change type code " + code);
    }
}
