package dev.ledgersim.contract;

/**
 * The results of a range, partial-composite-key, rich or history query (Fabric Java's
 * {@code QueryResultsIterator}), in the order the query defines: ascending key order (UTF-8 byte
 * order) for range and composite-key queries, the selector's {@code sort} for rich queries, newest
 * first for history.
 *
 * <p>Iterate it once, in the transaction that opened it, and close it (try-with-resources). For
 * range and composite-key queries the results are recorded in the transaction's read set as they are
 * consumed, as Fabric does: a result the contract never reached is not part of the phantom check,
 * and a query iterated to its end is recorded as exhausted.
 *
 * @param <T> {@link KeyValue} for state queries, {@link KeyModification} for history
 */
public interface QueryResultsIterator<T> extends Iterable<T>, AutoCloseable {

    /**
     * Releases the iterator. Idempotent; iterating after close yields nothing more. Declares no checked
     * exception, unlike {@link AutoCloseable#close()}.
     */
    @Override
    void close();
}
