package dev.ledgersim.healthcare.fhir;

import java.util.List;
import java.util.Set;

/**
 * FHIR R4 {@code AuditEvent} (HEALTHCARE.md §5.2): who did what to which patient's data, when, for what
 * purpose and with what outcome — the suite's record of every accepted and rejected access.
 *
 * @param resourceType {@code AuditEvent}
 * @param id the logical id
 * @param meta metadata
 * @param type the kind of event (required), e.g. audit-event-type {@code rest}
 * @param subtype more specific kinds (copied), e.g. restful-interaction {@code read}, DICOM {@code 110127}
 * @param action C | R | U | D | E
 * @param period when the activity occurred
 * @param recorded when the event was recorded (required instant)
 * @param outcome 0 success | 4 minor failure (a denial) | 8 serious failure | 12 major failure
 * @param outcomeDesc the outcome in words
 * @param purposeOfEvent the PurposeOfUse of the access (copied)
 * @param agent the actors (1..*, copied)
 * @param source the reporting system (required)
 * @param entity the data used (copied)
 */
public record AuditEvent(String resourceType, String id, Meta meta, Coding type, List<Coding> subtype, String action,
                         Period period, String recorded, String outcome, String outcomeDesc,
                         List<CodeableConcept> purposeOfEvent, List<Agent> agent, Source source, List<Entity> entity)
        implements FhirResource {

    /** The resource type. */
    public static final String TYPE = "AuditEvent";
    /** The actions of R4. */
    public static final Set<String> ACTIONS = Set.of("C", "R", "U", "D", "E");
    /** The outcomes of R4. */
    public static final Set<String> OUTCOMES = Set.of("0", "4", "8", "12");

    /**
     * An actor.
     *
     * @param type how the agent took part
     * @param role its roles (copied)
     * @param who the agent
     * @param altId an alternative id (the certificate id)
     * @param name a name
     * @param requestor whether this agent initiated the event (required)
     * @param network where the agent was
     * @param purposeOfUse the agent's purposes (copied)
     */
    public record Agent(CodeableConcept type, List<CodeableConcept> role, Reference who, String altId, String name,
                        Boolean requestor, Network network, List<CodeableConcept> purposeOfUse) {
        /** Copies. */
        public Agent {
            role = Lists.copy(role);
            purposeOfUse = Lists.copy(purposeOfUse);
        }
    }

    /**
     * A network access point.
     *
     * @param address the address
     * @param type 1 machine name | 2 IP | 3 telephone | 4 email | 5 URI
     */
    public record Network(String address, String type) {
    }

    /**
     * The system that recorded the event.
     *
     * @param site the logical site (the channel)
     * @param observer the recording system (required)
     * @param type the kind of system (copied)
     */
    public record Source(String site, Reference observer, List<Coding> type) {
        /** Copies. */
        public Source {
            type = Lists.copy(type);
        }
    }

    /**
     * Data or object used.
     *
     * @param what the resource
     * @param type audit-entity-type: 1 Person | 2 System Object | ...
     * @param role object-role: 1 Patient | 4 Domain Resource | ...
     * @param lifecycle object-lifecycle-events
     * @param securityLabel security labels (copied)
     * @param name a descriptor
     * @param description more detail
     */
    public record Entity(Reference what, Coding type, Coding role, Coding lifecycle, List<Coding> securityLabel,
                         String name, String description) {
        /** Copies. */
        public Entity {
            securityLabel = Lists.copy(securityLabel);
        }
    }

    /** Copies. */
    public AuditEvent {
        subtype = Lists.copy(subtype);
        purposeOfEvent = Lists.copy(purposeOfEvent);
        agent = Lists.copy(agent);
        entity = Lists.copy(entity);
    }

    /** Whether the event records a success ({@code outcome} 0). */
    public boolean succeeded() {
        return "0".equals(outcome);
    }

    @Override
    public List<String> validationProblems() {
        Checker c = new Checker();
        c.resourceType(resourceType, TYPE);
        c.id(id, "AuditEvent.id");
        c.meta(meta, "AuditEvent.meta");
        if (c.required(type, "AuditEvent.type")) {
            c.coding(type, "AuditEvent.type");
        }
        c.codings(subtype, "AuditEvent.subtype");
        c.code(action, "AuditEvent.action", ACTIONS);
        c.period(period, "AuditEvent.period");
        if (c.required(recorded, "AuditEvent.recorded")) {
            c.instant(recorded, "AuditEvent.recorded");
        }
        c.code(outcome, "AuditEvent.outcome", OUTCOMES);
        c.concepts(purposeOfEvent, "AuditEvent.purposeOfEvent");
        if (c.required(agent, "AuditEvent.agent")) {
            for (int i = 0; i < agent.size(); i++) {
                Agent a = agent.get(i);
                String path = "AuditEvent.agent[" + i + "]";
                if (a == null) {
                    c.problem(path, "must not be null");
                    continue;
                }
                c.concept(a.type(), path + ".type");
                c.concepts(a.role(), path + ".role");
                c.reference(a.who(), path + ".who");
                c.required(a.requestor(), path + ".requestor");
                c.concepts(a.purposeOfUse(), path + ".purposeOfUse");
            }
        }
        if (c.required(source, "AuditEvent.source")) {
            if (c.required(source.observer(), "AuditEvent.source.observer")) {
                c.reference(source.observer(), "AuditEvent.source.observer");
            }
            c.codings(source.type(), "AuditEvent.source.type");
        }
        for (int i = 0; i < entity.size(); i++) {
            Entity e = entity.get(i);
            String path = "AuditEvent.entity[" + i + "]";
            if (e == null) {
                c.problem(path, "must not be null");
                continue;
            }
            c.reference(e.what(), path + ".what");
            if (e.type() != null) {
                c.coding(e.type(), path + ".type");
            }
            if (e.role() != null) {
                c.coding(e.role(), path + ".role");
            }
            c.codings(e.securityLabel(), path + ".securityLabel");
        }
        return c.problems();
    }
}
