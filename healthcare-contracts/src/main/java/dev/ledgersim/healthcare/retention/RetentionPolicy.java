package dev.ledgersim.healthcare.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How long a patient's clinical records must be kept (seed A, Australian practice; HEALTHCARE.md §8.8):
 * at least <b>7 years after the last entry</b>, and for a patient who was <b>under 18</b> at the last
 * entry, also <b>until their 25th birthday</b> — whichever is later:
 *
 * <pre>
 * retentionUntil = max(lastEntry + 7 years, birthDate + 25 years if age(lastEntry) &lt; 18)
 * </pre>
 *
 * Records may be purged on {@code retentionUntil} itself and afterwards, never before.
 *
 * <h2>Calendar decisions</h2>
 * <ul>
 *   <li>Days are calendar days in UTC: an entry's day is the UTC date of its transaction timestamp, and
 *       the day {@code retentionUntil} begins at 00:00 UTC.</li>
 *   <li><b>Leap days.</b> An anniversary of 29 February falls on <b>1 March</b> in common years (Java's
 *       {@code plusYears} would give 28 February). This is the conservative choice: a record is never
 *       purged a day early, and a person born on 29 February is a minor until 1 March of their 18th year.
 *       The same applies to an entry made on 29 February.</li>
 *   <li>A person is 18 from the anniversary of their birth in their 18th year; an entry on that day is
 *       an adult's.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class RetentionPolicy {

    /** Years records are kept after the last entry. */
    public static final int YEARS_AFTER_LAST_ENTRY = 7;
    /** The age of majority: a patient younger than this at the last entry is a minor. */
    public static final int ADULT_AGE = 18;
    /** A minor's records are kept at least until this birthday. */
    public static final int MINOR_KEPT_UNTIL_AGE = 25;

    private RetentionPolicy() {
    }

    /**
     * The first day on which records of a patient born on {@code birthDate}, last written on
     * {@code lastEntry}, may be purged.
     *
     * @throws IllegalArgumentException if the last entry precedes the birth
     */
    public static LocalDate retentionUntil(LocalDate birthDate, LocalDate lastEntry) {
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(lastEntry, "lastEntry");
        if (lastEntry.isBefore(birthDate)) {
            throw new IllegalArgumentException("the last entry " + lastEntry + " precedes the birth " + birthDate);
        }
        LocalDate afterLastEntry = anniversary(lastEntry, YEARS_AFTER_LAST_ENTRY);
        if (!isMinorOn(birthDate, lastEntry)) {
            return afterLastEntry;
        }
        LocalDate birthday25 = anniversary(birthDate, MINOR_KEPT_UNTIL_AGE);
        return birthday25.isAfter(afterLastEntry) ? birthday25 : afterLastEntry;
    }

    /** {@link #retentionUntil(LocalDate, LocalDate)} for a last entry given as a transaction timestamp. */
    public static LocalDate retentionUntil(LocalDate birthDate, Instant lastEntry) {
        return retentionUntil(birthDate, day(lastEntry));
    }

    /** The instant {@code retentionUntil} begins: 00:00 UTC of that day. */
    public static Instant retentionUntilInstant(LocalDate birthDate, Instant lastEntry) {
        return retentionUntil(birthDate, lastEntry).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Whether the records may be purged at {@code now}: on or after {@link #retentionUntil}. */
    public static boolean isPurgeable(LocalDate birthDate, Instant lastEntry, Instant now) {
        return !now.isBefore(retentionUntilInstant(birthDate, lastEntry));
    }

    /** Whether someone born on {@code birthDate} is under {@value #ADULT_AGE} on {@code day}. */
    public static boolean isMinorOn(LocalDate birthDate, LocalDate day) {
        return day.isBefore(anniversary(birthDate, ADULT_AGE));
    }

    /**
     * {@code date} plus {@code years}, with 29 February moving to 1 March in a common year (see the class
     * comment).
     */
    public static LocalDate anniversary(LocalDate date, int years) {
        if (date.getMonth() == Month.FEBRUARY && date.getDayOfMonth() == 29) {
            LocalDate target = LocalDate.of(date.getYear() + years, Month.MARCH, 1);
            return target.isLeapYear() ? target.minusDays(1) : target;
        }
        return date.plusYears(years);
    }

    /** The UTC calendar day of {@code time}. */
    public static LocalDate day(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }
}
