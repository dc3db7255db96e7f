package dev.ledgersim.healthcare.fhir;

import java.util.List;

/**
 * FHIR {@code CodeableConcept}: codings and/or text.
 *
 * @param coding the codings (copied; null means none)
 * @param text the text
 */
public record CodeableConcept(List<Coding> coding, String text) {

    /** Copies. */
    public CodeableConcept {
        coding = Lists.copy(coding);
    }

    /** A concept with one coding. */
    public static CodeableConcept of(String system, String code, String display) {
        return new CodeableConcept(List.of(Coding.of(system, code, display)), null);
    }

    /** A concept with only text. */
    public static CodeableConcept text(String text) {
        return new CodeableConcept(List.of(), text);
    }

    /** Whether one of the codings is {@code code} of {@code system}. */
    public boolean has(String system, String code) {
        return coding.stream().anyMatch(c -> c.is(system, code));
    }
}
