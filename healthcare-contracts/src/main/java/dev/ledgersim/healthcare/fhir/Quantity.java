package dev.ledgersim.healthcare.fhir;

import java.math.BigDecimal;

/**
 * FHIR {@code Quantity}, e.g. a UCUM-coded measurement.
 *
 * @param value the number
 * @param comparator {@code < | <= | >= | >}
 * @param unit the unit as text
 * @param system the unit system, e.g. {@code http://unitsofmeasure.org}
 * @param code the coded unit
 */
public record Quantity(BigDecimal value, String comparator, String unit, String system, String code) {

    /** A UCUM quantity. */
    public static Quantity ucum(BigDecimal value, String unit) {
        return new Quantity(value, null, unit, "http://unitsofmeasure.org", unit);
    }
}
