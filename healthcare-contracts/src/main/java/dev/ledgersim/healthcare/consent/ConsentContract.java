package dev.ledgersim.healthcare.consent;

import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.CompositeKey;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.KeyValue;
import dev.ledgersim.contract.QueryResultsIterator;
import dev.ledgersim.contract.Transaction;
import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.healthcare.audit.AuditAction;
import dev.ledgersim.healthcare.audit.AuditEntry;
import dev.ledgersim.healthcare.audit.AuditLog;
import dev.ledgersim.healthcare.fhir.AuditEvent;
import dev.ledgersim.healthcare.fhir.Consent;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.fhir.FhirDates;
import dev.ledgersim.healthcare.fhir.FhirValidationException;
import dev.ledgersim.healthcare.fhir.Meta;
import dev.ledgersim.healthcare.fhir.Reference;
import dev.ledgersim.healthcare.purpose.PurposeOfUse;
import dev.ledgersim.healthcare.util.Args;
import dev.ledgersim.healthcare.util.Caller;
import dev.ledgersim.healthcare.util.Json;
import dev.ledgersim.healthcare.util.Roles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patient consent as FHIR R4 Consent resources (HEALTHCARE.md §8.5; chaincode {@value #CHAINCODE}).
 *
 * <h2>Functions</h2>
 * <ul>
 *   <li>{@code putConsent(consentJson)} — stores a Consent (created or replaced) after validating its R4
 *       shape and invariants (ppc-1…5, PurposeOfUse codes); by the patient, a guardian (certificate
 *       attribute {@code guardianOf}) or a {@code hospital} identity. Returns
 *       {@code {"consentId","patientId","status","version"}}.</li>
 *   <li>{@code revokeConsent(id)} — sets the status to {@code inactive}; same callers; same result.</li>
 *   <li>{@code evaluate(patientId, actor, role, purpose, action, resourceType, time)} — read-only: the
 *       {@link ConsentDecision} as {@code {"decision","consentId","provision","purpose","reason"}}; an active
 *       break-glass of {@code actor} permits a purpose that is-a {@code ETREAT}; {@code time} (a FHIR
 *       dateTime) may be empty for the transaction time.</li>
 *   <li>{@code breakGlass(patientId, reason)} — by a clinician ({@code doctor}, {@code nurse}), without
 *       consent: a {@code BTG} permit for {@link #BREAK_GLASS_DURATION}, an AuditEvent with purpose
 *       {@code BTG} and subtype DICOM 110127, and the event {@code BreakGlass{patientId, actor, until}} that
 *       notifies the patient. Returns {@code {"patientId","actor","until","purpose"}}.</li>
 *   <li>{@code queryConsents(patientId)} — read-only: the patient's Consents (patient, guardian,
 *       hospital, regulator).</li>
 *   <li>{@code queryAudit(patientId, from, to)} — read-only: the AuditEvents about the patient recorded in
 *       {@code [from, to]} (FHIR dateTimes, empty for open), oldest first (patient, guardian, regulator).</li>
 * </ul>
 *
 * <h2>State</h2>
 * {@code consent~<patient>~<id>} → the Consent JSON; {@code consentActor~<actor>~<patient>~<id>} and
 * {@code consentId~<id>} → indexes; {@code breakglass~<patient>~<actor>~<txid>} → {@link BreakGlassGrant};
 * {@code audit~<patient>~<txid>} → AuditEvent.
 *
 * <h2>Denials and errors</h2>
 * An unauthorised {@code putConsent}, {@code revokeConsent} or {@code breakGlass} is a committed
 * transaction that writes its AuditEvent (outcome 4) and returns {@value #DENIED}; bad input (malformed or
 * invalid Consent, unknown consent id, unknown PurposeOfUse code, malformed time) throws a
 * {@link ChaincodeException} naming the problem. The read-only functions record nothing, so they refuse
 * an unauthorised caller by throwing {@value #DENIED}.
 */
@Contract(name = "consent")
@Default
public final class ConsentContract implements ContractInterface {

    /** The chaincode name. */
    public static final String CHAINCODE = "consentcc";
    /** The result of an authorization denial (HEALTHCARE.md §8.9). */
    public static final String DENIED = "Error! Permission denied";
    /** How long a break-glass override lasts. */
    public static final Duration BREAK_GLASS_DURATION = Duration.ofHours(24);

    static final String CONSENT = "consent";
    static final String CONSENT_ACTOR = "consentActor";
    static final String CONSENT_ID = "consentId";
    static final String BREAK_GLASS = "breakglass";

    private static final Logger LOG = LoggerFactory.getLogger(ConsentContract.class);

    /** The result of {@code putConsent} and {@code revokeConsent}. */
    record ConsentChange(String consentId, String patientId, String status, String version) {
    }

    /** The result of {@code breakGlass} and the payload of its event. */
    record BreakGlassResult(String patientId, String actor, String until, String purpose) {
    }

    /** A new contract; it keeps no state between invocations. */
    public ConsentContract() {
    }

    /**
     * The complete definition of {@value #CHAINCODE}: no private collections (consents are not personal
     * health data), the channel's default endorsement policy. {@code memberOrgs} is accepted for the
     * suite's uniform factory signature and only checked.
     */
    public static ChaincodeDefinition definition(List<String> memberOrgs) {
        Objects.requireNonNull(memberOrgs, "memberOrgs");
        if (memberOrgs.isEmpty()) {
            throw new IllegalArgumentException("consentcc needs at least one member organisation");
        }
        return ChaincodeDefinition.builder(CHAINCODE, ConsentContract::new).build();
    }

    // ------------------------------------------------------------------ transactions

    /** Stores a Consent; see the class comment. */
    @Transaction
    public String putConsent(Context ctx, String consentJson) {
        ChaincodeStub stub = ctx.getStub();
        Caller caller = Caller.of(ctx);
        Consent consent = parseConsent(consentJson);
        String patientId = patientOf(consent);
        String id = consent.id() != null ? consent.id() : "consent-" + stub.getTxId().substring(0, 16);
        String purpose = caller.is(Roles.HOSPITAL) ? PurposeOfUse.PATADMIN : PurposeOfUse.PATRQT;
        Reference object = Reference.to(Consent.TYPE, id);
        if (!mayManage(caller, patientId)) {
            return deny(ctx, caller, patientId, AuditAction.UPDATE, purpose, object,
                    caller.username() + " may not manage the consents of " + patientId);
        }
        String owner = stub.getStringState(idKey(id));
        if (!owner.isEmpty() && !owner.equals(patientId)) {
            throw new ChaincodeException("consent " + id + " belongs to another patient");
        }
        Consent previous = owner.isEmpty() ? null : readConsent(stub, patientId, id);
        long version = previous == null || previous.meta() == null || previous.meta().versionId() == null
                ? 1 : Long.parseLong(previous.meta().versionId()) + 1;
        Consent stored = consent.withId(id).withStatus(consent.status(), meta(stub, version, consent.meta()));
        write(stub, patientId, stored, previous);
        new AuditLog(stub, CHAINCODE).record(AuditEntry.of(patientId, caller,
                previous == null ? AuditAction.CREATE : AuditAction.UPDATE, true,
                "consent " + id + " " + (previous == null ? "created" : "replaced") + ", status " + stored.status(),
                purpose, List.of(object)));
        ConsentChange change = new ConsentChange(id, patientId, stored.status(), String.valueOf(version));
        stub.setEvent("ConsentChanged", Json.bytes(change));
        LOG.debug("consent {} of {} stored by {} (version {})", id, patientId, caller.username(), version);
        return Json.write(change);
    }

    /** Revokes a Consent (status {@code inactive}); see the class comment. */
    @Transaction
    public String revokeConsent(Context ctx, String consentId) {
        ChaincodeStub stub = ctx.getStub();
        Caller caller = Caller.of(ctx);
        Args.text("consentId", consentId);
        String patientId = stub.getStringState(idKey(consentId));
        if (patientId.isEmpty()) {
            throw new ChaincodeException("unknown consent: '" + consentId + "'");
        }
        String purpose = caller.is(Roles.HOSPITAL) ? PurposeOfUse.PATADMIN : PurposeOfUse.PATRQT;
        Reference object = Reference.to(Consent.TYPE, consentId);
        if (!mayManage(caller, patientId)) {
            return deny(ctx, caller, patientId, AuditAction.UPDATE, purpose, object,
                    caller.username() + " may not revoke the consents of " + patientId);
        }
        Consent previous = readConsent(stub, patientId, consentId);
        long version = previous.meta() == null || previous.meta().versionId() == null
                ? 2 : Long.parseLong(previous.meta().versionId()) + 1;
        Consent revoked = previous.withStatus("inactive", meta(stub, version, previous.meta()));
        write(stub, patientId, revoked, previous);
        new AuditLog(stub, CHAINCODE).record(AuditEntry.of(patientId, caller, AuditAction.UPDATE, true,
                "consent " + consentId + " revoked", purpose, List.of(object)));
        ConsentChange change = new ConsentChange(consentId, patientId, "inactive", String.valueOf(version));
        stub.setEvent("ConsentChanged", Json.bytes(change));
        return Json.write(change);
    }

    /** Decides a request by the patient's consents and break-glass overrides; see the class comment. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String evaluate(Context ctx, String patientId, String actor, String role, String purpose, String action,
                           String resourceType, String time) {
        ChaincodeStub stub = ctx.getStub();
        Args.text("patientId", patientId);
        Args.text("actor", actor);
        Args.text("action", action);
        if (!PurposeOfUse.isKnown(purpose)) {
            throw new ChaincodeException("argument purpose is not a PurposeOfUse code LedgerSim knows: '" + purpose + "'");
        }
        Instant at = instantArgument("time", time, stub.getTxTimestamp());
        AccessRequest request = new AccessRequest(patientId, actor, role, purpose, action, resourceType, at);
        return Json.write(decide(stub, request));
    }

    /** Opens a break-glass override; see the class comment. */
    @Transaction
    public String breakGlass(Context ctx, String patientId, String reason) {
        ChaincodeStub stub = ctx.getStub();
        Caller caller = Caller.of(ctx);
        Args.username("patientId", patientId);
        Args.text("reason", reason);
        if (!caller.isAnyOf(Roles.CLINICIANS)) {
            AuditLog log = new AuditLog(stub, CHAINCODE);
            log.record(new AuditEntry(patientId, caller, AuditAction.EXECUTE, false,
                    "break-glass refused: role " + caller.roleForRecords() + " is not a clinician", PurposeOfUse.BTG,
                    List.of(), true));
            stub.setEvent("AccessDenied", Json.bytes(Map.of("patientId", patientId, "actor", caller.username(),
                    "reason", "break-glass needs a clinician")));
            return DENIED;
        }
        Instant start = stub.getTxTimestamp();
        Instant until = start.plus(BREAK_GLASS_DURATION);
        BreakGlassGrant grant = new BreakGlassGrant(BreakGlassGrant.DOC_TYPE, patientId, caller.username(), caller.role(),
                caller.mspId(), reason, start.toString(), until.toString(), stub.getTxId());
        stub.putState(stub.createCompositeKey(BREAK_GLASS, patientId, caller.username(), stub.getTxId()).toString(),
                Json.bytes(grant));
        new AuditLog(stub, CHAINCODE).record(new AuditEntry(patientId, caller, AuditAction.EXECUTE, true,
                "break-glass: " + reason + "; emergency access until " + until, PurposeOfUse.BTG,
                List.of(), true));
        BreakGlassResult result = new BreakGlassResult(patientId, caller.username(), until.toString(), PurposeOfUse.BTG);
        stub.setEvent("BreakGlass", Json.bytes(result));
        LOG.debug("break-glass on {} by {} until {}", patientId, caller.username(), until);
        return Json.write(result);
    }

    /** The patient's consents; see the class comment. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String queryConsents(Context ctx, String patientId) {
        ChaincodeStub stub = ctx.getStub();
        Caller caller = Caller.of(ctx);
        Args.text("patientId", patientId);
        if (!(mayManage(caller, patientId) || caller.is(Roles.REGULATOR))) {
            throw new ChaincodeException(DENIED);
        }
        List<String> out = new ArrayList<>();
        for (Consent consent : consentsOf(stub, patientId)) {
            out.add(Fhir.toJson(consent));
        }
        return "[" + String.join(",", out) + "]";
    }

    /** The AuditEvents about a patient; see the class comment. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String queryAudit(Context ctx, String patientId, String from, String to) {
        ChaincodeStub stub = ctx.getStub();
        Caller caller = Caller.of(ctx);
        Args.text("patientId", patientId);
        Instant lower = from == null || from.isEmpty() ? null : boundArgument("from", from, false);
        Instant upper = to == null || to.isEmpty() ? null : boundArgument("to", to, true);
        if (!(caller.actsFor(patientId) || caller.is(Roles.REGULATOR))) {
            throw new ChaincodeException(DENIED);
        }
        List<String> out = new ArrayList<>();
        for (AuditEvent event : new AuditLog(stub, CHAINCODE).query(patientId, lower, upper)) {
            out.add(Fhir.toJson(event));
        }
        return "[" + String.join(",", out) + "]";
    }

    // ------------------------------------------------------------------ decisions

    /** The decision for {@code request} from the committed consents and break-glass overrides. */
    static ConsentDecision decide(ChaincodeStub stub, AccessRequest request) {
        ConsentDecision byConsent = ConsentEvaluator.evaluate(consentsOf(stub, request.patientId()), request);
        if (byConsent.permitted() || PurposeOfUse.isA(request.purpose(), PurposeOfUse.HMARKT)
                || !PurposeOfUse.isA(request.purpose(), PurposeOfUse.ETREAT)) {
            return byConsent;
        }
        try (QueryResultsIterator<KeyValue> it = stub.getStateByPartialCompositeKey(BREAK_GLASS, request.patientId(),
                request.actor())) {
            for (KeyValue kv : it) {
                BreakGlassGrant grant = Json.read(kv.getValue(), BreakGlassGrant.class);
                if (grant.activeAt(request.time())) {
                    return new ConsentDecision(ConsentDecision.PERMIT, null, "breakGlass", request.purpose(),
                            "break-glass by " + grant.actor() + " until " + grant.until());
                }
            }
        }
        return byConsent;
    }

    // ------------------------------------------------------------------ helpers

    private static String deny(Context ctx, Caller caller, String patientId, AuditAction action, String purpose,
                               Reference object, String reason) {
        ChaincodeStub stub = ctx.getStub();
        new AuditLog(stub, CHAINCODE).record(AuditEntry.of(patientId, caller, action, false, reason, purpose, List.of(object)));
        stub.setEvent("AccessDenied", Json.bytes(Map.of("patientId", patientId, "actor", caller.username(), "reason", reason)));
        LOG.debug("consentcc denied {}: {}", caller.username(), reason);
        return DENIED;
    }

    private static boolean mayManage(Caller caller, String patientId) {
        return caller.actsFor(patientId) || caller.is(Roles.HOSPITAL);
    }

    private static Consent parseConsent(String json) {
        Consent consent;
        try {
            consent = Fhir.parse(json, Consent.class);
        } catch (FhirValidationException e) {
            throw new ChaincodeException(e.getMessage(), e);
        }
        List<String> unsupported = ConsentEvaluator.unsupportedElements(consent.provision(), "Consent.provision");
        if (!unsupported.isEmpty()) {
            throw new ChaincodeException("invalid FHIR Consent: LedgerSim cannot evaluate " + String.join(", ", unsupported)
                    + " (restrict provisions by actor, action, purpose, class and period)");
        }
        return consent;
    }

    private static String patientOf(Consent consent) {
        Reference patient = consent.patient();
        if (patient == null || patient.targetType().isEmpty() || !"Patient".equals(patient.targetType().get())) {
            throw new ChaincodeException("invalid FHIR Consent: Consent.patient: required, as a reference Patient/<username>");
        }
        String id = patient.targetId().orElseThrow();
        Args.username("Consent.patient", id);
        return id;
    }

    private static Meta meta(ChaincodeStub stub, long version, Meta given) {
        return new Meta(String.valueOf(version), stub.getTxTimestamp().toString(),
                given == null ? List.of() : given.security(), given == null ? List.of() : given.tag());
    }

    private static void write(ChaincodeStub stub, String patientId, Consent stored, Consent previous) {
        stub.putState(consentKey(patientId, stored.id()), Fhir.toBytes(stored));
        stub.putState(idKey(stored.id()), patientId.getBytes(StandardCharsets.UTF_8));
        SortedSet<String> actors = actorsOf(stored.provision());
        if (previous != null) {
            for (String old : actorsOf(previous.provision())) {
                if (!actors.contains(old)) {
                    stub.delState(stub.createCompositeKey(CONSENT_ACTOR, old, patientId, stored.id()).toString());
                }
            }
        }
        for (String actor : actors) {
            stub.putState(stub.createCompositeKey(CONSENT_ACTOR, actor, patientId, stored.id()).toString(),
                    stored.status().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The actor references of a provision tree, as their reference text or identifier value, sorted. */
    private static SortedSet<String> actorsOf(Consent.Provision provision) {
        SortedSet<String> out = new TreeSet<>();
        if (provision == null) {
            return out;
        }
        for (Consent.Actor actor : provision.actor()) {
            if (actor != null && actor.reference() != null) {
                Reference r = actor.reference();
                if (r.reference() != null) {
                    out.add(r.reference());
                } else if (r.identifier() != null && r.identifier().value() != null) {
                    out.add(r.identifier().value());
                }
            }
        }
        for (Consent.Provision nested : provision.provision()) {
            out.addAll(actorsOf(nested));
        }
        return out;
    }

    private static Consent readConsent(ChaincodeStub stub, String patientId, String id) {
        byte[] value = stub.getState(consentKey(patientId, id));
        if (value == null || value.length == 0) {
            throw new ChaincodeException("unknown consent: '" + id + "'");
        }
        return Fhir.parse(value, Consent.class);
    }

    /** The patient's stored consents in id order (a phantom-checked range). */
    static List<Consent> consentsOf(ChaincodeStub stub, String patientId) {
        TreeMap<String, Consent> out = new TreeMap<>();
        try (QueryResultsIterator<KeyValue> it = stub.getStateByPartialCompositeKey(CONSENT, patientId)) {
            for (KeyValue kv : it) {
                Consent consent = Fhir.parse(kv.getValue(), Consent.class);
                out.put(consent.id(), consent);
            }
        }
        return new ArrayList<>(out.values());
    }

    private static String consentKey(String patientId, String id) {
        return new CompositeKey(CONSENT, patientId, id).toString();
    }

    private static String idKey(String id) {
        return new CompositeKey(CONSENT_ID, id).toString();
    }

    private static Instant instantArgument(String name, String value, Instant otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        return boundArgument(name, value, false);
    }

    private static Instant boundArgument(String name, String value, boolean upper) {
        if (!FhirDates.isDateTime(value)) {
            throw new ChaincodeException("argument " + name + " is not a FHIR dateTime (a date, or YYYY-MM-DDThh:mm:ssZ): '"
                    + value + "'");
        }
        return upper ? FhirDates.upperBoundExclusive(value).minusNanos(1) : FhirDates.lowerBound(value);
    }
}
