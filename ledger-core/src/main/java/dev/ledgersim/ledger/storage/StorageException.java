package dev.ledgersim.ledger.storage;

/**
 * A storage operation failed in the engine below (an I/O error, a corrupt or locked database, a value
 * that does not decode). The message names the operation and where it failed: the directory, the
 * column and, where known, the key. Programming errors (an unknown column, a closed store) are not
 * storage exceptions; they are {@link IllegalArgumentException} and {@link IllegalStateException}.
 */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public StorageException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
