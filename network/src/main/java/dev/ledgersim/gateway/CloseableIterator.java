package dev.ledgersim.gateway;

import java.util.Iterator;

/**
 * An iterator over an event stream that must be closed to stop listening. {@link #hasNext()} waits for
 * the next event (in the simulated runtime, by advancing simulated time) up to the gateway's event wait
 * time, and returns {@code false} when none came by then or the iterator was closed.
 *
 * @param <T> the event type
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    /** Stops listening; idempotent. */
    @Override
    void close();
}
