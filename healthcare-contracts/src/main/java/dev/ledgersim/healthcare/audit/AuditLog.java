package dev.ledgersim.healthcare.audit;

import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.CompositeKey;
import dev.ledgersim.contract.KeyValue;
import dev.ledgersim.contract.QueryResultsIterator;
import dev.ledgersim.healthcare.fhir.AuditEvent;
import dev.ledgersim.healthcare.fhir.CodeableConcept;
import dev.ledgersim.healthcare.fhir.Coding;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.fhir.Reference;
import dev.ledgersim.healthcare.purpose.PurposeOfUse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Writes and reads the FHIR AuditEvents of one contract (HEALTHCARE.md §8.7). Fabric contracts cannot
 * write another chaincode's namespace, so each contract keeps its own log, in its own namespace, under
 * the composite key {@code audit~<patientId>~<txid>}: one event per patient per transaction.
 *
 * <p>Every event has the §5.2 shape and is validated before it is written: type ({@code rest}, or DICOM
 * 110113 "Security Alert" for a break-glass), subtype (the {@code restful-interaction}, plus DICOM 110127
 * "Emergency Override Started" for a break-glass), action, {@code recorded} (the transaction timestamp),
 * outcome ({@code 0} granted, {@code 4} denied) with its description, the purpose of use, the requesting
 * agent (username, role, certificate id) and its organisation, the source (the chaincode on the channel)
 * and the entities (the patient, the resources touched, the transaction id). Nothing comes from the
 * peer's host, so every endorser writes the same bytes.
 *
 * <p>An instance belongs to one transaction (its stub).
 */
public final class AuditLog {

    /** The object type of the audit keys. */
    public static final String OBJECT_TYPE = "audit";
    /** FHIR audit-event-type. */
    public static final String EVENT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    /** FHIR restful-interaction. */
    public static final String INTERACTION_SYSTEM = "http://hl7.org/fhir/restful-interaction";
    /** DICOM controlled terminology. */
    public static final String DICOM_SYSTEM = "http://dicom.nema.org/resources/ontology/DCM";
    /** DICOM "Emergency Override Started", the subtype of a break-glass event. */
    public static final String EMERGENCY_OVERRIDE_STARTED = "110127";
    /** DICOM "Security Alert", the type of a break-glass event. */
    public static final String SECURITY_ALERT = "110113";
    /** FHIR audit-entity-type. */
    public static final String ENTITY_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    /** FHIR object-role. */
    public static final String OBJECT_ROLE_SYSTEM = "http://terminology.hl7.org/CodeSystem/object-role";
    /** FHIR security-source-type. */
    public static final String SOURCE_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/security-source-type";
    /** FHIR extra-security-role-type. */
    public static final String AGENT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";
    /** The identifier system of chaincodes, for {@code source.observer}. */
    public static final String CHAINCODE_SYSTEM = "urn:sim:chaincode";
    /** {@code AuditEvent.outcome} of a granted access. */
    public static final String OUTCOME_SUCCESS = "0";
    /** {@code AuditEvent.outcome} of a denied access (minor failure). */
    public static final String OUTCOME_DENIED = "4";

    private final ChaincodeStub stub;
    private final String chaincode;

    /**
     * The log of chaincode {@code chaincode} in {@code stub}'s transaction.
     *
     * @param stub the transaction
     * @param chaincode the contract's chaincode name, recorded as the event's observer
     */
    public AuditLog(ChaincodeStub stub, String chaincode) {
        this.stub = Objects.requireNonNull(stub, "stub");
        this.chaincode = Objects.requireNonNull(chaincode, "chaincode");
    }

    /** The key of the event of transaction {@code txId} about {@code patientId}. */
    public static String key(String patientId, String txId) {
        return new CompositeKey(OBJECT_TYPE, patientId, txId).toString();
    }

