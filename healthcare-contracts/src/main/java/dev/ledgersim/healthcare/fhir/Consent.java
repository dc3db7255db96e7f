package dev.ledgersim.healthcare.fhir;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ledgersim.healthcare.purpose.PurposeOfUse;
import java.util.List;
import java.util.Set;

/**
 * FHIR R4 {@code Consent} (HEALTHCARE.md §5.2): a patient's permit or deny rules as a tree of provisions
 * by actor, action, purpose (PurposeOfUse), resource class and period. Validation enforces the R4
 * invariants ppc-1 (a policy or a policy rule) and ppc-2…5 (a privacy, research, adr or treatment scope
 * needs a patient), and that every purpose is a PurposeOfUse code LedgerSim knows.
 *
 * @param resourceType {@code Consent}
 * @param id the logical id
 * @param meta metadata
 * @param status draft | proposed | active | rejected | inactive | entered-in-error
 * @param scope adr | research | patient-privacy | treatment (consentscope)
 * @param category 1..* (copied)
 * @param patient who the consent applies to
 * @param dateTime when it was agreed
 * @param performer who agreed (copied)
 * @param organization the custodians (copied)
 * @param sourceReference the source document
 * @param policy the policies (copied)
 * @param policyRule the regulation it follows, e.g. v3-ActCode {@code OPTIN}
 * @param verification verifications (copied)
 * @param provision the root rule
 */
