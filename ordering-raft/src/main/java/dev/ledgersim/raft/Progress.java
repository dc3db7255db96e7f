package dev.ledgersim.raft;

/**
 * The leader's view of one follower (etcd's tracker.Progress). Package-private.
 *
 * <ul>
 *   <li>{@link State#PROBE}: the leader does not know where the follower's log matches; it sends one
 *       AppendEntries and waits for the answer (or a heartbeat response) before sending another.</li>
 *   <li>{@link State#REPLICATE}: the logs match up to {@code match}; the leader streams entries
 *       optimistically, advancing {@code next} on send, with at most {@code maxInflight} messages
 *       unacknowledged.</li>
 *   <li>{@link State#SNAPSHOT}: the follower needs compacted entries; an InstallSnapshot is in
 *       flight and nothing else is sent until it is acknowledged (or, unlike etcd, until an election
 *       timeout passes, after which the leader probes again).</li>
 * </ul>
 */
final class Progress {

    enum State { PROBE, REPLICATE, SNAPSHOT }

    long match;
    long next;
    State state = State.PROBE;
    /** PROBE: an AppendEntries is outstanding. */
    boolean probeSent;
    /** SNAPSHOT: index of the snapshot sent. */
    long pendingSnapshot;
    /** SNAPSHOT: leader ticks since the snapshot was sent. */
    int snapshotTicks;
    /** Heard from since the last CheckQuorum round. */
    boolean recentActive;
    final Inflights inflights;

    Progress(long match, long next, int maxInflight) {
        this.match = match;
        this.next = next;
        this.inflights = new Inflights(maxInflight);
    }

    private void resetState(State newState) {
        probeSent = false;
        pendingSnapshot = 0;
        snapshotTicks = 0;
        state = newState;
        inflights.reset();
    }

    void becomeProbe() {
        if (state == State.SNAPSHOT) {
            long pending = pendingSnapshot;
            resetState(State.PROBE);
            next = Math.max(match + 1, pending + 1);
        } else {
            resetState(State.PROBE);
            next = match + 1;
        }
    }

    void becomeReplicate() {
        resetState(State.REPLICATE);
        next = match + 1;
    }

    void becomeSnapshot(long snapshotIndex) {
        resetState(State.SNAPSHOT);
        pendingSnapshot = snapshotIndex;
    }

    /** An acknowledgement up to {@code n}; returns whether {@code match} advanced. */
    boolean maybeUpdate(long n) {
        boolean updated = false;
        if (match < n) {
            match = n;
            updated = true;
            probeSent = false;
        }
        next = Math.max(next, n + 1);
        return updated;
    }

    /**
     * A rejection of {@code rejected} with the follower's hint; returns false if the rejection is
     * stale (answers an older probe).
     */
    boolean maybeDecrTo(long rejected, long matchHint) {
        if (state == State.REPLICATE) {
            if (rejected <= match) {
                return false;
            }
            next = match + 1;
            return true;
        }
        if (next - 1 != rejected) {
            return false;
        }
        next = Math.max(Math.min(rejected, matchHint + 1), match + 1);
        probeSent = false;
        return true;
    }

    /** An AppendEntries with entries up to {@code lastIndex} (or none, if {@code lastIndex < 0}) was sent. */
    void sentAppend(long lastIndex) {
        switch (state) {
            case REPLICATE -> {
                if (lastIndex >= 0) {
                    next = lastIndex + 1;
                    inflights.add(lastIndex);
                }
            }
            case PROBE -> probeSent = true;
            case SNAPSHOT -> throw new IllegalStateException("sending entries while a snapshot is pending");
        }
    }

    boolean isPaused() {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflights.full();
            case SNAPSHOT -> true;
        };
    }

    @Override
    public String toString() {
        return "Progress[" + state + " match=" + match + " next=" + next
                + (state == State.SNAPSHOT ? " pendingSnapshot=" + pendingSnapshot : "")
                + (probeSent ? " paused" : "") + " inflight=" + inflights.count() + (recentActive ? " active" : "") + "]";
    }

    /** A bounded FIFO of the last indexes of in-flight AppendEntries (etcd's Inflights). */
    static final class Inflights {
        private final long[] buffer;
        private int start;
        private int count;

        Inflights(int capacity) {
            buffer = new long[capacity];
        }

        void add(long lastIndex) {
            if (full()) {
                throw new IllegalStateException("inflight window is full");
            }
            buffer[(start + count) % buffer.length] = lastIndex;
            count++;
        }

        /** Frees every in-flight message whose last index is {@code <= to}. */
        void freeLE(long to) {
            while (count > 0 && buffer[start] <= to) {
                start = (start + 1) % buffer.length;
                count--;
            }
        }

        void freeFirstOne() {
            if (count > 0) {
                start = (start + 1) % buffer.length;
                count--;
            }
        }

        boolean full() {
            return count == buffer.length;
        }

        int count() {
            return count;
        }

        void reset() {
            start = 0;
            count = 0;
        }
    }
}
