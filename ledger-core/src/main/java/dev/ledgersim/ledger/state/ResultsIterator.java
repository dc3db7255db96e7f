package dev.ledgersim.ledger.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A lazy iterator over stored results that holds a storage cursor, so it must be closed (Fabric's
 * {@code ResultsIterator}). Confined to one thread. Whether it sees writes committed while it is open
 * is unspecified; callers serialise commits against reads that must be consistent.
 *
 * @param <T> the result type
 */
public interface ResultsIterator<T> extends Iterator<T>, AutoCloseable {

    /** Releases the storage cursor; idempotent. */
    @Override
    void close();

    /** The remaining results, read eagerly; closes this iterator. */
    default List<T> toList() {
        try (this) {
            List<T> all = new ArrayList<>();
            forEachRemaining(all::add);
            return all;
        }
    }
}
