package dev.ledgersim.endorsement.simulation;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.state.HistoryIndex;
import dev.ledgersim.ledger.state.KeyModification;
import dev.ledgersim.ledger.state.ResultsIterator;
import dev.ledgersim.ledger.state.StateDb;
import dev.ledgersim.ledger.state.StateEntry;
import dev.ledgersim.ledger.state.VersionedValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The committed state a simulation reads: world state, hashed and private state, history. Reads go to
 * committed data only, never to the simulated transaction's own writes (Fabric has no read-your-writes).
 * Callers hold the ledger's read lock for the duration of a simulation so the view is consistent.
 */
public final class CommittedReader {

    /** Fabric's {@code ledger.state.totalQueryLimit}: at most this many results per query. */
    public static final int TOTAL_QUERY_LIMIT = 100_000;

    private final StateDb state;
    private final HistoryIndex history;

    /** A reader over a peer's committed state and history. */
    public CommittedReader(StateDb state, HistoryIndex history) {
        this.state = Objects.requireNonNull(state, "state");
        this.history = Objects.requireNonNull(history, "history");
    }

    Optional<VersionedValue> get(String namespace, String key) {
        return state.get(namespace, key);
    }

    Optional<VersionedValue> getHashed(String namespace, String collection, Bytes keyHash) {
        return state.getHashed(namespace, collection, keyHash);
    }

    Optional<VersionedValue> getPrivate(String namespace, String collection, String key) {
        return state.getPrivate(namespace, collection, key);
    }

    /** The public entries of {@code [start, end)} ({@code end} empty: unbounded), at most the query limit. */
    List<StateEntry> range(String namespace, String start, String end) {
        try (ResultsIterator<StateEntry> it = state.range(namespace, start, end)) {
            return limited(it);
        }
    }

    /** The private entries of a collection in {@code [start, end)}. */
    List<StateEntry> privateRange(String namespace, String collection, String start, String end) {
        try (ResultsIterator<StateEntry> it = state.privateRange(namespace, collection, start, end)) {
            return limited(it);
        }
    }

    /** The committed changes of a key, newest first. */
    List<KeyModification> history(String namespace, String key) {
        try (ResultsIterator<KeyModification> it = history.getHistoryForKey(namespace, key)) {
            return it.toList();
        }
    }

    private static List<StateEntry> limited(ResultsIterator<StateEntry> it) {
        java.util.ArrayList<StateEntry> out = new java.util.ArrayList<>();
        while (it.hasNext()) {
            if (out.size() >= TOTAL_QUERY_LIMIT) {
                throw new IllegalStateException("the query returned more than the total query limit of "
                        + TOTAL_QUERY_LIMIT + " results");
            }
            out.add(it.next());
        }
        return out;
    }
}
