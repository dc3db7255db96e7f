package dev.ledgersim.healthcare.fhir;

import java.time.Instant;

/**
 * FHIR {@code Period}: a start and/or an end, each a FHIR {@code dateTime}; the end is inclusive at its
 * precision ({@code 2024-01-31} includes the whole day).
 *
 * @param start the start, or null for open
 * @param end the end, or null for open
 */
public record Period(String start, String end) {

    /**
     * Whether {@code time} lies in this period (both bounds read with {@link FhirDates}).
     *
     * @throws IllegalArgumentException if a bound is not a FHIR dateTime
     */
    public boolean contains(Instant time) {
        if (start != null && time.isBefore(FhirDates.lowerBound(start))) {
            return false;
        }
        return end == null || time.isBefore(FhirDates.upperBoundExclusive(end));
    }
}
