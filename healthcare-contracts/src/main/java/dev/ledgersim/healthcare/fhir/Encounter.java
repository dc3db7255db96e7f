package dev.ledgersim.healthcare.fhir;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Set;

/**
 * FHIR R4 {@code Encounter}: seed A's case (a visit) — status, class (a {@code Coding} in R4), subject,
 * participants, period and the department as service type.
 *
 * @param resourceType {@code Encounter}
 * @param id the logical id
 * @param meta metadata (the record's security level as a confidentiality label)
 * @param status planned | arrived | triaged | in-progress | onleave | finished | cancelled | entered-in-error | unknown
 * @param encounterClass the JSON element {@code class}, e.g. v3-ActCode {@code AMB}
 * @param type specific types (copied)
 * @param serviceType the department
 * @param subject the patient
 * @param participant the people involved (copied)
 * @param period the start and end
 * @param reasonCode why the encounter happened (copied)
 */
public record Encounter(String resourceType, String id, Meta meta, String status,
                        @JsonProperty("class") Coding encounterClass, List<CodeableConcept> type,
                        CodeableConcept serviceType, Reference subject, List<Participant> participant, Period period,
                        List<CodeableConcept> reasonCode) implements FhirResource {

    /** The resource type. */
    public static final String TYPE = "Encounter";

    private static final Set<String> STATUSES = Set.of("planned", "arrived", "triaged", "in-progress", "onleave",
            "finished", "cancelled", "entered-in-error", "unknown");

    /**
     * One participant.
     *
     * @param type the role in the encounter (copied)
     * @param period when they took part
     * @param individual the practitioner
     */
    public record Participant(List<CodeableConcept> type, Period period, Reference individual) {
        /** Copies. */
        public Participant {
            type = Lists.copy(type);
        }
    }

    /** Copies. */
    public Encounter {
        type = Lists.copy(type);
        participant = Lists.copy(participant);
        reasonCode = Lists.copy(reasonCode);
    }

    @Override
    public List<String> validationProblems() {
        Checker c = new Checker();
        c.resourceType(resourceType, TYPE);
        c.id(id, "Encounter.id");
        c.meta(meta, "Encounter.meta");
        if (c.required(status, "Encounter.status")) {
            c.code(status, "Encounter.status", STATUSES);
        }
        if (c.required(encounterClass, "Encounter.class")) {
            c.coding(encounterClass, "Encounter.class");
        }
        c.concepts(type, "Encounter.type");
        c.concept(serviceType, "Encounter.serviceType");
        c.referenceTo(subject, "Encounter.subject", Set.of("Patient", "Group"));
        for (int i = 0; i < participant.size(); i++) {
            Participant p = participant.get(i);
            String path = "Encounter.participant[" + i + "]";
            if (p == null) {
                c.problem(path, "must not be null");
                continue;
            }
            c.concepts(p.type(), path + ".type");
            c.period(p.period(), path + ".period");
            c.referenceTo(p.individual(), path + ".individual", Set.of("Practitioner", "PractitionerRole", "RelatedPerson"));
        }
        c.period(period, "Encounter.period");
        c.concepts(reasonCode, "Encounter.reasonCode");
        return c.problems();
    }
}