    /**
     * Builds the AuditEvent of {@code entry} and writes it under {@code audit~<patientId>~<txid>}.
     *
     * @return the event written
     * @throws IllegalStateException if the event would not validate (a bug, not bad input)
     */
    public AuditEvent record(AuditEntry entry) {
        AuditEvent event = build(entry);
        List<String> problems = event.validationProblems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("audit event does not validate: " + problems);
        }
        stub.putState(key(entry.patientId(), stub.getTxId()), Fhir.toBytes(event));
        return event;
    }

    /** The AuditEvent of {@code entry} in this transaction, without writing it. */
    public AuditEvent build(AuditEntry entry) {
        CodeableConcept purpose = purposeConcept(entry.purpose());
        Coding type = entry.emergencyOverride()
                ? Coding.of(DICOM_SYSTEM, SECURITY_ALERT, "Security Alert")
                : Coding.of(EVENT_TYPE_SYSTEM, "rest", "RESTful Operation");
        List<Coding> subtype = new ArrayList<>();
        subtype.add(Coding.of(INTERACTION_SYSTEM, entry.action().interaction(), null));
        if (entry.emergencyOverride()) {
            subtype.add(Coding.of(DICOM_SYSTEM, EMERGENCY_OVERRIDE_STARTED, "Emergency Override Started"));
        }
        AuditEvent.Agent requestor = new AuditEvent.Agent(
                CodeableConcept.of(AGENT_TYPE_SYSTEM, "humanuser", "human user"),
                List.of(CodeableConcept.text(entry.agent().roleForRecords())),
                Reference.identified(Fhir.USERNAME_SYSTEM, entry.agent().username(), null),
                entry.agent().clientId().isEmpty() ? null : entry.agent().clientId(), null, true, null, List.of(purpose));
        AuditEvent.Agent organization = new AuditEvent.Agent(
                CodeableConcept.of(AGENT_TYPE_SYSTEM, "dataprocessor", "data processor"),
                List.of(CodeableConcept.text("organization")),
                Reference.identified(Fhir.MSP_SYSTEM, entry.agent().mspId(), null), null, null, false, null, List.of());
        AuditEvent.Source source = new AuditEvent.Source(stub.getChannelId(),
                Reference.identified(CHAINCODE_SYSTEM, chaincode, chaincode),
                List.of(Coding.of(SOURCE_TYPE_SYSTEM, "4", "Application Server")));
        List<AuditEvent.Entity> entities = new ArrayList<>();
        entities.add(new AuditEvent.Entity(Reference.to("Patient", entry.patientId()),
                Coding.of(ENTITY_TYPE_SYSTEM, "1", "Person"), Coding.of(OBJECT_ROLE_SYSTEM, "1", "Patient"),
                null, List.of(), null, null));
        for (Reference object : entry.objects()) {
            entities.add(new AuditEvent.Entity(object, Coding.of(ENTITY_TYPE_SYSTEM, "2", "System Object"),
                    Coding.of(OBJECT_ROLE_SYSTEM, "4", "Domain Resource"), null, List.of(), null, null));
        }
        entities.add(new AuditEvent.Entity(Reference.identified(Fhir.TXID_SYSTEM, stub.getTxId(), null),
                Coding.of(ENTITY_TYPE_SYSTEM, "2", "System Object"), null, null, List.of(), "transaction", null));
        return new AuditEvent(AuditEvent.TYPE, null, null, type, subtype, entry.action().code(), null,
                stub.getTxTimestamp().toString(), entry.granted() ? OUTCOME_SUCCESS : OUTCOME_DENIED,
                entry.outcomeDesc().isEmpty() ? null : entry.outcomeDesc(), List.of(purpose),
                List.of(requestor, organization), source, entities);
    }

    /**
     * The events about {@code patientId} recorded in {@code [from, to]} (either bound may be null for
     * open), oldest first; events recorded at the same instant in key (txid) order. The scan is a range
     * over {@code audit~<patientId>~}, so a transaction that reads it is phantom-checked.
     */
    public List<AuditEvent> query(String patientId, Instant from, Instant to) {
        List<AuditEvent> out = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> it = stub.getStateByPartialCompositeKey(OBJECT_TYPE, patientId)) {
            for (KeyValue kv : it) {
                AuditEvent event = Fhir.parse(kv.getValue(), AuditEvent.class);
                Instant recorded = Instant.parse(event.recorded());
                if ((from == null || !recorded.isBefore(from)) && (to == null || !recorded.isAfter(to))) {
                    out.add(event);
                }
            }
        }
        out.sort(Comparator.comparing((AuditEvent e) -> Instant.parse(e.recorded())));
        return out;
    }

    /** The PurposeOfUse concept of {@code code}, with HL7's display when the code is known. */
    public static CodeableConcept purposeConcept(String code) {
        return CodeableConcept.of(PurposeOfUse.SYSTEM, code, PurposeOfUse.display(code).orElse(null));
    }
}
