package dev.ledgersim.healthcare.fhir;

/**
 * FHIR {@code ContactPoint}.
 *
 * @param system phone | fax | email | pager | url | sms | other
 * @param value the number or address
 * @param use home | work | temp | old | mobile
 */
public record ContactPoint(String system, String value, String use) {

    /** A phone number. */
    public static ContactPoint phone(String value) {
        return new ContactPoint("phone", value, null);
    }
}
