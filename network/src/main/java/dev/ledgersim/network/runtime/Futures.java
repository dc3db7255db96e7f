package dev.ledgersim.network.runtime;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Unwrapping a completed future's outcome the way {@link Engine#await} documents. */
final class Futures {

    private Futures() {
    }

    /** The value of a completed future, or its cause rethrown (unchecked as is, checked wrapped). */
    static <T> T resultOf(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unwrap(e.getCause(), e);
        } catch (CancellationException e) {
            throw e;
        }
    }

    /** What to throw for a failure {@code cause} (wrapped in {@code wrapper} when checked). */
    static RuntimeException unwrap(Throwable cause, RuntimeException wrapper) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return wrapper;
    }
}
