package dev.ledgersim.healthcare.fhir;

import java.util.List;

/**
 * A FHIR resource that cannot be read or is invalid. The message names the resource type and every
 * problem found, each with the path of the element, e.g.
 * {@code invalid FHIR Consent: Consent.status: required; Consent.provision.actor[0].reference: required}.
 */
public class FhirValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The problems; serializable (an unmodifiable copy of a list of strings). */
    private final List<String> problems;

    /** An invalid {@code resourceType} with {@code problems} (at least one). */
    public FhirValidationException(String resourceType, List<String> problems) {
        super("invalid FHIR " + resourceType + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** A resource that could not be read at all, caused by {@code cause}. */
    public FhirValidationException(String resourceType, String problem, Throwable cause) {
        super("invalid FHIR " + resourceType + ": " + problem, cause);
        this.problems = List.of(problem);
    }

    /** The problems, each prefixed with the path of the element. */
    public List<String> problems() {
        return problems;
    }
}
