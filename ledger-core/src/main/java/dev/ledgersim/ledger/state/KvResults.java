package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.storage.KvIterator;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;

/** A {@link ResultsIterator} decoding each entry of a {@link KvIterator}. */
final class KvResults<T> implements ResultsIterator<T> {

    private final KvIterator cursor;
    private final BiFunction<byte[], byte[], T> decoder;
    private T next;
    private boolean done;

    KvResults(KvIterator cursor, BiFunction<byte[], byte[], T> decoder) {
        this.cursor = cursor;
        this.decoder = decoder;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            if (cursor.next()) {
                next = decoder.apply(cursor.key(), cursor.value());
            } else {
                done = true;
                cursor.close();
            }
        }
        return next != null;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T result = next;
        next = null;
        return result;
    }

    @Override
    public void close() {
        done = true;
        next = null;
        cursor.close();
    }
}
