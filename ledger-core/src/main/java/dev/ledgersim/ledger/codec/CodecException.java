package dev.ledgersim.ledger.codec;

/**
 * Bytes that are not the canonical encoding of the expected message, or a value that has no canonical
 * encoding. The message names the message type (with the path of enclosing messages) and what is wrong,
 * e.g. {@code "Envelope: field 2 has wire type 0, expected 2"}.
 */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public CodecException(String message) {
        super(message);
    }
}
