package dev.ledgersim.healthcare.fhir;

/**
 * FHIR {@code Coding}: a code from a code system.
 *
 * @param system the code system URI
 * @param version the code system version
 * @param code the code
 * @param display the human-readable text
 */
public record Coding(String system, String version, String code, String display) {

    /** A coding of {@code code} in {@code system} with {@code display} (may be null). */
    public static Coding of(String system, String code, String display) {
        return new Coding(system, null, code, display);
    }

    /** Whether this coding is {@code code} of {@code system}. */
    public boolean is(String codeSystem, String value) {
        return codeSystem.equals(system) && value.equals(code);
    }
}
