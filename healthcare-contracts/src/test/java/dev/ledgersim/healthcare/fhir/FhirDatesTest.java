package dev.ledgersim.healthcare.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FhirDatesTest {

    @Test
    void primitivesFollowR4() {
        assertTrue(FhirDates.isDate("2024"));
        assertTrue(FhirDates.isDate("2024-02"));
        assertTrue(FhirDates.isDate("2024-02-29"));
        assertFalse(FhirDates.isDate("2023-02-29"), "not a calendar day");
        assertFalse(FhirDates.isDate("2024-2-1"));
        assertTrue(FhirDates.isDateTime("2024-02-29T10:00:00+09:30"));
        assertFalse(FhirDates.isDateTime("2024-02-29T10:00"), "a time needs seconds and a zone");
        assertTrue(FhirDates.isInstant("2024-02-29T10:00:00.123Z"));
        assertFalse(FhirDates.isInstant("2024-02-29"));
    }

    @Test
    void partialDatesStandForTheirWholeSpan() {
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), FhirDates.lowerBound("2024"));
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), FhirDates.upperBoundExclusive("2024"));
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), FhirDates.upperBoundExclusive("2024-02"));
        assertEquals(Instant.parse("2024-02-01T00:00:00Z"), FhirDates.upperBoundExclusive("2024-01-31"));
        assertEquals(Instant.parse("2024-01-31T00:30:00Z"), FhirDates.lowerBound("2024-01-31T10:00:00+09:30"));
        assertThrows(IllegalArgumentException.class, () -> FhirDates.lowerBound("yesterday"));
    }

    @Test
    void periodEndIsInclusiveAtItsPrecision() {
        Period january = new Period("2024-01-01", "2024-01-31");
        assertTrue(january.contains(Instant.parse("2024-01-31T23:59:59Z")));
        assertFalse(january.contains(Instant.parse("2024-02-01T00:00:00Z")));
        assertFalse(january.contains(Instant.parse("2023-12-31T23:59:59Z")));
        assertTrue(new Period(null, null).contains(Instant.EPOCH));
    }
}
