package dev.ledgersim.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Argument converters whose messages say what was expected, in the words of the error printed. */
final class Converters {

    private Converters() {
    }

    /** A whole number ({@code long}). */
    static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expects a whole number, got '" + value + "'");
            }
        }
    }

    /** A whole number that is zero or more ({@code int}). */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n < 0) {
                    throw new TypeConversionException("expects a number of 0 or more, got '" + value + "'");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expects a whole number, got '" + value + "'");
            }
        }
    }
}
