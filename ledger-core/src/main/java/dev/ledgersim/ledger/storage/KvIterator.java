package dev.ledgersim.ledger.storage;

/**
 * A cursor over a range of one column, in the order the range was asked for (ascending or
 * descending unsigned-lexicographic key order). It starts <em>before</em> the first entry, like a JDBC
 * result set:
 *
 * <pre>{@code
 * try (KvIterator it = store.iterate("state", from, to)) {
 *     while (it.next()) {
 *         use(it.key(), it.value());
 *     }
 * }
 * }</pre>
 *
 * <p>An iterator is confined to one thread and must be closed; closing its store closes it too (any
 * further call then throws {@link IllegalStateException}). Whether it sees writes made after it was
 * created is unspecified: the RocksDB iterator reads a snapshot taken at creation, the in-memory one is
 * weakly consistent. Callers that need a consistent view serialise writes against iteration (see
 * {@link KvStore}).
 */
public interface KvIterator extends AutoCloseable {

    /**
     * Moves to the next entry (the first on the first call).
     *
     * @return whether there is one; once false, stays false
     * @throws IllegalStateException if the iterator or its store is closed
     * @throws StorageException if the engine fails while reading
     */
    boolean next();

    /**
     * The key of the current entry, as a fresh array the caller owns.
     *
     * @throws IllegalStateException before the first {@link #next()}, after it returned false, or once closed
     */
    byte[] key();

    /**
     * The value of the current entry, as a fresh array the caller owns (empty for an empty value).
     *
     * @throws IllegalStateException before the first {@link #next()}, after it returned false, or once closed
     */
    byte[] value();

    /** Releases the iterator; idempotent. */
    @Override
    void close();
}
