package dev.ledgersim.healthcare.consent;

import dev.ledgersim.healthcare.fhir.CodeableConcept;
import dev.ledgersim.healthcare.fhir.Coding;
import dev.ledgersim.healthcare.fhir.Consent;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.fhir.Reference;
import dev.ledgersim.healthcare.purpose.PurposeOfUse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides an {@link AccessRequest} by a patient's FHIR Consents (HEALTHCARE.md §5.2 semantics).
 *
 * <ol>
 *   <li>A purpose that is-a {@code HMARKT} (marketing) is always denied (§6.5).</li>
 *   <li>Only {@code active} consents of the request's patient apply. A consent applies when its root
 *       provision's conditions hold; the root's {@code type} is then the default ({@code deny} when the
 *       root has none).</li>
 *   <li>Nested provisions are exceptions: each one whose conditions hold overrides its parent, and the
 *       <b>most specific</b> (deepest) matching provision decides. Between matches of equal depth — in one
 *       consent or across consents — {@code deny} wins.</li>
 *   <li>A provision's conditions: one of its actors is the requester ({@code Practitioner/},
 *       {@code Patient/} or {@code RelatedPerson/<username>}, an identifier in {@code urn:sim:username},
 *       or {@code PractitionerRole/<role>} for everyone with that role); one of its actions is the
 *       request's; the request's purpose <b>is-a</b> one of its purposes (a grant for {@code TREAT} covers
 *       {@code COC}, {@code ETREAT}, {@code BTG}); one of its classes is the requested resource type; the
 *       access time lies in its period. An empty list places no condition.</li>
 *   <li>No applicable consent: deny.</li>
 * </ol>
 * Provisions restricting by {@code dataPeriod}, {@code data}, {@code code} or {@code securityLabel} cannot
 * be decided from a request and are refused when a consent is stored (see {@link #unsupportedElements}).
 * Stateless; thread-safe; the result depends only on the arguments (consents are considered in id order).
 */
public final class ConsentEvaluator {

    private record Match(Consent consent, Consent.Provision provision, String path, int depth) {
    }

    private ConsentEvaluator() {
    }

    /** Decides {@code request} by {@code consents} (any order; other patients' and inactive ones are ignored). */
    public static ConsentDecision evaluate(List<Consent> consents, AccessRequest request) {
        if (PurposeOfUse.isA(request.purpose(), PurposeOfUse.HMARKT)) {
            return new ConsentDecision(ConsentDecision.DENY, null, null, request.purpose(),
                    "marketing (HMARKT) is never permitted");
        }
        List<Consent> sorted = new ArrayList<>(consents);
        sorted.sort(Comparator.comparing(c -> c.id() == null ? "" : c.id()));
        Match best = null;
        for (Consent consent : sorted) {
            if (!"active".equals(consent.status()) || consent.provision() == null || !isPatient(consent, request.patientId())) {
                continue;
            }
            Match match = deepest(consent, consent.provision(), "provision", 0, request);
            if (match != null && (best == null || better(match, best))) {
                best = match;
            }
        }
        if (best == null) {
            return new ConsentDecision(ConsentDecision.DENY, null, null, request.purpose(),
                    "no active consent of " + request.patientId() + " applies");
        }
        String type = typeOf(best.provision());
        return new ConsentDecision(type, best.consent().id(), best.path(), request.purpose(),
                type + " by consent " + best.consent().id() + " (" + best.path() + ")");
    }

    /**
     * The elements of {@code provision} (and its nested provisions) this evaluator cannot decide, as paths;
     * empty when it can decide all of them.
     */
    public static List<String> unsupportedElements(Consent.Provision provision, String path) {
        List<String> out = new ArrayList<>();
        if (provision == null) {
            return out;
        }
        if (provision.dataPeriod() != null) {
            out.add(path + ".dataPeriod");
        }
        if (!provision.data().isEmpty()) {
            out.add(path + ".data");
        }
        if (!provision.code().isEmpty()) {
            out.add(path + ".code");
        }
        if (!provision.securityLabel().isEmpty()) {
            out.add(path + ".securityLabel");
        }
        for (int i = 0; i < provision.provision().size(); i++) {
            out.addAll(unsupportedElements(provision.provision().get(i), path + ".provision[" + i + "]"));
        }
        return out;
    }

    /** The reference {@code Patient/<patientId>} of {@code consent}, compared with the request. */
    static boolean isPatient(Consent consent, String patientId) {
        Reference patient = consent.patient();
        return patient != null && ("Patient/" + patientId).equals(patient.reference());
    }

    private static boolean better(Match candidate, Match current) {
        if (candidate.depth() != current.depth()) {
            return candidate.depth() > current.depth();
        }
        return ConsentDecision.DENY.equals(typeOf(candidate.provision())) && !ConsentDecision.DENY.equals(typeOf(current.provision()));
    }

    /** The deepest matching provision at or under {@code p}, or null when {@code p} itself does not match. */
    private static Match deepest(Consent consent, Consent.Provision p, String path, int depth, AccessRequest request) {
        if (!matches(p, request)) {
            return null;
        }
        Match best = new Match(consent, p, path, depth);
        for (int i = 0; i < p.provision().size(); i++) {
            Match nested = deepest(consent, p.provision().get(i), path + ".provision[" + i + "]", depth + 1, request);
            if (nested != null && better(nested, best)) {
                best = nested;
            }
        }
        return best;
    }

    private static String typeOf(Consent.Provision p) {
        return ConsentDecision.PERMIT.equals(p.type()) ? ConsentDecision.PERMIT : ConsentDecision.DENY;
    }

    private static boolean matches(Consent.Provision p, AccessRequest r) {
        if (p.period() != null && !p.period().contains(r.time())) {
            return false;
        }
        if (!p.actor().isEmpty() && p.actor().stream().noneMatch(a -> a != null && actorMatches(a.reference(), r))) {
            return false;
        }
        if (!p.action().isEmpty() && p.action().stream().noneMatch(a -> a != null && hasCode(a, r.action()))) {
            return false;
        }
        if (!p.purpose().isEmpty() && p.purpose().stream()
                .noneMatch(c -> c != null && PurposeOfUse.SYSTEM.equals(c.system()) && PurposeOfUse.isA(r.purpose(), c.code()))) {
            return false;
        }
        return p.resourceClass().isEmpty()
                || p.resourceClass().stream().anyMatch(c -> c != null && r.resourceType().equals(c.code()));
    }

    private static boolean hasCode(CodeableConcept concept, String code) {
        for (Coding c : concept.coding()) {
            if (c != null && code.equals(c.code()) && (c.system() == null || Consent.ACTION_SYSTEM.equals(c.system()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean actorMatches(Reference reference, AccessRequest r) {
        if (reference == null) {
            return false;
        }
        if (reference.identifier() != null && Fhir.USERNAME_SYSTEM.equals(reference.identifier().system())) {
            return r.actor().equals(reference.identifier().value());
        }
        Optional<String> type = reference.targetType();
        Optional<String> id = reference.targetId();
        if (type.isEmpty() || id.isEmpty()) {
            return false;
        }
        return switch (type.get()) {
            case "Practitioner", "Patient", "RelatedPerson" -> id.get().equals(r.actor());
            case "PractitionerRole" -> !r.role().isEmpty() && id.get().equals(r.role());
            default -> false;
        };
    }
}
