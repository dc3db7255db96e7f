package dev.ledgersim.raft;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Raft log entry: the term in which a leader created it, its position in the log and an opaque
 * payload. Immutable: the payload is copied on construction and on every {@link #data()} call, and
 * two entries are equal when term, index, type and payload bytes are equal.
 *
 * <p>A leader appends an entry with an empty {@link EntryType#NORMAL} payload when it is elected
 * (Raft paper §8, "no-op"); applications should skip empty entries when applying, as Fabric's
 * etcdraft chain does.
 *
 * @param term the leader's term when the entry was created, {@code >= 1}
 * @param index position in the log, {@code >= 1}
 * @param type {@link EntryType#NORMAL} or {@link EntryType#CONF_CHANGE}
 * @param data the payload (copied)
 */
public record Entry(long term, long index, EntryType type, byte[] data) {

    public Entry {
        if (term < 1) {
            throw new IllegalArgumentException("entry term must be >= 1, was " + term);
        }
        if (index < 1) {
            throw new IllegalArgumentException("entry index must be >= 1, was " + index);
        }
        Objects.requireNonNull(type, "type");
        data = Objects.requireNonNull(data, "data").clone();
    }

    /** A {@link EntryType#NORMAL} entry. */
    public static Entry normal(long term, long index, byte[] data) {
        return new Entry(term, index, EntryType.NORMAL, data);
    }

    /** A {@link EntryType#CONF_CHANGE} entry carrying {@code change} encoded with {@link ConfChange#encode()}. */
    public static Entry confChange(long term, long index, ConfChange change) {
        return new Entry(term, index, EntryType.CONF_CHANGE, change.encode());
    }

    /** A copy of the payload. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The payload as a read-only buffer over the entry's own bytes, without copying them. */
    public java.nio.ByteBuffer dataBuffer() {
        return java.nio.ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** Length of the payload in bytes, without copying it. */
    public int dataLength() {
        return data.length;
    }

    /** The configuration change this entry carries; throws if it is not a {@link EntryType#CONF_CHANGE} entry. */
    public ConfChange confChange() {
        if (type != EntryType.CONF_CHANGE) {
            throw new IllegalStateException("entry " + index + " is a " + type + " entry, not a CONF_CHANGE entry");
        }
        return ConfChange.decode(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && e.term == term && e.index == index && e.type == type && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(term, index, type) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        String payload = type == EntryType.CONF_CHANGE && data.length == ConfChange.ENCODED_LENGTH
                ? ConfChange.decode(data).toString()
                : Bytes.show(data);
        return "Entry[term=" + term + ", index=" + index + ", " + type + ", " + payload + "]";
    }
}
