package dev.ledgersim.healthcare.fhir;

import java.util.List;
import java.util.Set;

/**
 * FHIR R4 {@code Observation}: a test result (seed A's "test results"), coded (LOINC) with a value as a
 * {@code Quantity} (UCUM), a string or a concept.
 *
 * @param resourceType {@code Observation}
 * @param id the logical id
 * @param meta metadata
 * @param status registered | preliminary | final | amended | corrected | cancelled | entered-in-error | unknown
 * @param category classification (copied)
 * @param code what was observed
 * @param subject the patient
 * @param encounter the case
 * @param effectiveDateTime when it was observed
 * @param issued when it was made available (an instant)
 * @param performer who is responsible (copied)
 * @param valueQuantity value[x] as a quantity
 * @param valueString value[x] as free text
 * @param valueCodeableConcept value[x] as a concept
 */
public record Observation(String resourceType, String id, Meta meta, String status, List<CodeableConcept> category,
                          CodeableConcept code, Reference subject, Reference encounter, String effectiveDateTime,
                          String issued, List<Reference> performer, Quantity valueQuantity, String valueString,
                          CodeableConcept valueCodeableConcept) implements FhirResource {

    /** The resource type. */
    public static final String TYPE = "Observation";

    private static final Set<String> STATUSES = Set.of("registered", "preliminary", "final", "amended", "corrected",
            "cancelled", "entered-in-error", "unknown");

    /** Copies. */
    public Observation {
        category = Lists.copy(category);
        performer = Lists.copy(performer);
    }

    @Override
    public List<String> validationProblems() {
        Checker c = new Checker();
        c.resourceType(resourceType, TYPE);
        c.id(id, "Observation.id");
        c.meta(meta, "Observation.meta");
        if (c.required(status, "Observation.status")) {
            c.code(status, "Observation.status", STATUSES);
        }
        c.concepts(category, "Observation.category");
        if (c.required(code, "Observation.code")) {
            c.concept(code, "Observation.code");
        }
        c.reference(subject, "Observation.subject");
        c.referenceTo(encounter, "Observation.encounter", Set.of("Encounter"));
        c.dateTime(effectiveDateTime, "Observation.effectiveDateTime");
        c.instant(issued, "Observation.issued");
        c.references(performer, "Observation.performer");
        int values = (valueQuantity != null ? 1 : 0) + (valueString != null ? 1 : 0) + (valueCodeableConcept != null ? 1 : 0);
        if (values > 1) {
            c.problem("Observation.value[x]", "at most one of valueQuantity, valueString, valueCodeableConcept");
        }
        if (valueQuantity != null && valueQuantity.value() == null) {
            c.problem("Observation.valueQuantity.value", "required");
        }
        c.concept(valueCodeableConcept, "Observation.valueCodeableConcept");
        return c.problems();
    }
}
