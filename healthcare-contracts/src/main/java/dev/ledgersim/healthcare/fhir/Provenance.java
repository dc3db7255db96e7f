package dev.ledgersim.healthcare.fhir;

import java.util.List;
import java.util.Set;

/**
 * FHIR R4 {@code Provenance}: which activity produced, changed or removed a target, by whom and why; the
 * suite records a purge as a Provenance with an entity of role {@code removal}.
 *
 * @param resourceType {@code Provenance}
 * @param id the logical id
 * @param meta metadata
 * @param target the resources concerned (1..*, copied)
 * @param occurredPeriod occurred[x] as a period
 * @param occurredDateTime occurred[x] as a dateTime
 * @param recorded when it was recorded (required instant)
 * @param policy policy URIs (copied)
 * @param activity what happened
 * @param reason why: PurposeOfUse codes (copied)
 * @param agent who (1..*, copied)
 * @param entity what was used (copied)
 */
public record Provenance(String resourceType, String id, Meta meta, List<Reference> target, Period occurredPeriod,
                         String occurredDateTime, String recorded, List<String> policy, CodeableConcept activity,
                         List<CodeableConcept> reason, List<Agent> agent, List<Entity> entity) implements FhirResource {

    /** The resource type. */
    public static final String TYPE = "Provenance";
    /** The entity roles of R4. */
    public static final Set<String> ENTITY_ROLES = Set.of("derivation", "revision", "quotation", "source", "removal");

    /**
     * An agent.
     *
     * @param type provenance-participant-type, e.g. {@code author}, {@code custodian}
     * @param role its roles (copied)
     * @param who the agent (required)
     * @param onBehalfOf for whom
     */
    public record Agent(CodeableConcept type, List<CodeableConcept> role, Reference who, Reference onBehalfOf) {
        /** Copies. */
        public Agent {
            role = Lists.copy(role);
        }
    }

    /**
     * An entity used.
     *
     * @param role derivation | revision | quotation | source | removal (required)
     * @param what the entity (required)
     */
    public record Entity(String role, Reference what) {
    }

    /** Copies. */
    public Provenance {
        target = Lists.copy(target);
        policy = Lists.copy(policy);
        reason = Lists.copy(reason);
        agent = Lists.copy(agent);
        entity = Lists.copy(entity);
    }

    @Override
    public List<String> validationProblems() {
        Checker c = new Checker();
        c.resourceType(resourceType, TYPE);
        c.id(id, "Provenance.id");
        c.meta(meta, "Provenance.meta");
        if (c.required(target, "Provenance.target")) {
            c.references(target, "Provenance.target");
        }
        if (occurredPeriod != null && occurredDateTime != null) {
            c.problem("Provenance.occurred[x]", "only one of occurredPeriod and occurredDateTime");
        }
        c.period(occurredPeriod, "Provenance.occurredPeriod");
        c.dateTime(occurredDateTime, "Provenance.occurredDateTime");
        if (c.required(recorded, "Provenance.recorded")) {
            c.instant(recorded, "Provenance.recorded");
        }
        c.noNulls(policy, "Provenance.policy");
        c.concept(activity, "Provenance.activity");
        c.concepts(reason, "Provenance.reason");
        if (c.required(agent, "Provenance.agent")) {
            for (int i = 0; i < agent.size(); i++) {
                Agent a = agent.get(i);
                String path = "Provenance.agent[" + i + "]";
                if (a == null) {
                    c.problem(path, "must not be null");
                    continue;
                }
                c.concept(a.type(), path + ".type");
                c.concepts(a.role(), path + ".role");
                if (c.required(a.who(), path + ".who")) {
                    c.reference(a.who(), path + ".who");
                }
                c.reference(a.onBehalfOf(), path + ".onBehalfOf");
            }
        }
        for (int i = 0; i < entity.size(); i++) {
            Entity e = entity.get(i);
            String path = "Provenance.entity[" + i + "]";
            if (e == null) {
                c.problem(path, "must not be null");
                continue;
            }
            if (c.required(e.role(), path + ".role")) {
                c.code(e.role(), path + ".role", ENTITY_ROLES);
            }
            if (c.required(e.what(), path + ".what")) {
                c.reference(e.what(), path + ".what");
            }
        }
        return c.problems();
    }
}
