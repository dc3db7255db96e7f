package dev.ledgersim.cli;

/** A command line that cannot be run as given (bad value, missing file): exit status 2. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
