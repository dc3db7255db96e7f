package dev.ledgersim.healthcare.emr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgersim.contract.Chaincode;
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
import dev.ledgersim.endorsement.CollectionConfig;
import dev.ledgersim.healthcare.audit.AuditAction;
import dev.ledgersim.healthcare.audit.AuditEntry;
import dev.ledgersim.healthcare.audit.AuditLog;
import dev.ledgersim.healthcare.fhir.AuditEvent;
import dev.ledgersim.healthcare.fhir.CodeableConcept;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.fhir.FhirDates;
import dev.ledgersim.healthcare.fhir.FhirValidationException;
import dev.ledgersim.healthcare.fhir.Identifier;
import dev.ledgersim.healthcare.fhir.Patient;
import dev.ledgersim.healthcare.fhir.Provenance;
import dev.ledgersim.healthcare.fhir.Reference;
import dev.ledgersim.healthcare.purpose.PurposeOfUse;
import dev.ledgersim.healthcare.retention.RetentionPolicy;
import dev.ledgersim.healthcare.util.Args;
import dev.ledgersim.healthcare.util.Caller;
import dev.ledgersim.healthcare.util.Hashing;
import dev.ledgersim.healthcare.util.Json;
import dev.ledgersim.healthcare.util.Roles;
import dev.ledgersim.healthcare.util.Xid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed A's medical-record contract (Wang &amp; Qin 2021; HEALTHCARE.md §8.1), chaincode {@value #CHAINCODE}:
 * the function names and messages of the paper's Table 3, plus registration, revocation, usage-record
 * queries, the audit trail and retention-bound purges.
 *
 * <h2>Identities and access (§6.5, §8.9)</h2>
 * The caller's role and username come from the certificate (attributes {@code role} and
 * {@code hf.EnrollmentID}); a {@code role}, {@code username} or {@code doctor} argument kept for fidelity
 * with the paper must equal them, or the call is denied. Access is hierarchical by role and purpose:
 * <ul>
 *   <li>patient ({@code PATRQT}) — their own record and usage records; a guardian (certificate attribute
 *       {@code guardianOf}) acts for the patient;</li>
 *   <li>doctor or nurse ({@code TREAT}) — the identified record of a patient who authorised them with
 *       {@code authorizeDoctor}, or who granted them a {@code TREAT} consent in {@code consentcc}; under an
 *       active break-glass in {@code consentcc} the access is made for {@code BTG}. Only doctors enter
 *       data;</li>
 *   <li>researcher ({@code HRESCH}) and regulator ({@code HOPERAT}) — {@code queryCases} only, which
 *       returns cases without anything identifying the patient; the regulator also reads any patient's
 *       usage records and audit trail;</li>
 *   <li>hospital — registers patients ({@code PATADMIN}) and purges cases after retention
 *       ({@code RECORDMGT}).</li>
 * </ul>
 *
 * <h2>Every call is recorded</h2>
 * Every call writes a FHIR AuditEvent {@code audit~<patient>~<txid>} for each patient it concerns (§8.7),
 * granted or denied. Every call that uses medical data or the records about it — {@code queryInformation},
 * {@code enterData}, {@code queryCases}, {@code queryUsageRecords}, {@code listUsageRecordIds},
 * {@code queryAudit}, {@code purgeCase} — also writes seed A's usage record {@code recordNNNNN} (counter
 * {@code counter~record}, from 10001), denials included. Account and consent management
 * ({@code registerPatient}, {@code authorizeDoctor}, {@code revokeDoctor}) writes the AuditEvent only, as
 * the paper's Table 3 writes no usage record for them; this keeps the record numbering of §8.1's acceptance
 * scenario (the first denied {@code enterData} after a registration is {@code record10001}).
 *
 * <p>A denial is a committed transaction that records outcome {@code denied} and returns {@value #DENIED};
 * bad input (wrong argument count, unknown patient or case, malformed date, invalid FHIR) throws a
 * {@link ChaincodeException} naming the problem. Reads the paper logs on chain ({@code queryInformation},
 * {@code queryCases}, ...) must therefore be <em>submitted</em>; evaluated, they return the same answer but
 * their record is dropped.
 *
 * <h2>Functions and results</h2>
 * <ul>
 *   <li>{@code registerPatient(username, name, address, phone, birthDate)} → the patient's xid. Name,
 *       address and phone go to the private collection {@value #PII_COLLECTION}, only their hash to the
 *       public state. Because arguments are recorded in the block, a client that keeps them off the chain
 *       passes empty strings and a FHIR Patient in the transient map under {@value #TRANSIENT_PATIENT}
 *       (and optionally random bytes under {@value #TRANSIENT_SALT}).</li>
 *   <li>{@code queryInformation(role, username, patientID, time)} →
 *       {@code {"username","name","address","phone","birthDate","authorizedDoctors":[...],"cases":[{"caseId",
 *       "testResults","diagnosis","treatment","time","doctor"}]}}. The paper's patient form
 *       {@code (patient, patientID, time)} is sent as {@code ("patient", <own username>, "" or <own id>, time)}:
 *       LedgerSim binds arguments by count and allows no overloading.</li>
 *   <li>{@code authorizeDoctor(patientID, doctorID)} / {@code revokeDoctor(patientID, doctorID)} → {@value #AUTHORIZED}
 *       / {@value #REVOKED}; by the patient.</li>
 *   <li>{@code enterData(doctor, patient, testResults, diagnosis, treatment, currentTime)} → {@value #SUBMITTED}.</li>
 *   <li>{@code queryCases(role, username, keywords, currentTime)} → {@code [{"caseId","testResults","diagnosis",
 *       "treatment","time"}]}: cases whose diagnosis contains any keyword (case-insensitive; keywords
 *       separated by spaces or commas), oldest first.</li>
 *   <li>{@code queryUsageRecords(patientID)} → {@code [{"recordId","operation","role","username","mspId","target",
 *       "time","purpose","outcome"}]} in ledger order (records committed before this call).</li>
 *   <li>{@code listUsageRecordIds()} → {@code ["record10001", ...]} (any identified caller).</li>
 *   <li>{@code queryAudit(patientID, from, to)} → the patient's AuditEvents recorded in {@code [from, to]}
 *       (FHIR dateTimes, empty for open), oldest first.</li>
 *   <li>{@code purgeCase(caseId)} → {@value #PURGED}; by a hospital, and only from the patient's
 *       {@link RetentionPolicy} date on; before it the call is denied and recorded with the date. A purge
 *       deletes the case from the state and leaves a FHIR Provenance (entity role {@code removal}) under
 *       {@code provenance~<caseId>}.</li>
 * </ul>
 * The {@code time}/{@code currentTime} arguments of the paper are accepted and ignored: the transaction
 * timestamp is the time of record, the same on every endorser.
 *
 * <h2>Events</h2>
 * One per transaction: {@code UsageRecorded} or {@code AccessDenied} with
 * {@code {"recordId","patientId","operation","outcome",...}}; {@code PatientRegistered},
 * {@code DoctorAuthorized}, {@code DoctorRevoked} (or {@code AccessDenied}) with
 * {@code {"patientId","outcome",...}}.
 */
@Contract(name = "emr")
@Default
public final class EmrContract implements ContractInterface {

    /** The chaincode name. */
    public static final String CHAINCODE = "emrcc";
    /** The private data collection of personal data. */
    public static final String PII_COLLECTION = "emrPII";
    /** The result of every authorization denial (seed A's message). */
    public static final String DENIED = "Error! Permission denied";
    /** The result of {@code enterData} (seed A's message). */
    public static final String SUBMITTED = "Submission complete";
    /** The result of {@code authorizeDoctor}. */
    public static final String AUTHORIZED = "Authorization complete";
    /** The result of {@code revokeDoctor}. */
    public static final String REVOKED = "Revocation complete";
    /** The result of {@code purgeCase}. */
    public static final String PURGED = "Purge complete";
    /** The transient key of a FHIR Patient carrying name, address and phone. */
    public static final String TRANSIENT_PATIENT = "patient";
    /** The transient key of optional random bytes salted into the private personal data. */
    public static final String TRANSIENT_SALT = "salt";
    /** The consent chaincode asked for TREAT consents and break-glass overrides. */
    public static final String CONSENT_CHAINCODE = "consentcc";
    /** The first case and record numbers are this plus one. */
    public static final long COUNTER_START = 10000;

    static final String CASE_COUNTER = "counter~case";
    static final String RECORD_COUNTER = "counter~record";
    static final String USAGE_INDEX = "usage";
    static final String XID_INDEX = "xid";
    static final String PROVENANCE = "provenance";

    static final String OP_ADD = "add";
    static final String OP_READ = "read";
    static final String OP_APPEND = "append";
    static final String OP_DELETE = "delete";

    private static final Pattern RESERVED_USERNAME = Pattern.compile("(case|record)[0-9]*|counter.*");
    private static final Pattern KEYWORD_SEPARATORS = Pattern.compile("[,\\s]+");
    private static final Logger LOG = LoggerFactory.getLogger(EmrContract.class);

    /** A new contract; it keeps no state between invocations. */
    public EmrContract() {
    }

    /**
     * The complete definition of {@value #CHAINCODE}: the private collection {@value #PII_COLLECTION}
     * shared by {@code memberOrgs} (the hospital organisations; members only may read and write it, kept
     * forever, pushed to no other peer at endorsement) and an endorsement policy of a majority of those
     * organisations' peers — not the channel default, because a peer outside the collection cannot read
     * the personal data and would compute a different result.
     *
     * @throws IllegalArgumentException if {@code memberOrgs} is empty
     */
    public static ChaincodeDefinition definition(List<String> memberOrgs) {
        Objects.requireNonNull(memberOrgs, "memberOrgs");
        if (memberOrgs.isEmpty()) {
            throw new IllegalArgumentException("emrcc needs at least one member organisation");
        }
        List<String> members = new ArrayList<>(new TreeSet<>(memberOrgs));
        StringBuilder membersPolicy = new StringBuilder("OR(");
        StringBuilder peers = new StringBuilder();
        for (int i = 0; i < members.size(); i++) {
            membersPolicy.append(i == 0 ? "" : ",").append('\'').append(members.get(i)).append(".member'");
            peers.append(i == 0 ? "" : ",").append('\'').append(members.get(i)).append(".peer'");
        }
        membersPolicy.append(')');
        int majority = members.size() / 2 + 1;
        return ChaincodeDefinition.builder(CHAINCODE, EmrContract::new)
                .endorsementPolicy("OutOf(" + majority + "," + peers + ")")
                .collection(CollectionConfig.builder(PII_COLLECTION)
                        .memberOrgsPolicy(membersPolicy.toString())
                        .requiredPeerCount(0)
                        .maxPeerCount(Math.max(1, members.size() * 2))
                        .blockToLive(0)
                        .memberOnlyRead(true)
                        .memberOnlyWrite(true)
                        .build())
                .build();
    }

    // ================================================================== transactions

    /** Registers a patient; see the class comment. */
    @Transaction
    public String registerPatient(Context ctx, String username, String name, String address, String phone,
                                  String birthDate) {
        Call call = new Call(ctx);
        Args.username("username", username);
        if (RESERVED_USERNAME.matcher(username).matches()) {
            throw new ChaincodeException("argument username '" + username + "' is reserved (case*, record*, counter*)");
        }
        LocalDate birth = Args.date("birthDate", birthDate);
        if (birth.isAfter(RetentionPolicy.day(call.time))) {
            throw new ChaincodeException("argument birthDate " + birthDate + " is in the future");
        }
        PersonalData pii = personalData(call, username, name, address, phone, birthDate);
        boolean self = call.caller.is(Roles.PATIENT) && call.caller.username().equals(username);
        String purpose = call.caller.is(Roles.HOSPITAL) ? PurposeOfUse.PATADMIN : PurposeOfUse.PATRQT;
        if (!self && !call.caller.is(Roles.HOSPITAL)) {
            return call.denyManagement(AuditAction.CREATE, username, purpose, denyReason(call.caller,
                    "only the patient themself or a hospital may register " + username), Reference.to("Patient", username));
        }
        if (!call.stub.getStringState(username).isEmpty()) {
            throw new ChaincodeException("patient " + username + " is already registered");
        }
        byte[] piiBytes = Json.bytes(pii);
        call.stub.putPrivateData(PII_COLLECTION, username, piiBytes);
        String xid = Xid.of(call.time, call.stub.getTxId());
        PatientRecord patient = new PatientRecord(PatientRecord.DOC_TYPE, xid, username, birth.toString(),
                Hashing.sha256Hex(piiBytes), List.of(), List.of(), call.caller.username(), call.time.toString());
        putPatient(call.stub, patient);
        call.stub.putState(xidKey(xid), username.getBytes(StandardCharsets.UTF_8));
        call.audit.record(AuditEntry.of(username, call.caller, AuditAction.CREATE, true,
                "patient registered with id " + xid, purpose, List.of(Reference.to("Patient", username))));
        call.managementEvent("PatientRegistered", username, Map.of("id", xid));
        return xid;
    }

    /** Returns a patient's personal and medical information (Table 3); see the class comment. */
    @Transaction
    public String queryInformation(Context ctx, String role, String username, String patientId, String time) {
        Call call = new Call(ctx);
        Args.text("role", role);
        Args.text("username", username);
        Args.optionalText("patientID", patientId);
        Args.optionalText("time", time);
        String purpose = purposeOf(role);
        String mismatch = identityMismatch(call.caller, role, username);
        if (mismatch != null) {
            String target = patientId.isEmpty() ? username : patientId;
            return call.deny(OP_READ, target, purpose, mismatch, subjectIfKnown(call.stub, target));
        }
        PatientRecord patient;
        Access access;
        if (Roles.PATIENT.equals(role)) {
            patient = resolvePatient(call.stub, patientId.isEmpty() ? username : patientId);
            access = call.caller.actsFor(patient.username())
                    ? Access.granted(PurposeOfUse.PATRQT, "the patient's own record")
                    : Access.denied(PurposeOfUse.PATRQT, username + " is not " + patient.username());
        } else if (Roles.CLINICIANS.contains(role)) {
            patient = resolvePatient(call.stub, Args.text("patientID", patientId));
            access = clinicianAccess(call, patient, "access");
        } else {
            return call.deny(OP_READ, patientId, purpose, "role " + role + " may not read identified patient"
                    + " information (researchers and regulators use queryCases)", subjectIfKnown(call.stub, patientId));
        }
        if (!access.granted()) {
            return call.deny(OP_READ, patient.username(), access.purpose(), access.reason(), patients(patient.username()));
        }
        PersonalData pii = readPersonalData(call.stub, patient);
        List<Views.Case> cases = new ArrayList<>();
        List<Reference> objects = new ArrayList<>();
        for (String caseId : patient.caseIds()) {
            CaseRecord c = readCase(call.stub, caseId);
            cases.add(new Views.Case(c.caseId(), c.testResults(), c.diagnosis(), c.treatment(), c.time(), c.doctor()));
            objects.add(Reference.to("Encounter", caseId));
        }
        Views.Information info = new Views.Information(patient.username(), pii.name(), pii.address(), pii.phone(),
                patient.birthDate(), patient.authorizedDoctors(), cases);
        UsageRecord record = call.record(OP_READ, patient.username(), access.purpose(), true, access.reason(),
                patients(patient.username(), objects.toArray(new Reference[0])));
        call.event("UsageRecorded", record, patient.username(), Map.of());
        return Json.write(info);
    }

    /** The patient authorises a doctor (Table 3); see the class comment. */
    @Transaction
    public String authorizeDoctor(Context ctx, String patientId, String doctorId) {
        return changeAuthorization(ctx, patientId, doctorId, true);
    }

    /** The patient revokes a doctor's authorisation (seed E); see the class comment. */
    @Transaction
    public String revokeDoctor(Context ctx, String patientId, String doctorId) {
        return changeAuthorization(ctx, patientId, doctorId, false);
    }

    /** An authorised doctor enters a case (Table 3); see the class comment. */
    @Transaction
    public String enterData(Context ctx, String doctor, String patientId, String testResults, String diagnosis,
                            String treatment, String currentTime) {
        Call call = new Call(ctx);
        Args.text("doctor", doctor);
        Args.text("patient", patientId);
        Args.text("testResults", testResults);
        Args.text("diagnosis", diagnosis);
        Args.text("treatment", treatment);
        Args.optionalText("currentTime", currentTime);
        String mismatch = !call.caller.hasRoleAttribute() ? "the caller's certificate has no 'role' attribute"
                : !call.caller.is(Roles.DOCTOR) ? "only doctors enter data; the certificate's role is '" + call.caller.role() + "'"
                : !call.caller.username().equals(doctor) ? "the doctor argument '" + doctor
                        + "' does not match the certificate's username '" + call.caller.username() + "'"
                : null;
        if (mismatch != null) {
            return call.deny(OP_APPEND, patientId, PurposeOfUse.TREAT, mismatch, subjectIfKnown(call.stub, patientId));
        }
        PatientRecord patient = resolvePatient(call.stub, patientId);
        Access access = clinicianAccess(call, patient, "collect");
        if (!access.granted()) {
            return call.deny(OP_APPEND, patient.username(), access.purpose(), access.reason(), patients(patient.username()));
        }
        long number = nextNumber(call.stub, CASE_COUNTER);
        String caseId = "case" + number;
        LocalDate retention = RetentionPolicy.retentionUntil(LocalDate.parse(patient.birthDate()), call.time);
        CaseRecord record = new CaseRecord(CaseRecord.DOC_TYPE, caseId, patient.username(), call.caller.username(),
                testResults, diagnosis, treatment, call.time.toString(), "N", retention.toString());
        call.stub.putState(caseId, Json.bytes(record));
        call.stub.putState(CASE_COUNTER, Long.toString(number).getBytes(StandardCharsets.UTF_8));
        putPatient(call.stub, patient.withCase(caseId));
        UsageRecord usage = call.record(OP_APPEND, patient.username(), access.purpose(), true,
                access.reason() + "; " + caseId + " entered",
                patients(patient.username(), Reference.to("Encounter", caseId)));
        call.event("UsageRecorded", usage, patient.username(), Map.of("caseId", caseId));
        return SUBMITTED;
    }

    /** A researcher or regulator searches de-identified cases by diagnosis keyword (Table 3); see the class comment. */
    @Transaction
    public String queryCases(Context ctx, String role, String username, String keywords, String currentTime) {
        Call call = new Call(ctx);
        Args.text("role", role);
        Args.text("username", username);
        Args.text("keywords", keywords);
        Args.optionalText("currentTime", currentTime);
        List<String> terms = new ArrayList<>();
        for (String term : KEYWORD_SEPARATORS.split(keywords.trim())) {
            if (!term.isEmpty() && !terms.contains(term)) {
                terms.add(term);
            }
        }
        String target = "keywords:" + String.join(",", terms);
        String purpose = purposeOf(role);
        String mismatch = identityMismatch(call.caller, role, username);
        if (mismatch != null) {
            return call.deny(OP_READ, target, purpose, mismatch, patients());
        }
        if (!Roles.RESEARCHER.equals(role) && !Roles.REGULATOR.equals(role)) {
            return call.deny(OP_READ, target, purpose, "only researchers and regulators query cases", patients());
        }
        List<CaseRecord> found = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> it = call.stub.getQueryResult(caseQuery(terms))) {
            for (KeyValue kv : it) {
                found.add(Json.read(kv.getValue(), CaseRecord.class));
            }
        }
        found.sort(Comparator.comparingLong(c -> number(c.caseId())));
        List<Views.DeidentifiedCase> out = new ArrayList<>();
        SortedMap<String, List<Reference>> subjects = new TreeMap<>();
        for (CaseRecord c : found) {
            out.add(new Views.DeidentifiedCase(c.caseId(), c.testResults(), c.diagnosis(), c.treatment(), c.time()));
            subjects.computeIfAbsent(c.patient(), p -> new ArrayList<>()).add(Reference.to("Encounter", c.caseId()));
        }
        UsageRecord record = call.record(OP_READ, target, purpose, true,
                found.size() + " de-identified case(s) returned", subjects);
        call.event("UsageRecorded", record, "", Map.of("cases", Integer.toString(found.size())));
        return Json.write(out);
    }

    /** The usage records about a patient; see the class comment. */
    @Transaction
    public String queryUsageRecords(Context ctx, String patientId) {
        Call call = new Call(ctx);
        Args.text("patientID", patientId);
        PatientRecord patient = resolvePatient(call.stub, patientId);
        Access access = recordReader(call.caller, patient);
        if (!access.granted()) {
            return call.deny(OP_READ, patient.username(), access.purpose(), access.reason(), patients(patient.username()));
        }
        List<UsageRecord> records = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> it = call.stub.getStateByPartialCompositeKey(USAGE_INDEX, patient.username())) {
            for (KeyValue kv : it) {
                String recordId = call.stub.splitCompositeKey(kv.getKey()).getAttributes().get(1);
                records.add(readUsage(call.stub, recordId));
            }
        }
        records.sort(Comparator.comparingLong(r -> number(r.recordId())));
        List<Views.Usage> out = new ArrayList<>();
        records.forEach(r -> out.add(r.view()));
        UsageRecord record = call.record(OP_READ, patient.username(), access.purpose(), true,
                out.size() + " usage record(s) returned", patients(patient.username()));
        call.event("UsageRecorded", record, patient.username(), Map.of());
        return Json.write(out);
    }

    /** The ids of all usage records (seed A's usage-record view); see the class comment. */
    @Transaction
    public String listUsageRecordIds(Context ctx) {
        Call call = new Call(ctx);
        String purpose = purposeOf(call.caller.role());
        if (!Roles.ALL.contains(call.caller.role())) {
            return call.deny(OP_READ, "usageRecords", purpose, denyReason(call.caller, "an unrecognised role"), patients());
        }
        long last = currentNumber(call.stub, RECORD_COUNTER);
        List<String> ids = new ArrayList<>();
        for (long n = COUNTER_START + 1; n <= last; n++) {
            ids.add("record" + n);
        }
        UsageRecord record = call.record(OP_READ, "usageRecords", purpose, true, ids.size() + " record id(s) returned",
                patients());
        call.event("UsageRecorded", record, "", Map.of());
        return Json.write(ids);
    }

    /** The AuditEvents about a patient (§8.7); see the class comment. */
    @Transaction
    public String queryAudit(Context ctx, String patientId, String from, String to) {
        Call call = new Call(ctx);
        Args.text("patientID", patientId);
        Instant lower = timeBound("from", from, false);
        Instant upper = timeBound("to", to, true);
        PatientRecord patient = resolvePatient(call.stub, patientId);
        Access access = recordReader(call.caller, patient);
        if (!access.granted()) {
            return call.deny(OP_READ, patient.username(), access.purpose(), access.reason(), patients(patient.username()));
        }
        List<String> events = new ArrayList<>();
        for (AuditEvent event : call.audit.query(patient.username(), lower, upper)) {
            events.add(Fhir.toJson(event));
        }
        UsageRecord record = call.record(OP_READ, patient.username(), access.purpose(), true,
                events.size() + " audit event(s) returned", patients(patient.username()));
        call.event("UsageRecorded", record, patient.username(), Map.of());
        return "[" + String.join(",", events) + "]";
    }

    /** A hospital purges a case once its retention period is over (§8.8); see the class comment. */
    @Transaction
    public String purgeCase(Context ctx, String caseId) {
        Call call = new Call(ctx);
        Args.text("caseId", caseId);
        CaseRecord target = readCase(call.stub, caseId);
        PatientRecord patient = readPatient(call.stub, target.patient())
                .orElseThrow(() -> new ChaincodeException("case " + caseId + " names an unknown patient " + target.patient()));
        Reference encounter = Reference.to("Encounter", caseId);
        if (!call.caller.is(Roles.HOSPITAL)) {
            return call.deny(OP_DELETE, caseId, PurposeOfUse.RECORDMGT,
                    denyReason(call.caller, "only a hospital may purge records"), patients(patient.username(), encounter));
        }
        Instant lastEntry = Instant.parse(target.time());
        for (String other : patient.caseIds()) {
            Instant t = Instant.parse(readCase(call.stub, other).time());
            if (t.isAfter(lastEntry)) {
                lastEntry = t;
            }
        }
        LocalDate birth = LocalDate.parse(patient.birthDate());
        LocalDate until = RetentionPolicy.retentionUntil(birth, lastEntry);
        if (!RetentionPolicy.isPurgeable(birth, lastEntry, call.time)) {
            return call.deny(OP_DELETE, caseId, PurposeOfUse.RECORDMGT, "retention period of " + patient.username()
                    + "'s records runs until " + until + " (last entry " + RetentionPolicy.day(lastEntry)
                    + (RetentionPolicy.isMinorOn(birth, RetentionPolicy.day(lastEntry)) ? ", a minor" : "") + ")",
                    patients(patient.username(), encounter));
        }
        byte[] purged = call.stub.getState(caseId);
        call.stub.delState(caseId);
        putPatient(call.stub, patient.withoutCase(caseId));
        Provenance provenance = new Provenance(Provenance.TYPE, null, null, List.of(encounter), null,
                call.time.toString(), call.time.toString(), List.of(),
                CodeableConcept.of("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "DELETE", "delete"),
                List.of(AuditLog.purposeConcept(PurposeOfUse.RECORDMGT)),
                List.of(new Provenance.Agent(
                        CodeableConcept.of("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "custodian", "Custodian"),
                        List.of(), Reference.identified(Fhir.USERNAME_SYSTEM, call.caller.username(), null),
                        Reference.identified(Fhir.MSP_SYSTEM, call.caller.mspId(), null))),
                List.of(new Provenance.Entity("removal", new Reference(null, "Encounter",
                        Identifier.of("urn:sim:sha256", Hashing.sha256Hex(purged)),
                        caseId + " (retention until " + until + ")"))));
        call.stub.putState(provenanceKey(caseId), Fhir.toBytes(Fhir.validate(provenance)));
        UsageRecord record = call.record(OP_DELETE, caseId, PurposeOfUse.RECORDMGT, true,
                "purged; retention ended " + until, patients(patient.username(), encounter));
        call.event("UsageRecorded", record, patient.username(), Map.of("caseId", caseId));
        return PURGED;
    }

    // ================================================================== decisions

    /** An access decision: granted or not, for which purpose, and why. */
    private record Access(boolean granted, String purpose, String reason) {
        static Access granted(String purpose, String reason) {
            return new Access(true, purpose, reason);
        }

        static Access denied(String purpose, String reason) {
            return new Access(false, purpose, reason);
        }
    }

    private String changeAuthorization(Context ctx, String patientId, String doctorId, boolean authorize) {
        Call call = new Call(ctx);
        Args.text("patientID", patientId);
        Args.username("doctorID", doctorId);
        PatientRecord patient = resolvePatient(call.stub, patientId);
        if (!call.caller.actsFor(patient.username())) {
            return call.denyManagement(AuditAction.UPDATE, patient.username(), PurposeOfUse.PATRQT, denyReason(call.caller,
                    "only " + patient.username() + " may " + (authorize ? "authorize" : "revoke") + " doctors"),
                    Reference.identified(Fhir.USERNAME_SYSTEM, doctorId, "doctor " + doctorId));
        }
        boolean present = patient.authorizedDoctors().contains(doctorId);
        if (!authorize && !present) {
            throw new ChaincodeException("doctor " + doctorId + " is not authorized by " + patient.username());
        }
        putPatient(call.stub, authorize ? patient.withDoctor(doctorId) : patient.withoutDoctor(doctorId));
        call.audit.record(AuditEntry.of(patient.username(), call.caller, AuditAction.UPDATE, true,
                (authorize ? (present ? "already authorized: " : "authorized: ") : "revoked: ") + doctorId,
                PurposeOfUse.PATRQT, List.of(Reference.identified(Fhir.USERNAME_SYSTEM, doctorId, "doctor " + doctorId))));
        call.managementEvent(authorize ? "DoctorAuthorized" : "DoctorRevoked", patient.username(), Map.of("doctorId", doctorId));
        return authorize ? AUTHORIZED : REVOKED;
    }

    /**
     * A clinician's access to {@code patient}: by the patient's authorisation ({@code TREAT}), else by a
     * {@code TREAT} consent in {@code consentcc}, else by an active break-glass ({@code BTG}).
     */
    private static Access clinicianAccess(Call call, PatientRecord patient, String action) {
        String who = call.caller.username();
        if (patient.authorizedDoctors().contains(who)) {
            return Access.granted(PurposeOfUse.TREAT, who + " is authorized by " + patient.username());
        }
        Optional<String> consent = askConsent(call, patient.username(), PurposeOfUse.TREAT, action);
        if (consent.isPresent()) {
            return Access.granted(PurposeOfUse.TREAT, consent.get());
        }
        Optional<String> breakGlass = askConsent(call, patient.username(), PurposeOfUse.BTG, action);
        if (breakGlass.isPresent()) {
            return Access.granted(PurposeOfUse.BTG, breakGlass.get());
        }
        return Access.denied(PurposeOfUse.TREAT, who + " is not authorized by " + patient.username());
    }

    /**
     * Asks {@code consentcc}'s {@code evaluate} (a chaincode-to-chaincode query in this transaction) whether
     * the caller may act on the patient's data for {@code purpose}; the reason when permitted. When the
     * consent chaincode is absent or fails, nothing is permitted.
     */
    private static Optional<String> askConsent(Call call, String patient, String purpose, String action) {
        Chaincode.Response response = call.stub.invokeChaincodeWithStringArgs(CONSENT_CHAINCODE,
                List.of("evaluate", patient, call.caller.username(), call.caller.role(), purpose, action, Patient.TYPE, ""),
                null);
        if (!response.isSuccessful() || response.getPayload() == null) {
            LOG.debug("no consent decision from {}: {}", CONSENT_CHAINCODE, response.getMessage());
            return Optional.empty();
        }
        try {
            JsonNode decision = Json.mapper().readTree(response.getPayload());
            if ("permit".equals(decision.path("decision").asText())) {
                return Optional.of(purpose + " permitted by " + CONSENT_CHAINCODE + ": " + decision.path("reason").asText());
            }
        } catch (IOException e) {
            LOG.warn("unreadable decision from {}: {}", CONSENT_CHAINCODE, e.getMessage());
        }
        return Optional.empty();
    }

    /** Who may read a patient's usage records and audit trail: the patient (or guardian) and regulators. */
    private static Access recordReader(Caller caller, PatientRecord patient) {
        if (caller.actsFor(patient.username())) {
            return Access.granted(PurposeOfUse.PATRQT, "the patient's own records");
        }
        if (caller.is(Roles.REGULATOR)) {
            return Access.granted(PurposeOfUse.HOPERAT, "supervision");
        }
        return Access.denied(purposeOf(caller.role()), denyReason(caller, "only the patient and regulators read "
                + patient.username() + "'s usage records"));
    }

    /** Why the certificate does not match {@code role}/{@code username} arguments, or null when it does. */
    private static String identityMismatch(Caller caller, String role, String username) {
        if (!caller.hasRoleAttribute()) {
            return "the caller's certificate has no 'role' attribute";
        }
        if (!caller.role().equals(role)) {
            return "the role argument '" + role + "' does not match the certificate's role '" + caller.role() + "'";
        }
        if (!caller.username().equals(username)) {
            return "the username argument '" + username + "' does not match the certificate's '" + caller.username() + "'";
        }
        return null;
    }

    private static String denyReason(Caller caller, String reason) {
        return caller.hasRoleAttribute() ? reason : "the caller's certificate has no 'role' attribute";
    }

    /** The purpose a role acts under (§6.5). */
    static String purposeOf(String role) {
        return switch (role == null ? "" : role) {
            case Roles.PATIENT -> PurposeOfUse.PATRQT;
            case Roles.DOCTOR, Roles.NURSE, Roles.LABTECH -> PurposeOfUse.TREAT;
            case Roles.RESEARCHER -> PurposeOfUse.HRESCH;
            case Roles.REGULATOR, Roles.CLOUD -> PurposeOfUse.HOPERAT;
            case Roles.HOSPITAL -> PurposeOfUse.PATADMIN;
            default -> PurposeOfUse.ROOT;
        };
    }

    // ================================================================== state

    private static PersonalData personalData(Call call, String username, String name, String address, String phone,
                                             String birthDate) {
        Map<String, byte[]> transientMap = call.stub.getTransient();
        byte[] saltBytes = transientMap.get(TRANSIENT_SALT);
        String salt = saltBytes == null || saltBytes.length == 0 ? null : HexFormat.of().formatHex(saltBytes);
        byte[] fhir = transientMap.get(TRANSIENT_PATIENT);
        if (fhir == null) {
            return new PersonalData(Args.text("name", name), Args.text("address", address), Args.text("phone", phone), salt);
        }
        if (!Args.optionalText("name", name).isEmpty() || !Args.optionalText("address", address).isEmpty()
                || !Args.optionalText("phone", phone).isEmpty()) {
            throw new ChaincodeException("personal data given both as arguments and as a transient FHIR Patient:"
                    + " pass empty name, address and phone");
        }
        Patient patient;
        try {
            patient = Fhir.parse(fhir, Patient.class);
        } catch (FhirValidationException e) {
            throw new ChaincodeException("transient " + TRANSIENT_PATIENT + ": " + e.getMessage(), e);
        }
        Optional<String> id = patient.identifierValue(Fhir.USERNAME_SYSTEM);
        if (id.isPresent() && !id.get().equals(username)) {
            throw new ChaincodeException("transient " + TRANSIENT_PATIENT + ": identifier " + Fhir.USERNAME_SYSTEM
                    + " is '" + id.get() + "', not the username '" + username + "'");
        }
        if (patient.birthDate() != null && !patient.birthDate().equals(birthDate)) {
            throw new ChaincodeException("transient " + TRANSIENT_PATIENT + ": birthDate " + patient.birthDate()
                    + " differs from the argument " + birthDate);
        }
        String fhirName = patient.name().isEmpty() ? "" : patient.name().get(0).asText();
        String fhirAddress = patient.address().isEmpty() ? "" : patient.address().get(0).asText();
        String fhirPhone = patient.telecomValue("phone").orElse("");
        return new PersonalData(Args.text("Patient.name", fhirName), Args.text("Patient.address", fhirAddress),
                Args.text("Patient.telecom(phone)", fhirPhone), salt);
    }

    /**
     * The private personal data of {@code patient}, checked against the hash on the public state.
     *
     * @throws ChaincodeException when this peer does not hold it or it does not match the hash
     */
    private static PersonalData readPersonalData(ChaincodeStub stub, PatientRecord patient) {
        byte[] value = stub.getPrivateData(PII_COLLECTION, patient.username());
        if (value == null || value.length == 0) {
            throw new ChaincodeException("the personal data of " + patient.username() + " is not available on this peer"
                    + " (collection " + PII_COLLECTION + ")");
        }
        if (!Hashing.sha256Hex(value).equals(patient.piiHash())) {
            throw new ChaincodeException("the personal data of " + patient.username()
                    + " does not match its hash on the ledger");
        }
        return Json.read(value, PersonalData.class);
    }

    /** The patient named by a username or an xid. @throws ChaincodeException "unknown patient" */
    static PatientRecord resolvePatient(ChaincodeStub stub, String idOrUsername) {
        Optional<PatientRecord> byName = Args.USERNAME.matcher(idOrUsername).matches()
                ? readPatient(stub, idOrUsername) : Optional.empty();
        if (byName.isPresent()) {
            return byName.get();
        }
        if (Xid.looksLikeXid(idOrUsername)) {
            String username = stub.getStringState(xidKey(idOrUsername));
            if (!username.isEmpty()) {
                Optional<PatientRecord> byId = readPatient(stub, username);
                if (byId.isPresent()) {
                    return byId.get();
                }
            }
        }
        throw new ChaincodeException("unknown patient: '" + idOrUsername + "'");
    }

    static Optional<PatientRecord> readPatient(ChaincodeStub stub, String username) {
        byte[] value = stub.getState(username);
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        PatientRecord patient = Json.read(value, PatientRecord.class);
        return PatientRecord.DOC_TYPE.equals(patient.docType()) ? Optional.of(patient) : Optional.empty();
    }

    private static void putPatient(ChaincodeStub stub, PatientRecord patient) {
        stub.putState(patient.username(), Json.bytes(patient));
    }

    private static CaseRecord readCase(ChaincodeStub stub, String caseId) {
        byte[] value = caseId.startsWith("case") ? stub.getState(caseId) : null;
        if (value == null || value.length == 0) {
            throw new ChaincodeException("unknown case: '" + caseId + "'");
        }
        return Json.read(value, CaseRecord.class);
    }

    private static UsageRecord readUsage(ChaincodeStub stub, String recordId) {
        byte[] value = stub.getState(recordId);
        if (value == null || value.length == 0) {
            throw new ChaincodeException("usage record " + recordId + " is missing");
        }
        return Json.read(value, UsageRecord.class);
    }

    private static long currentNumber(ChaincodeStub stub, String counter) {
        String value = stub.getStringState(counter);
        return value.isEmpty() ? COUNTER_START : Long.parseLong(value);
    }

    private static long nextNumber(ChaincodeStub stub, String counter) {
        return currentNumber(stub, counter) + 1;
    }

    private static long number(String id) {
        return Long.parseLong(id.replaceFirst("^[a-z]+", ""));
    }

    static String xidKey(String xid) {
        return new CompositeKey(XID_INDEX, xid).toString();
    }

    static String provenanceKey(String caseId) {
        return new CompositeKey(PROVENANCE, caseId).toString();
    }

    /** A Mango query for cases whose diagnosis contains any of {@code terms}, case-insensitively. */
    private static String caseQuery(List<String> terms) {
        List<Object> alternatives = new ArrayList<>();
        for (String term : terms) {
            alternatives.add(Map.of("diagnosis", Map.of("$regex", "(?i)" + escapeRegex(term))));
        }
        Map<String, Object> selector = new TreeMap<>();
        selector.put("docType", CaseRecord.DOC_TYPE);
        selector.put("$or", alternatives);
        return Json.write(Map.of("selector", selector));
    }

    private static String escapeRegex(String term) {
        StringBuilder out = new StringBuilder();
        for (char c : term.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static Instant timeBound(String name, String value, boolean upper) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!FhirDates.isDateTime(value)) {
            throw new ChaincodeException("argument " + name + " is not a FHIR dateTime (a date, or YYYY-MM-DDThh:mm:ssZ): '"
                    + value + "'");
        }
        return upper ? FhirDates.upperBoundExclusive(value).minusNanos(1) : FhirDates.lowerBound(value);
    }

    /** The patients an access concerns, each with the resources touched. */
    private static SortedMap<String, List<Reference>> patients(String patient, Reference... objects) {
        SortedMap<String, List<Reference>> out = new TreeMap<>();
        out.put(patient, List.of(objects));
        return out;
    }

    private static SortedMap<String, List<Reference>> patients() {
        return new TreeMap<>();
    }

    /**
     * The patient {@code idOrUsername} names, as the subject of a denial decided before the patient was
     * looked up, so that the patient sees the attempt; none when it names no patient.
     */
    private static SortedMap<String, List<Reference>> subjectIfKnown(ChaincodeStub stub, String idOrUsername) {
        try {
            return idOrUsername.isEmpty() ? patients() : patients(resolvePatient(stub, idOrUsername).username());
        } catch (ChaincodeException e) {
            return patients();
        }
    }

    // ================================================================== one invocation

    /** One invocation: its stub, caller, time and audit log, and the recording of its usage. */
    private static final class Call {
        final ChaincodeStub stub;
        final Caller caller;
        final Instant time;
        final AuditLog audit;

        Call(Context ctx) {
            this.stub = ctx.getStub();
            this.caller = Caller.of(ctx);
            this.time = stub.getTxTimestamp();
            this.audit = new AuditLog(stub, CHAINCODE);
        }

        /**
         * Writes the usage record of this call (the next {@code recordNNNNN}), indexes it under each
         * patient concerned and writes one AuditEvent per patient.
         */
        UsageRecord record(String operation, String target, String purpose, boolean granted, String reason,
                           SortedMap<String, List<Reference>> subjects) {
            long number = nextNumber(stub, RECORD_COUNTER);
            String recordId = "record" + number;
            UsageRecord record = new UsageRecord(UsageRecord.DOC_TYPE, recordId, operation, caller.roleForRecords(),
                    caller.username(), caller.mspId(), target == null ? "" : target, time.toString(), purpose,
                    granted ? UsageRecord.SUCCESS : UsageRecord.DENIED, reason, stub.getTxId());
            stub.putState(recordId, Json.bytes(record));
            stub.putState(RECORD_COUNTER, Long.toString(number).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, List<Reference>> subject : subjects.entrySet()) {
                String patient = subject.getKey();
                if (patient.isEmpty()) {
                    continue;
                }
                stub.putState(new CompositeKey(USAGE_INDEX, patient, recordId).toString(),
                        recordId.getBytes(StandardCharsets.UTF_8));
                audit.record(AuditEntry.of(patient, caller, actionOf(operation), granted, reason, purpose, subject.getValue()));
            }
            return record;
        }

        /** Records a denial and returns {@link #DENIED}. */
        String deny(String operation, String target, String purpose, String reason,
                    SortedMap<String, List<Reference>> subjects) {
            UsageRecord record = record(operation, target, purpose, false, reason, subjects);
            event("AccessDenied", record, subjects.isEmpty() ? "" : subjects.firstKey(), Map.of("reason", reason));
            LOG.debug("emrcc denied {} ({}) {} on {}: {}", caller.username(), caller.roleForRecords(), operation, target, reason);
            return DENIED;
        }

        /**
         * Records a denied account or consent management call (registration, authorisation, revocation):
         * an AuditEvent about {@code patient} with outcome 4, no usage record; returns {@link #DENIED}.
         */
        String denyManagement(AuditAction action, String patient, String purpose, String reason, Reference object) {
            audit.record(AuditEntry.of(patient, caller, action, false, reason, purpose, List.of(object)));
            managementEvent("AccessDenied", patient, Map.of("reason", reason, "outcome", UsageRecord.DENIED));
            LOG.debug("emrcc denied {} ({}) {} on {}: {}", caller.username(), caller.roleForRecords(), action, patient, reason);
            return DENIED;
        }

        /** The event of an account or consent management call: {@code patientId} and {@code extra}. */
        void managementEvent(String name, String patientId, Map<String, String> extra) {
            Map<String, String> payload = new TreeMap<>(extra);
            payload.put("patientId", patientId);
            payload.putIfAbsent("outcome", UsageRecord.SUCCESS);
            stub.setEvent(name, Json.bytes(payload));
        }

        void event(String name, UsageRecord record, String patientId, Map<String, String> extra) {
            Map<String, String> payload = new TreeMap<>(extra);
            payload.put("recordId", record.recordId());
            payload.put("patientId", patientId);
            payload.put("operation", record.operation());
            payload.put("outcome", record.outcome());
            stub.setEvent(name, Json.bytes(payload));
        }

        private static AuditAction actionOf(String operation) {
            return switch (operation) {
                case OP_ADD -> AuditAction.CREATE;
                case OP_APPEND -> AuditAction.UPDATE;
                case OP_DELETE -> AuditAction.DELETE;
                default -> AuditAction.READ;
            };
        }
    }
}
