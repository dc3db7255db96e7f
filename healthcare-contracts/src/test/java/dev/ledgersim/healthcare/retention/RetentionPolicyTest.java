package dev.ledgersim.healthcare.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** HEALTHCARE.md §8.8: the boundary cases of the Australian rule. */
class RetentionPolicyTest {

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void adultRecordDated2020_03_01IsKeptUntil2027_03_01() {
        LocalDate birth = d("1980-05-05");
        Instant lastEntry = Instant.parse("2020-03-01T10:15:00Z");
        assertEquals(d("2027-03-01"), RetentionPolicy.retentionUntil(birth, lastEntry));
        assertFalse(RetentionPolicy.isPurgeable(birth, lastEntry, Instant.parse("2027-02-28T00:00:00Z")));
        assertFalse(RetentionPolicy.isPurgeable(birth, lastEntry, Instant.parse("2027-02-28T23:59:59.999Z")));
        assertTrue(RetentionPolicy.isPurgeable(birth, lastEntry, Instant.parse("2027-03-01T00:00:00Z")));
        assertTrue(RetentionPolicy.isPurgeable(birth, lastEntry, Instant.parse("2030-01-01T00:00:00Z")));
    }

    @Test
    void childBorn2010_06_15Seen2012_01_10IsKeptUntilTheir25thBirthday() {
        LocalDate birth = d("2010-06-15");
        assertEquals(d("2035-06-15"), RetentionPolicy.retentionUntil(birth, d("2012-01-10")));
        assertFalse(RetentionPolicy.isPurgeable(birth, Instant.parse("2012-01-10T09:00:00Z"), Instant.parse("2035-06-14T23:59:59Z")));
        assertTrue(RetentionPolicy.isPurgeable(birth, Instant.parse("2012-01-10T09:00:00Z"), Instant.parse("2035-06-15T00:00:00Z")));
    }

    @Test
    void patientAged17AtLastEntryFollowsTheBirthday25Rule() {
        // 17 at the last entry: the 25th birthday (2028-05-01) is later than 7 years (2027-06-01).
        assertEquals(d("2028-05-01"), RetentionPolicy.retentionUntil(d("2003-05-01"), d("2020-06-01")));
        // 17 and a day short of 18: 7 years (2027-06-30) ends one day before the 25th birthday (2027-07-01).
        assertEquals(d("2027-07-01"), RetentionPolicy.retentionUntil(d("2002-07-01"), d("2020-06-30")));
        assertTrue(RetentionPolicy.isMinorOn(d("2002-07-01"), d("2020-06-30")));
    }

    @Test
    void on18thBirthdayThePatientIsAnAdult() {
        assertFalse(RetentionPolicy.isMinorOn(d("2002-06-01"), d("2020-06-01")));
        assertTrue(RetentionPolicy.isMinorOn(d("2002-06-01"), d("2020-05-31")));
        assertEquals(d("2027-06-01"), RetentionPolicy.retentionUntil(d("2002-06-01"), d("2020-06-01")));
        // A day earlier, a minor: max(2027-05-31, 25th birthday 2027-06-01).
        assertEquals(d("2027-06-01"), RetentionPolicy.retentionUntil(d("2002-06-01"), d("2020-05-31")));
    }

    @Test
    void anAdultSeenAt40HasOnlyTheSevenYearRule() {
        assertEquals(d("2031-02-03"), RetentionPolicy.retentionUntil(d("1984-01-01"), d("2024-02-03")));
    }

    @Test
    void leapDayBirthdaysAndEntriesFallOnMarchFirstInCommonYears() {
        LocalDate leapling = d("2004-02-29");
        assertEquals(d("2029-03-01"), RetentionPolicy.anniversary(leapling, 25), "25th birthday in a common year");
        assertEquals(d("2028-02-29"), RetentionPolicy.anniversary(leapling, 24), "in a leap year it stays 29 Feb");
        // 18th birthday is 2022-03-01: on 2022-02-28 still a minor.
        assertTrue(RetentionPolicy.isMinorOn(leapling, d("2022-02-28")));
        assertFalse(RetentionPolicy.isMinorOn(leapling, d("2022-03-01")));
        assertEquals(d("2029-03-01"), RetentionPolicy.retentionUntil(leapling, d("2012-05-05")));
        // An entry on 29 Feb 2020: seven years later is 2027-03-01, never 28 Feb.
        assertEquals(d("2027-03-01"), RetentionPolicy.retentionUntil(d("1970-01-01"), d("2020-02-29")));
    }

    @Test
    void lastEntryBeforeBirthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.retentionUntil(d("2020-01-02"), d("2020-01-01")));
    }

    @Test
    void daysAreUtc() {
        assertEquals(d("2020-03-01"), RetentionPolicy.day(Instant.parse("2020-03-01T23:59:59Z")));
        assertEquals(Instant.parse("2027-03-01T00:00:00Z"),
                RetentionPolicy.retentionUntilInstant(d("1980-01-01"), Instant.parse("2020-03-01T23:00:00Z")));
    }
}
