package dev.ledgersim.network.runtime;

/**
 * Optionally implemented by a message to report its size (its encoded size in bytes, or an estimate)
 * for the trace. Messages that are {@code byte[]} report their length without it.
 */
public interface SizedMessage {

    /** The message's size in bytes; non-negative. */
    long sizeBytes();
}
