package dev.ledgersim.healthcare.util;

import dev.ledgersim.contract.ChaincodeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Argument checks shared by the contracts. Bad input is not an authorization decision: every check
 * throws a {@link ChaincodeException} whose message names the argument and the problem, so the
 * transaction fails at endorsement (HEALTHCARE.md §8.9).
 */
public final class Args {

    /** Usernames: a lower-case letter, then up to 63 lower-case letters, digits, {@code . _ -}. */
    public static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

    /** The longest free-text argument the contracts accept. */
    public static final int MAX_TEXT = 4096;

    private Args() {
    }

    /** {@code value}, which must be a non-blank text of at most {@link #MAX_TEXT} characters. */
    public static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ChaincodeException("argument " + name + " must not be empty");
        }
        if (value.length() > MAX_TEXT) {
            throw new ChaincodeException("argument " + name + " is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    /** {@code value}, which may be empty but not longer than {@link #MAX_TEXT} characters. */
    public static String optionalText(String name, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new ChaincodeException("argument " + name + " is longer than " + MAX_TEXT + " characters");
        }
        return value == null ? "" : value;
    }

    /** {@code value}, which must be a username ({@link #USERNAME}). */
    public static String username(String name, String value) {
        if (value == null || !USERNAME.matcher(value).matches()) {
            throw new ChaincodeException("argument " + name + " is not a username (a lower-case letter, then up to 63 of"
                    + " a-z 0-9 . _ -): '" + (value == null ? "" : value) + "'");
        }
        return value;
    }

    /** {@code value} parsed as an ISO calendar date ({@code YYYY-MM-DD}). */
    public static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value == null ? "" : value);
        } catch (DateTimeParseException e) {
            throw new ChaincodeException("argument " + name + " is not a date (YYYY-MM-DD): '" + value + "'");
        }
    }
}
