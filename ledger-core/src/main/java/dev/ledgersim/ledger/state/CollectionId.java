package dev.ledgersim.ledger.state;

import java.util.Objects;

/**
 * A private data collection of a chaincode. Both names match {@code [A-Za-z0-9_.+-]+}.
 *
 * @param namespace the chaincode
 * @param collection the collection
 */
public record CollectionId(String namespace, String collection) implements Comparable<CollectionId> {

    /** Validates. */
    public CollectionId {
        Names.namespace(namespace);
        Names.collection(collection);
    }

    @Override
    public int compareTo(CollectionId o) {
        int c = namespace.compareTo(o.namespace);
        return c != 0 ? c : collection.compareTo(o.collection);
    }

    @Override
    public String toString() {
        return namespace + "/" + collection;
    }
}
