package dev.ledgersim.healthcare.synth;

import dev.ledgersim.healthcare.audit.AuditLog;
import dev.ledgersim.healthcare.emr.EmrContract;
import dev.ledgersim.healthcare.fhir.Address;
import dev.ledgersim.healthcare.fhir.AuditEvent;
import dev.ledgersim.healthcare.fhir.CodeableConcept;
import dev.ledgersim.healthcare.fhir.Coding;
import dev.ledgersim.healthcare.fhir.Condition;
import dev.ledgersim.healthcare.fhir.ContactPoint;
import dev.ledgersim.healthcare.fhir.Encounter;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.fhir.FhirResource;
import dev.ledgersim.healthcare.fhir.HumanName;
import dev.ledgersim.healthcare.fhir.Identifier;
import dev.ledgersim.healthcare.fhir.MedicationRequest;
import dev.ledgersim.healthcare.fhir.Meta;
import dev.ledgersim.healthcare.fhir.Observation;
import dev.ledgersim.healthcare.fhir.Patient;
import dev.ledgersim.healthcare.fhir.Period;
import dev.ledgersim.healthcare.fhir.Quantity;
import dev.ledgersim.healthcare.fhir.Reference;
import dev.ledgersim.healthcare.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * View 1 of a {@link SynthDataset}: FHIR R4 resources in the minimal shapes of HEALTHCARE.md §5.2, built
 * with the records of {@link dev.ledgersim.healthcare.fhir} and each validated by {@link Fhir#validate}, and
 * a {@code collection} Bundle of them.
 *
 * <h2>Ids and references</h2>
 * Ids follow the suite's conventions, so resources go straight into the contracts: a Patient's id is its
 * username (consents and audit events refer to {@code Patient/<username>}), with the username in
 * {@value Fhir#USERNAME_SYSTEM} and the xid in {@value #XID_SYSTEM} as identifiers; practitioners are
 * {@code Practitioner/<username>} and organisations {@code Organization/<id>}; an Encounter's id is its case
 * id ({@code case10001}), its Condition {@code case10001-condition}, its Observations
 * {@code case10001-obs-<n>}, its MedicationRequest {@code case10001-medication}; an AuditEvent's id is its
 * usage record id. The model has no Practitioner or Organization resource, so the Bundle holds Patients,
 * Encounters, Conditions, Observations, MedicationRequests, Consents and AuditEvents, and references to
 * practitioners and organisations carry a display instead. Stateless; thread-safe.
 */
public final class FhirView {

    /** The identifier system of the patients' xids. */
    public static final String XID_SYSTEM = "urn:sim:xid";
    /** The base of the Bundle entries' {@code fullUrl}s (a reserved {@code .example} domain). */
    public static final String BASE_URL = "https://ledgersim.example/fhir/";

    private static final String ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private static final String PARTICIPATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private static final String CONDITION_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-category";
    private static final String VERIFICATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String MEDICATION_CATEGORY_SYSTEM =
            "http://terminology.hl7.org/CodeSystem/medicationrequest-category";

    private FhirView() {
    }

    /**
     * The Patient of {@code p}: also the transient {@value EmrContract#TRANSIENT_PATIENT} that
     * {@code registerPatient} reads name (text), address (text) and phone from.
     */
    public static Patient patient(SynthPatient p) {
        return Fhir.validate(new Patient(Patient.TYPE, p.username(), null,
                List.of(Identifier.of(Fhir.USERNAME_SYSTEM, p.username()), Identifier.of(XID_SYSTEM, p.id())), true,
                List.of(new HumanName("official", p.name(), p.familyName(), List.of(p.givenName()))),
                List.of(new ContactPoint("phone", p.phone(), "home")), p.gender(), p.birthDate().toString(),
                List.of(new Address("home", p.address(), List.of(p.street()), p.city(), null, p.state(), p.postcode(),
                        "AU"))));
    }

    /** The Encounter of {@code e} ({@code serviceType} = department, participant = the doctor). */
    public static Encounter encounter(SynthEncounter e) {
        return Fhir.validate(new Encounter(Encounter.TYPE, e.id(), confidentiality(e.reason()), "finished",
                Coding.of(ACT_CODE_SYSTEM, e.encounterClass(), e.classDisplay()), List.of(),
                CodeableConcept.text(e.department()), Reference.to("Patient", e.patient()),
                List.of(new Encounter.Participant(List.of(CodeableConcept.of(PARTICIPATION_SYSTEM, "ATND", "attender")),
                        null, Reference.to("Practitioner", e.doctor()))),
                new Period(e.start().toString(), e.end().toString()), List.of(icd(e.reason()))));
    }

    /** The Condition of {@code c} (ICD-10-CM, confirmed, an encounter diagnosis). */
    public static Condition condition(SynthCondition c) {
        return Fhir.validate(new Condition(Condition.TYPE, c.id(), confidentiality(c.code()),
                CodeableConcept.of(Condition.CLINICAL_SYSTEM, c.clinicalStatus(), null),
                CodeableConcept.of(VERIFICATION_SYSTEM, "confirmed", null),
                List.of(CodeableConcept.of(CONDITION_CATEGORY_SYSTEM, "encounter-diagnosis", "Encounter Diagnosis")),
                null, icd(c.code()), Reference.to("Patient", c.patient()), Reference.to("Encounter", c.encounter()),
                c.onset().toString(), c.abatement() == null ? null : c.abatement().toString(), c.recorded().toString(),
                Reference.to("Practitioner", c.recorder())));
    }

    /** The Observation of {@code o} (LOINC code, UCUM {@code valueQuantity}, status {@code final}). */
    public static Observation observation(SynthObservation o) {
        LoincCode code = o.code();
        Reference performer = SyntheticHealthGenerator.LABORATORY.equals(o.performer())
                ? Reference.to("Organization", o.performer()) : Reference.to("Practitioner", o.performer());
        return Fhir.validate(new Observation(Observation.TYPE, o.id(), null, "final",
                List.of(CodeableConcept.of(LoincCode.CATEGORY_SYSTEM, code.category(),
                        LoincCode.VITAL_SIGNS.equals(code.category()) ? "Vital Signs" : "Laboratory")),
                CodeableConcept.of(LoincCode.SYSTEM, code.code(), code.display()), Reference.to("Patient", o.patient()),
                Reference.to("Encounter", o.encounter()), o.effective().toString(), null, List.of(performer),
                Quantity.ucum(o.value(), code.unit()), null, null));
    }

    /** The MedicationRequest of {@code m} ({@code medicationCodeableConcept.text}, intent {@code order}). */
    public static MedicationRequest medicationRequest(SynthMedication m) {
        return Fhir.validate(new MedicationRequest(MedicationRequest.TYPE, m.id(), confidentiality(m.reason()),
                m.status(), "order",
                List.of(CodeableConcept.of(MEDICATION_CATEGORY_SYSTEM, "outpatient", "Outpatient")),
                CodeableConcept.text(m.text()), null, Reference.to("Patient", m.patient()),
                Reference.to("Encounter", m.encounter()), m.authoredOn().toString(),
                Reference.to("Practitioner", m.prescriber()), List.of(icd(m.reason())),
                List.of(new MedicationRequest.Dosage(m.dosage()))));
    }

    /**
     * The AuditEvent of {@code u}, shaped like those {@link AuditLog} writes: type {@code rest}, the
     * restful-interaction subtype, action C/R/U for add/read/append, outcome 0 or 4, the purpose, the
     * user and their organisation as agents, {@code emrcc} as the source, the patient (if any), the
     * target and the transaction as entities.
     */
    public static AuditEvent auditEvent(UsageEvent u) {
        String action = switch (u.operation()) {
            case UsageEvent.ADD -> "C";
            case UsageEvent.APPEND -> "U";
            default -> "R";
        };
        String interaction = switch (u.operation()) {
            case UsageEvent.ADD -> "create";
            case UsageEvent.APPEND -> "update";
            default -> u.target().startsWith("keywords:") ? "search-system" : "read";
        };
        CodeableConcept purpose = AuditLog.purposeConcept(u.purpose());
        AuditEvent.Agent user = new AuditEvent.Agent(
                CodeableConcept.of(AuditLog.AGENT_TYPE_SYSTEM, "humanuser", "human user"),
                List.of(CodeableConcept.text(u.role())), Reference.identified(Fhir.USERNAME_SYSTEM, u.username(), null),
                null, null, true, null, List.of(purpose));
        AuditEvent.Agent organization = new AuditEvent.Agent(
                CodeableConcept.of(AuditLog.AGENT_TYPE_SYSTEM, "dataprocessor", "data processor"),
                List.of(CodeableConcept.text("organization")), Reference.identified(Fhir.MSP_SYSTEM, u.mspId(), null),
                null, null, false, null, List.of());
        AuditEvent.Source source = new AuditEvent.Source("emrchannel",
                Reference.identified(AuditLog.CHAINCODE_SYSTEM, EmrContract.CHAINCODE, EmrContract.CHAINCODE),
                List.of(Coding.of(AuditLog.SOURCE_TYPE_SYSTEM, "4", "Application Server")));
        List<AuditEvent.Entity> entities = new ArrayList<>();
        if (!u.patient().isEmpty()) {
            entities.add(new AuditEvent.Entity(Reference.to("Patient", u.patient()),
                    Coding.of(AuditLog.ENTITY_TYPE_SYSTEM, "1", "Person"), Coding.of(AuditLog.OBJECT_ROLE_SYSTEM, "1", "Patient"),
                    null, List.of(), null, null));
        }
        if (!u.target().equals(u.patient())) {
            entities.add(new AuditEvent.Entity(new Reference(null, null, null, u.target()),
                    Coding.of(AuditLog.ENTITY_TYPE_SYSTEM, "2", "System Object"), null, null, List.of(), u.target(), null));
        }
        entities.add(new AuditEvent.Entity(Reference.identified(Fhir.TXID_SYSTEM, u.txId(), null),
                Coding.of(AuditLog.ENTITY_TYPE_SYSTEM, "2", "System Object"), null, null, List.of(), "transaction", null));
        return Fhir.validate(new AuditEvent(AuditEvent.TYPE, u.recordId(), null,
                Coding.of(AuditLog.EVENT_TYPE_SYSTEM, "rest", "RESTful Operation"),
                List.of(Coding.of(AuditLog.INTERACTION_SYSTEM, interaction, null)), action, null, u.time().toString(),
                u.granted() ? AuditLog.OUTCOME_SUCCESS : AuditLog.OUTCOME_DENIED, u.reason(), List.of(purpose),
                List.of(user, organization), source, entities));
    }

    /**
     * Every resource of {@code d}, each validated: Patients, then per encounter (in case order) its
     * Encounter, Condition, Observations and MedicationRequest, then Consents, then AuditEvents.
     */
    public static List<FhirResource> resources(SynthDataset d) {
        List<FhirResource> out = new ArrayList<>();
        forEachResource(d, out::add);
        return out;
    }

    /**
     * The FHIR R4 {@code collection} Bundle of {@link #resources} as a string; see {@link #writeBundle}. For
     * large datasets write it to a stream instead.
     */
    public static String bundleJson(SynthDataset d) {
        StringBuilder out = new StringBuilder(1 << 16);
        try {
            writeBundle(d, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return out.toString();
    }

    /**
     * Writes the FHIR R4 {@code collection} Bundle of {@link #resources}, one resource at a time: {@code id}
     * {@code synthetic-<seed>}, {@code timestamp} the reference date, one entry per line, each with
     * {@code fullUrl} {@value #BASE_URL}{@code <type>/<id>} and the resource in {@link Fhir#toJson canonical
     * JSON}; keys in alphabetical order, a final line break. The same dataset gives the same characters
     * (all ASCII unless a name is not).
     *
     * @throws IOException if {@code out} fails
     */
    public static void writeBundle(SynthDataset d, Appendable out) throws IOException {
        out.append("{\"entry\":[");
        boolean[] first = {true};
        IOException[] failure = {null};
        forEachResource(d, r -> {
            if (failure[0] != null) {
                return;
            }
            try {
                out.append(first[0] ? "\n" : ",\n");
                first[0] = false;
                out.append("{\"fullUrl\":").append(Json.write(BASE_URL + r.resourceType() + "/" + r.id()))
                        .append(",\"resource\":").append(Fhir.toJson(r)).append('}');
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        out.append("\n],\"id\":").append(Json.write("synthetic-" + Long.toUnsignedString(d.config().seed())))
                .append(",\"resourceType\":\"Bundle\",\"timestamp\":")
                .append(Json.write(d.config().referenceDate().atStartOfDay(ZoneOffset.UTC).toInstant().toString()))
                .append(",\"type\":\"collection\"}\n");
    }

    private static void forEachResource(SynthDataset d, Consumer<FhirResource> sink) {
        d.patients().forEach(p -> sink.accept(patient(p)));
        int c = 0;
        int o = 0;
        int m = 0;
        for (SynthEncounter e : d.encounters()) {
            sink.accept(encounter(e));
            for (; c < d.conditions().size() && d.conditions().get(c).encounter().equals(e.id()); c++) {
                sink.accept(condition(d.conditions().get(c)));
            }
            for (; o < d.observations().size() && d.observations().get(o).encounter().equals(e.id()); o++) {
                sink.accept(observation(d.observations().get(o)));
            }
            for (; m < d.medications().size() && d.medications().get(m).encounter().equals(e.id()); m++) {
                sink.accept(medicationRequest(d.medications().get(m)));
            }
        }
        if (c != d.conditions().size() || o != d.observations().size() || m != d.medications().size()) {
            throw new IllegalStateException("conditions, observations and medications must follow encounter order");
        }
        d.consents().forEach(consent -> sink.accept(Fhir.validate(consent)));
        d.usageEvents().forEach(u -> sink.accept(auditEvent(u)));
    }

    /** {@code R} (restricted) for mental-health diagnoses (ICD-10-CM chapter F), else {@code N} (normal). */
    private static Meta confidentiality(IcdCode code) {
        return Meta.confidentiality(code.code().startsWith("F") ? "R" : "N");
    }

    private static CodeableConcept icd(IcdCode code) {
        return CodeableConcept.of(IcdCode.SYSTEM, code.code(), code.display());
    }
}
