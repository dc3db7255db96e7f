package dev.ledgersim.healthcare.fhir;

import java.util.List;
import java.util.Set;

/**
 * FHIR R4 {@code Condition}: a diagnosis (seed A's "diagnosis"), coded in ICD-10-CM.
 *
 * @param resourceType {@code Condition}
 * @param id the logical id
 * @param meta metadata
 * @param clinicalStatus active | recurrence | relapse | inactive | remission | resolved (condition-clinical)
 * @param verificationStatus unconfirmed | provisional | differential | confirmed | refuted | entered-in-error
 * @param category e.g. encounter-diagnosis (copied)
 * @param severity the severity
 * @param code the diagnosis
 * @param subject the patient (required)
 * @param encounter the case
 * @param onsetDateTime when it began
 * @param abatementDateTime when it resolved
 * @param recordedDate when it was first recorded
 * @param recorder who recorded it
 */
public record Condition(String resourceType, String id, Meta meta, CodeableConcept clinicalStatus,
                        CodeableConcept verificationStatus, List<CodeableConcept> category, CodeableConcept severity,
                        CodeableConcept code, Reference subject, Reference encounter, String onsetDateTime,
                        String abatementDateTime, String recordedDate, Reference recorder) implements FhirResource {

    /** The resource type. */
    public static final String TYPE = "Condition";
    /** The code system of {@code clinicalStatus}. */
    public static final String CLINICAL_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    /** The code system of {@code verificationStatus}. */
    public static final String VERIFICATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    private static final Set<String> CLINICAL = Set.of("active", "recurrence", "relapse", "inactive", "remission", "resolved");
    private static final Set<String> VERIFICATION = Set.of("unconfirmed", "provisional", "differential", "confirmed",
            "refuted", "entered-in-error");

    /** Copies. */
    public Condition {
        category = Lists.copy(category);
    }

    @Override
    public List<String> validationProblems() {
        Checker c = new Checker();
        c.resourceType(resourceType, TYPE);
        c.id(id, "Condition.id");
        c.meta(meta, "Condition.meta");
        c.boundConcept(clinicalStatus, "Condition.clinicalStatus", CLINICAL_SYSTEM, CLINICAL);
        c.boundConcept(verificationStatus, "Condition.verificationStatus", VERIFICATION_SYSTEM, VERIFICATION);
        c.concepts(category, "Condition.category");
        c.concept(severity, "Condition.severity");
        c.concept(code, "Condition.code");
        if (c.required(subject, "Condition.subject")) {
            c.referenceTo(subject, "Condition.subject", Set.of("Patient", "Group"));
        }
        c.referenceTo(encounter, "Condition.encounter", Set.of("Encounter"));
        c.dateTime(onsetDateTime, "Condition.onsetDateTime");
        c.dateTime(abatementDateTime, "Condition.abatementDateTime");
        c.dateTime(recordedDate, "Condition.recordedDate");
        c.reference(recorder, "Condition.recorder");
        boolean enteredInError = verificationStatus != null && verificationStatus.has(VERIFICATION_SYSTEM, "entered-in-error");
        if (enteredInError && clinicalStatus != null) {
            c.problem("Condition.clinicalStatus", "must be absent when verificationStatus is entered-in-error (con-5)");
        }
        if (abatementDateTime != null && clinicalStatus != null && !(clinicalStatus.has(CLINICAL_SYSTEM, "inactive")
                || clinicalStatus.has(CLINICAL_SYSTEM, "resolved") || clinicalStatus.has(CLINICAL_SYSTEM, "remission"))) {
            c.problem("Condition.clinicalStatus", "must be inactive, resolved or remission when abated (con-4)");
        }
        return c.problems();
    }
}
