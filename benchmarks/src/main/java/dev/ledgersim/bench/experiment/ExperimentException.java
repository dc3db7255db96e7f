package dev.ledgersim.bench.experiment;

/** An experiment that cannot be read, is inconsistent, or failed while running; the message says which and why. */
public final class ExperimentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message for people. */
    public ExperimentException(String message) {
        super(message);
    }

    /** An exception with a message for people and its cause. */
    public ExperimentException(String message, Throwable cause) {
        super(message, cause);
    }
}
