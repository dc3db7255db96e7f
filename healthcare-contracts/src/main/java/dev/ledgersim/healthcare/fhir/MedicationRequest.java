package dev.ledgersim.healthcare.fhir;

import java.util.List;
import java.util.Set;

/**
 * FHIR R4 {@code MedicationRequest}: a drug treatment (seed A's "treatment"); {@code medication[x]} as a
 * concept ({@code medicationCodeableConcept.text} is enough) or a reference.
 *
 * @param resourceType {@code MedicationRequest}
 * @param id the logical id
 * @param meta metadata
 * @param status active | on-hold | cancelled | completed | entered-in-error | stopped | draft | unknown
 * @param intent proposal | plan | order | original-order | reflex-order | filler-order | instance-order | option
 * @param category the kind of request (copied)
 * @param medicationCodeableConcept medication[x] as a concept
 * @param medicationReference medication[x] as a reference
 * @param subject the patient (required)
 * @param encounter the case
 * @param authoredOn when it was written
 * @param requester who ordered it
 * @param reasonCode why (copied)
 * @param dosageInstruction how to take it (copied)
 */
public record MedicationRequest(String resourceType, String id, Meta meta, String status, String intent,
                                List<CodeableConcept> category, CodeableConcept medicationCodeableConcept,
                                Reference medicationReference, Reference subject, Reference encounter,
                                String authoredOn, Reference requester, List<CodeableConcept> reasonCode,
                                List<Dosage> dosageInstruction) implements FhirResource {

    /** The resource type. */
    public static final String TYPE = "MedicationRequest";

    private static final Set<String> STATUSES = Set.of("active", "on-hold", "cancelled", "completed", "entered-in-error",
            "stopped", "draft", "unknown");
    private static final Set<String> INTENTS = Set.of("proposal", "plan", "order", "original-order", "reflex-order",
            "filler-order", "instance-order", "option");

    /**
     * A dosage instruction given as text.
     *
     * @param text the instruction
     */
    public record Dosage(String text) {
    }

    /** Copies. */
    public MedicationRequest {
        category = Lists.copy(category);
        reasonCode = Lists.copy(reasonCode);
        dosageInstruction = Lists.copy(dosageInstruction);
    }

    @Override
    public List<String> validationProblems() {
        Checker c = new Checker();
        c.resourceType(resourceType, TYPE);
        c.id(id, "MedicationRequest.id");
        c.meta(meta, "MedicationRequest.meta");
        if (c.required(status, "MedicationRequest.status")) {
            c.code(status, "MedicationRequest.status", STATUSES);
        }
        if (c.required(intent, "MedicationRequest.intent")) {
            c.code(intent, "MedicationRequest.intent", INTENTS);
        }
        c.concepts(category, "MedicationRequest.category");
        if (medicationCodeableConcept == null && medicationReference == null) {
            c.problem("MedicationRequest.medication[x]", "required (medicationCodeableConcept or medicationReference)");
        } else if (medicationCodeableConcept != null && medicationReference != null) {
            c.problem("MedicationRequest.medication[x]", "only one of medicationCodeableConcept and medicationReference");
        }
        c.concept(medicationCodeableConcept, "MedicationRequest.medicationCodeableConcept");
        c.referenceTo(medicationReference, "MedicationRequest.medicationReference", Set.of("Medication"));
        if (c.required(subject, "MedicationRequest.subject")) {
            c.referenceTo(subject, "MedicationRequest.subject", Set.of("Patient", "Group"));
        }
        c.referenceTo(encounter, "MedicationRequest.encounter", Set.of("Encounter"));
        c.dateTime(authoredOn, "MedicationRequest.authoredOn");
        c.reference(requester, "MedicationRequest.requester");
        c.concepts(reasonCode, "MedicationRequest.reasonCode");
        c.noNulls(dosageInstruction, "MedicationRequest.dosageInstruction");
        return c.problems();
    }
}