public record Consent(String resourceType, String id, Meta meta, String status, CodeableConcept scope,
                      List<CodeableConcept> category, Reference patient, String dateTime, List<Reference> performer,
                      List<Reference> organization, Reference sourceReference, List<Policy> policy,
                      CodeableConcept policyRule, List<Verification> verification, Provision provision)
        implements FhirResource {

    /** The resource type. */
    public static final String TYPE = "Consent";
    /** The code system of {@code scope}. */
    public static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    /** The code system of {@code provision.action}. */
    public static final String ACTION_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentaction";
    /** The code system of {@code category} (LOINC), e.g. {@code 59284-0} Patient Consent. */
    public static final String LOINC = "http://loinc.org";
    /** The code system of {@code provision.class}: FHIR resource types. */
    public static final String RESOURCE_TYPES_SYSTEM = "http://hl7.org/fhir/resource-types";
    /** The code system of {@code provision.actor.role}. */
    public static final String PARTICIPATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    /** The code system of the {@code OPTIN}/{@code OPTOUT} policy rules. */
    public static final String ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    /** The statuses of R4. */
    public static final Set<String> STATUSES = Set.of("draft", "proposed", "active", "rejected", "inactive", "entered-in-error");
    /** The scopes of R4. */
    public static final Set<String> SCOPES = Set.of("adr", "research", "patient-privacy", "treatment");
    /** The consent actions of R4. */
    public static final Set<String> ACTIONS = Set.of("collect", "access", "use", "disclose", "correct");
    private static final Set<String> TYPES = Set.of("deny", "permit");
    private static final Set<String> MEANINGS = Set.of("instance", "related", "dependents", "authoredby");

    /**
     * A policy the consent follows.
     *
     * @param authority the enforcing authority
     * @param uri the policy
     */
    public record Policy(String authority, String uri) {
    }

    /**
     * A verification of the consent.
     *
     * @param verified whether it was verified (required)
     * @param verifiedWith with whom
     * @param verificationDate when
     */
    public record Verification(Boolean verified, Reference verifiedWith, String verificationDate) {
    }

    /**
     * An actor a provision applies to.
     *
     * @param role how the actor is involved (required)
     * @param reference who (required): {@code Practitioner/<username>}, {@code PractitionerRole/<role>}, ...
     */
    public record Actor(CodeableConcept role, Reference reference) {
    }

    /**
     * Data a provision is about.
     *
     * @param meaning instance | related | dependents | authoredby
     * @param reference the resource
     */
    public record Data(String meaning, Reference reference) {
    }

    /**
     * A rule: permit or deny when its conditions hold; nested provisions are exceptions to it.
     *
     * @param type deny | permit
     * @param period when the rule applies (to the time of access)
     * @param actor who it applies to; none means everyone (copied)
     * @param action consentaction codes; none means every action (copied)
     * @param securityLabel security labels (copied)
     * @param purpose PurposeOfUse codes; a request matches by is-a; none means every purpose (copied)
     * @param resourceClass the JSON element {@code class}: resource types; none means all (copied)
     * @param code specific codes (copied)
     * @param dataPeriod when the data was recorded
     * @param data specific resources (copied)
     * @param provision nested exceptions (copied)
     */
    public record Provision(String type, Period period, List<Actor> actor, List<CodeableConcept> action,
                            List<Coding> securityLabel, List<Coding> purpose,
                            @JsonProperty("class") List<Coding> resourceClass, List<CodeableConcept> code,
                            Period dataPeriod, List<Data> data, List<Provision> provision) {
        /** Copies. */
        public Provision {
            actor = Lists.copy(actor);
            action = Lists.copy(action);
            securityLabel = Lists.copy(securityLabel);
            purpose = Lists.copy(purpose);
            resourceClass = Lists.copy(resourceClass);
            code = Lists.copy(code);
            data = Lists.copy(data);
            provision = Lists.copy(provision);
        }
    }

    /** Copies. */
    public Consent {
        category = Lists.copy(category);
        performer = Lists.copy(performer);
        organization = Lists.copy(organization);
        policy = Lists.copy(policy);
        verification = Lists.copy(verification);
    }

    /** This consent with {@code newStatus} (e.g. {@code inactive} on revocation) and {@code newMeta}. */
    public Consent withStatus(String newStatus, Meta newMeta) {
        return new Consent(resourceType, id, newMeta, newStatus, scope, category, patient, dateTime, performer,
                organization, sourceReference, policy, policyRule, verification, provision);
    }

    /** This consent with {@code newId}. */
    public Consent withId(String newId) {
        return new Consent(resourceType, newId, meta, status, scope, category, patient, dateTime, performer,
                organization, sourceReference, policy, policyRule, verification, provision);
    }

    @Override
    public List<String> validationProblems() {
        Checker c = new Checker();
        c.resourceType(resourceType, TYPE);
        c.id(id, "Consent.id");
        c.meta(meta, "Consent.meta");
        if (c.required(status, "Consent.status")) {
            c.code(status, "Consent.status", STATUSES);
        }
        if (c.required(scope, "Consent.scope")) {
            c.boundConcept(scope, "Consent.scope", SCOPE_SYSTEM, SCOPES);
        }
        if (c.required(category, "Consent.category")) {
            c.concepts(category, "Consent.category");
        }
        c.referenceTo(patient, "Consent.patient", Set.of("Patient"));
        c.dateTime(dateTime, "Consent.dateTime");
        c.references(performer, "Consent.performer");
        c.references(organization, "Consent.organization");
        c.reference(sourceReference, "Consent.sourceReference");
        for (int i = 0; i < policy.size(); i++) {
            Policy p = policy.get(i);
            if (p == null || (p.authority() == null && p.uri() == null)) {
                c.problem("Consent.policy[" + i + "]", "needs an authority or a uri");
            }
        }
        c.concept(policyRule, "Consent.policyRule");
        if (policy.isEmpty() && policyRule == null) {
            c.problem("Consent", "needs a policy or a policyRule (ppc-1)");
        }
        if (scope != null && patient == null) {
            String[][] rules = {{"patient-privacy", "ppc-2"}, {"research", "ppc-3"}, {"adr", "ppc-4"}, {"treatment", "ppc-5"}};
            for (String[] rule : rules) {
                if (scope.has(SCOPE_SYSTEM, rule[0])) {
                    c.problem("Consent.patient", "required when the scope is " + rule[0] + " (" + rule[1] + ")");
                }
            }
        }
        for (int i = 0; i < verification.size(); i++) {
            Verification v = verification.get(i);
            String path = "Consent.verification[" + i + "]";
            if (v == null) {
                c.problem(path, "must not be null");
                continue;
            }
            c.required(v.verified(), path + ".verified");
            c.reference(v.verifiedWith(), path + ".verifiedWith");
            c.dateTime(v.verificationDate(), path + ".verificationDate");
        }
        if (provision != null) {
            provision(c, provision, "Consent.provision");
        }
        return c.problems();
    }

    private static void provision(Checker c, Provision p, String path) {
        c.code(p.type(), path + ".type", TYPES);
        c.period(p.period(), path + ".period");
        for (int i = 0; i < p.actor().size(); i++) {
            Actor a = p.actor().get(i);
            String at = path + ".actor[" + i + "]";
            if (a == null) {
                c.problem(at, "must not be null");
                continue;
            }
            if (c.required(a.role(), at + ".role")) {
                c.concept(a.role(), at + ".role");
            }
            if (c.required(a.reference(), at + ".reference")) {
                c.reference(a.reference(), at + ".reference");
            }
        }
        c.concepts(p.action(), path + ".action");
        for (int i = 0; i < p.action().size(); i++) {
            CodeableConcept action = p.action().get(i);
            if (action != null) {
                c.boundConcept(action, path + ".action[" + i + "]", ACTION_SYSTEM, ACTIONS);
            }
        }
        c.codings(p.securityLabel(), path + ".securityLabel");
        for (int i = 0; i < p.purpose().size(); i++) {
            Coding purpose = p.purpose().get(i);
            String pp = path + ".purpose[" + i + "]";
            c.coding(purpose, pp);
            if (purpose == null) {
                continue;
            }
            if (!PurposeOfUse.SYSTEM.equals(purpose.system())) {
                c.problem(pp + ".system", "must be " + PurposeOfUse.SYSTEM + " (PurposeOfUse)");
            } else if (!PurposeOfUse.isKnown(purpose.code())) {
                c.problem(pp + ".code", "'" + purpose.code() + "' is not a PurposeOfUse code LedgerSim knows");
            }
        }
        c.codings(p.resourceClass(), path + ".class");
        c.concepts(p.code(), path + ".code");
        c.period(p.dataPeriod(), path + ".dataPeriod");
        for (int i = 0; i < p.data().size(); i++) {
            Data d = p.data().get(i);
            String dp = path + ".data[" + i + "]";
            if (d == null) {
                c.problem(dp, "must not be null");
                continue;
            }
            if (c.required(d.meaning(), dp + ".meaning")) {
                c.code(d.meaning(), dp + ".meaning", MEANINGS);
            }
            if (c.required(d.reference(), dp + ".reference")) {
                c.reference(d.reference(), dp + ".reference");
            }
        }
        for (int i = 0; i < p.provision().size(); i++) {
            Provision nested = p.provision().get(i);
            String np = path + ".provision[" + i + "]";
            if (nested == null) {
                c.problem(np, "must not be null");
                continue;
            }
            if (nested.type() == null) {
                c.problem(np + ".type", "required in a nested provision");
            }
            provision(c, nested, np);
        }
    }
}
