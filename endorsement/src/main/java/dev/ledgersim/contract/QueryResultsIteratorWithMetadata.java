package dev.ledgersim.contract;

/**
 * The results of one page of a paginated query ({@code ...WithPagination}), with the
 * {@link QueryResponseMetadata} needed to fetch the next page (Fabric Java's
 * {@code QueryResultsIteratorWithMetadata}).
 *
 * @param <T> the element type, {@link KeyValue}
 */
public interface QueryResultsIteratorWithMetadata<T> extends QueryResultsIterator<T> {

    /** How many records this page holds and the bookmark to pass for the next page. */
    QueryResponseMetadata getMetadata();
}
