package dev.ledgersim.contract;

import java.util.Objects;

/**
 * The metadata of one page of a paginated query, with the accessors of Fabric's
 * {@code QueryResponseMetadata} protobuf message. Immutable.
 */
public final class QueryResponseMetadata {

    private final int fetchedRecordsCount;
    private final String bookmark;

    /**
     * Metadata of a page of {@code fetchedRecordsCount} records whose next page starts at
     * {@code bookmark}.
     *
     * @throws IllegalArgumentException if {@code fetchedRecordsCount} is negative
     * @throws NullPointerException if {@code bookmark} is null (use the empty string for none)
     */
    public QueryResponseMetadata(int fetchedRecordsCount, String bookmark) {
        if (fetchedRecordsCount < 0) {
            throw new IllegalArgumentException("fetchedRecordsCount must not be negative: " + fetchedRecordsCount);
        }
        this.fetchedRecordsCount = fetchedRecordsCount;
        this.bookmark = Objects.requireNonNull(bookmark, "bookmark");
    }

    /** The number of records in this page. */
    public int getFetchedRecordsCount() {
        return fetchedRecordsCount;
    }

    /**
     * The bookmark to pass to the same query to fetch the next page. Opaque to contracts: only a
     * bookmark returned by a previous page of the same query (or the empty string for the first page)
     * is meaningful.
     */
    public String getBookmark() {
        return bookmark;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryResponseMetadata other && fetchedRecordsCount == other.fetchedRecordsCount
                && bookmark.equals(other.bookmark);
    }

    @Override
    public int hashCode() {
        return 31 * fetchedRecordsCount + bookmark.hashCode();
    }

    @Override
    public String toString() {
        return "QueryResponseMetadata[fetchedRecordsCount=" + fetchedRecordsCount + ", bookmark=" + bookmark + "]";
    }
}
