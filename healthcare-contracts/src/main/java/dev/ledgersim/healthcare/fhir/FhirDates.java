package dev.ledgersim.healthcare.fhir;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * FHIR R4's {@code date}, {@code dateTime} and {@code instant} primitives: their regular expressions
 * (from the R4 specification) plus a calendar check, and the instants a partial date stands for. Dates
 * without a time zone are read in UTC. Stateless; thread-safe.
 */
public final class FhirDates {

    private static final String YEAR = "([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)";
    private static final String TIME = "T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))";
    private static final Pattern DATE = Pattern.compile(YEAR + "(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?");
    private static final Pattern DATE_TIME = Pattern.compile(
            YEAR + "(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(" + TIME + ")?)?)?");
    private static final Pattern INSTANT = Pattern.compile(
            YEAR + "-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])" + TIME);

    private FhirDates() {
    }

    /** Whether {@code value} is a FHIR {@code date} ({@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}) of the calendar. */
    public static boolean isDate(String value) {
        return value != null && DATE.matcher(value).matches() && calendarValid(value);
    }

    /** Whether {@code value} is a FHIR {@code dateTime}: a date, or a full date and time with a zone. */
    public static boolean isDateTime(String value) {
        return value != null && DATE_TIME.matcher(value).matches() && calendarValid(value);
    }

    /** Whether {@code value} is a FHIR {@code instant}: a full date and time with seconds and a zone. */
    public static boolean isInstant(String value) {
        return value != null && INSTANT.matcher(value).matches() && calendarValid(value);
    }

    /**
     * The first instant {@code dateTime} stands for: the instant itself, or the start (UTC) of the year,
     * month or day it names.
     *
     * @throws IllegalArgumentException if it is not a FHIR dateTime
     */
    public static Instant lowerBound(String dateTime) {
        require(dateTime);
        return switch (dateTime.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(dateTime), 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case 7 -> LocalDate.parse(dateTime + "-01").atStartOfDay(ZoneOffset.UTC).toInstant();
            case 10 -> LocalDate.parse(dateTime).atStartOfDay(ZoneOffset.UTC).toInstant();
            default -> OffsetDateTime.parse(dateTime).toInstant();
        };
    }

    /**
     * The first instant after everything {@code dateTime} stands for: just after the instant itself, or
     * the start (UTC) of the next year, month or day. With {@link #lowerBound} it gives the half-open
     * interval of a FHIR period bound, whose end is inclusive at its precision.
     *
     * @throws IllegalArgumentException if it is not a FHIR dateTime
     */
    public static Instant upperBoundExclusive(String dateTime) {
        require(dateTime);
        return switch (dateTime.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(dateTime) + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case 7 -> LocalDate.parse(dateTime + "-01").plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case 10 -> LocalDate.parse(dateTime).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            default -> OffsetDateTime.parse(dateTime).toInstant().plusNanos(1);
        };
    }

    private static void require(String dateTime) {
        if (!isDateTime(dateTime)) {
            throw new IllegalArgumentException("not a FHIR dateTime: '" + dateTime + "'");
        }
    }

    private static boolean calendarValid(String value) {
        try {
            if (value.length() >= 10) {
                LocalDate.parse(value.substring(0, 10));
            }
            if (value.length() > 10) {
                OffsetDateTime.parse(value);
            }
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
