package dev.ledgersim.healthcare.fhir;

import java.util.List;

/** A FHIR R4 resource of the model: it names its type and id and reports what makes it invalid. */
public sealed interface FhirResource
        permits Patient, Encounter, Observation, Condition, MedicationRequest, Consent, AuditEvent, Provenance {

    /** The {@code resourceType} element as read (validation checks it names this type). */
    String resourceType();

    /** The logical id, or null. */
    String id();

    /**
     * The problems that make this resource invalid — missing required elements, codes outside their value
     * set, malformed dates and references, broken invariants — each prefixed with the element's path;
     * empty when it is valid.
     */
    List<String> validationProblems();
}
