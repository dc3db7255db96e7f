package dev.ledgersim.healthcare.fhir;

/**
 * FHIR {@code Identifier}.
 *
 * @param use usual | official | temp | secondary | old
 * @param system the namespace URI, e.g. {@code urn:sim:username}
 * @param value the value
 */
public record Identifier(String use, String system, String value) {

    /** An identifier {@code value} in {@code system}. */
    public static Identifier of(String system, String value) {
        return new Identifier(null, system, value);
    }
}
