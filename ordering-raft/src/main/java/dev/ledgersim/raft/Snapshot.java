package dev.ledgersim.raft;

import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The application state up to and including log entry {@code index} (whose term is {@code term}),
 * with the voter set in force at that index. Replaces the log prefix it covers: after compaction the
 * entries up to {@code index} are gone, and a follower that needs them receives the snapshot instead
 * ({@link RaftMessage.InstallSnapshot}). Immutable; {@code data} is copied, {@code voters} is a sorted
 * unmodifiable copy; equality is by content.
 *
 * @param index last log index covered ({@code 0} for {@link #EMPTY})
 * @param term term of the entry at {@code index}
 * @param voters the configuration at {@code index}
 * @param data opaque application state
 */
public record Snapshot(long index, long term, Set<Long> voters, byte[] data) {

    /** No snapshot: the log starts at index 1. */
    public static final Snapshot EMPTY = new Snapshot(0, 0, Set.of(), new byte[0]);

    public Snapshot {
        if (index < 0 || term < 0) {
            throw new IllegalArgumentException("snapshot index and term must be >= 0, were " + index + ", " + term);
        }
        if ((index == 0) != (term == 0)) {
            throw new IllegalArgumentException(
                    "a snapshot has index 0 and term 0 (empty) or both positive, was index " + index + ", term " + term);
        }
        voters = sortedCopy(voters);
        data = Objects.requireNonNull(data, "data").clone();
    }

    /** Whether this is {@link #EMPTY}-like (index 0: nothing compacted). */
    public boolean isEmpty() {
        return index == 0;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Length of the payload in bytes, without copying it. */
    public int dataLength() {
        return data.length;
    }

    static SortedSet<Long> sortedCopy(Set<Long> ids) {
        Objects.requireNonNull(ids, "voters");
        TreeSet<Long> copy = new TreeSet<>();
        for (Long id : ids) {
            if (id == null || id <= 0) {
                throw new IllegalArgumentException("node ids must be > 0, got " + id);
            }
            copy.add(id);
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && s.index == index && s.term == term && s.voters.equals(voters)
                && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, term, voters) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Snapshot[index=" + index + ", term=" + term + ", voters=" + voters + ", data=" + Bytes.show(data) + "]";
    }
}
