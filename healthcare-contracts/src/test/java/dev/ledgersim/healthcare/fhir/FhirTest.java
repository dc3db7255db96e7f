package dev.ledgersim.healthcare.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The minimal FHIR R4 shapes of HEALTHCARE.md §5.2: read, validated with clear errors, written canonically. */
class FhirTest {

    static final String PATIENT = """
            {"resourceType":"Patient","id":"alice","identifier":[{"system":"urn:sim:username","value":"alice"}],
             "name":[{"text":"Alice Smith"}],"telecom":[{"system":"phone","value":"+61 8 5550 0101"}],
             "address":[{"text":"1 Beach Rd, Glenelg SA 5045","city":"Glenelg"}],"gender":"female","birthDate":"1990-01-01"}""";
    static final String ENCOUNTER = """
            {"resourceType":"Encounter","id":"case10001","status":"finished",
             "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
             "subject":{"reference":"Patient/alice"},"participant":[{"individual":{"reference":"Practitioner/drbob"}}],
             "period":{"start":"2025-01-01T09:00:00Z"},"serviceType":{"text":"endocrinology"}}""";
    static final String OBSERVATION = """
            {"resourceType":"Observation","status":"final",
             "code":{"coding":[{"system":"http://loinc.org","code":"4548-4","display":"Hemoglobin A1c"}]},
             "subject":{"reference":"Patient/alice"},"encounter":{"reference":"Encounter/case10001"},
             "effectiveDateTime":"2025-01-01T09:30:00Z",
             "valueQuantity":{"value":8.1,"unit":"%","system":"http://unitsofmeasure.org","code":"%"}}""";
    static final String CONDITION = """
            {"resourceType":"Condition",
             "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
             "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},
             "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"E11.9"}],"text":"type 2 diabetes"},
             "subject":{"reference":"Patient/alice"},"encounter":{"reference":"Encounter/case10001"},"recordedDate":"2025-01-01"}""";
    static final String MEDICATION_REQUEST = """
            {"resourceType":"MedicationRequest","status":"active","intent":"order",
             "medicationCodeableConcept":{"text":"metformin 500 mg"},"subject":{"reference":"Patient/alice"},
             "encounter":{"reference":"Encounter/case10001"},"authoredOn":"2025-01-01","requester":{"reference":"Practitioner/drbob"}}""";
    static final String CONSENT = """
            {"resourceType":"Consent","id":"c1","status":"active",
             "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"treatment"}]},
             "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
             "patient":{"reference":"Patient/alice"},"dateTime":"2025-01-01",
             "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
             "provision":{"type":"deny","provision":[{"type":"permit",
               "actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"PRCP"}]},
                         "reference":{"reference":"Practitioner/drbob"}}],
               "action":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentaction","code":"access"}]}],
               "purpose":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"TREAT"}]}]}}""";
    static final String AUDIT_EVENT = """
            {"resourceType":"AuditEvent","type":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-type","code":"rest"},
             "subtype":[{"system":"http://hl7.org/fhir/restful-interaction","code":"read"}],"action":"R",
             "recorded":"2025-01-01T10:00:00Z","outcome":"0",
             "purposeOfEvent":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"TREAT"}]}],
             "agent":[{"who":{"identifier":{"system":"urn:sim:username","value":"drbob"}},"requestor":true}],
             "source":{"observer":{"display":"emrcc"}},
             "entity":[{"what":{"reference":"Patient/alice"}}]}""";
    static final String PROVENANCE = """
            {"resourceType":"Provenance","target":[{"reference":"Encounter/case10001"}],"recorded":"2032-01-01T00:00:00Z",
             "agent":[{"who":{"reference":"Practitioner/drbob"}}],"entity":[{"role":"removal","what":{"reference":"Encounter/case10001"}}]}""";

    @Test
    void everyMinimalShapeOfSection5_2IsReadAndValid() {
        assertEquals("alice", Fhir.parse(PATIENT, Patient.class).identifierValue(Fhir.USERNAME_SYSTEM).orElseThrow());
        assertEquals("AMB", Fhir.parse(ENCOUNTER, Encounter.class).encounterClass().code());
        assertEquals(new BigDecimal("8.1"), Fhir.parse(OBSERVATION, Observation.class).valueQuantity().value());
        assertTrue(Fhir.parse(CONDITION, Condition.class).code().has("http://hl7.org/fhir/sid/icd-10-cm", "E11.9"));
        assertEquals("order", Fhir.parse(MEDICATION_REQUEST, MedicationRequest.class).intent());
        assertEquals("Practitioner/drbob",
                Fhir.parse(CONSENT, Consent.class).provision().provision().get(0).actor().get(0).reference().reference());
        assertEquals("R", Fhir.parse(AUDIT_EVENT, AuditEvent.class).action());
        assertEquals("removal", Fhir.parse(PROVENANCE, Provenance.class).entity().get(0).role());
    }

    @Test
    void parseAnyPicksTheResourceType() {
        for (String json : List.of(PATIENT, ENCOUNTER, OBSERVATION, CONDITION, MEDICATION_REQUEST, CONSENT, AUDIT_EVENT, PROVENANCE)) {
            FhirResource resource = Fhir.parseAny(json);
            assertEquals(resource.getClass().getSimpleName(), resource.resourceType());
        }
        FhirValidationException e = assertThrows(FhirValidationException.class,
                () -> Fhir.parseAny("{\"resourceType\":\"Basic\"}"));
        assertTrue(e.getMessage().contains("'Basic' is not supported"), e.getMessage());
    }

    @Test
    void writingIsCanonicalAndRoundTrips() {
        Consent consent = Fhir.parse(CONSENT, Consent.class);
        String json = Fhir.toJson(consent);
        assertEquals(json, Fhir.toJson(Fhir.parse(json, Consent.class)), "round trip is stable");
        assertFalse(json.contains("\"class\""), "empty lists are left out: " + json);
        assertTrue(json.indexOf("\"category\"") < json.indexOf("\"patient\""), "keys sorted: " + json);
        Encounter encounter = Fhir.parse(ENCOUNTER, Encounter.class);
        assertTrue(Fhir.toJson(encounter).contains("\"class\":{\"code\":\"AMB\""), "class keeps its FHIR name");
        Observation observation = Fhir.parse(OBSERVATION, Observation.class);
        assertTrue(Fhir.toJson(observation).contains("\"value\":8.1"));
    }

    @Test
    void unknownElementsAreIgnored() {
        Patient patient = Fhir.parse(PATIENT.replace("\"gender\"", "\"maritalStatus\":{\"text\":\"single\"},\"gender\""), Patient.class);
        assertEquals("female", patient.gender());
        assertFalse(Fhir.toJson(patient).contains("maritalStatus"));
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        FhirValidationException e = assertThrows(FhirValidationException.class,
                () -> Fhir.parse("{\"resourceType\":\"Consent\",", Consent.class));
        assertTrue(e.getMessage().startsWith("invalid FHIR Consent: malformed JSON at line 1"), e.getMessage());
        assertThrows(FhirValidationException.class, () -> Fhir.parse("", Consent.class));
        assertThrows(FhirValidationException.class, () -> Fhir.parse("[]", Consent.class));
        assertThrows(FhirValidationException.class, () -> Fhir.parse("{} {}", Consent.class), "trailing content");
    }

    @Test
    void wrongJsonTypeNamesTheElement() {
        FhirValidationException e = assertThrows(FhirValidationException.class,
                () -> Fhir.parse(CONSENT.replace("\"category\":[{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"59284-0\"}]}]",
                        "\"category\":\"consent\""), Consent.class));
        assertTrue(e.getMessage().contains("Consent.category"), e.getMessage());
    }

    @Test
    void consentErrorsListEveryProblemWithItsPath() {
        String broken = CONSENT.replace("\"status\":\"active\",", "")
                .replace("\"policyRule\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"OPTIN\"}]},", "")
                .replace("\"patient\":{\"reference\":\"Patient/alice\"},", "")
                .replace("\"code\":\"TREAT\"", "\"code\":\"SHOPPING\"")
                .replace("\"reference\":{\"reference\":\"Practitioner/drbob\"}", "\"reference\":null")
                .replace("\"code\":\"access\"", "\"code\":\"sell\"");
        FhirValidationException e = assertThrows(FhirValidationException.class, () -> Fhir.parse(broken, Consent.class));
        List<String> problems = e.problems();
        assertTrue(problems.contains("Consent.status: required"), problems.toString());
        assertTrue(problems.contains("Consent: needs a policy or a policyRule (ppc-1)"), problems.toString());
        assertTrue(problems.contains("Consent.patient: required when the scope is treatment (ppc-5)"), problems.toString());
        assertTrue(problems.contains("Consent.provision.provision[0].actor[0].reference: required"), problems.toString());
        assertTrue(problems.contains("Consent.provision.provision[0].purpose[0].code: 'SHOPPING' is not a PurposeOfUse code"
                + " LedgerSim knows"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Consent.provision.provision[0].action[0].coding[0].code: 'sell'")),
                problems.toString());
        assertTrue(e.getMessage().startsWith("invalid FHIR Consent: "), e.getMessage());
    }

    @Test
    void consentStatusScopeAndNestedTypeAreChecked() {
        List<String> problems = assertThrows(FhirValidationException.class, () -> Fhir.parse(CONSENT
                .replace("\"status\":\"active\"", "\"status\":\"approved\"")
                .replace("\"code\":\"treatment\"", "\"code\":\"marketing\"")
                .replace("\"provision\":[{\"type\":\"permit\",", "\"provision\":[{"), Consent.class)).problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Consent.status: 'approved' is not one of")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Consent.scope.coding[0].code: 'marketing'")), problems.toString());
        assertTrue(problems.contains("Consent.provision.provision[0].type: required in a nested provision"), problems.toString());
    }

    @Test
    void requiredElementsOfTheOtherResources() {
        assertProblem(ENCOUNTER.replace("\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\"},", ""),
                Encounter.class, "Encounter.class: required");
        assertProblem(ENCOUNTER.replace("\"finished\"", "\"done\""), Encounter.class, "Encounter.status: 'done' is not one of");
        assertProblem(OBSERVATION.replace("\"status\":\"final\",", ""), Observation.class, "Observation.status: required");
        assertProblem(OBSERVATION.replace("\"effectiveDateTime\"", "\"valueString\":\"8.1 %\",\"effectiveDateTime\""),
                Observation.class, "Observation.value[x]: at most one");
        assertProblem(CONDITION.replace("\"subject\":{\"reference\":\"Patient/alice\"},", ""), Condition.class, "Condition.subject: required");
        assertProblem(CONDITION.replace("\"confirmed\"", "\"entered-in-error\""), Condition.class, "Condition.clinicalStatus: must be absent");
        assertProblem(MEDICATION_REQUEST.replace("\"medicationCodeableConcept\":{\"text\":\"metformin 500 mg\"},", ""),
                MedicationRequest.class, "MedicationRequest.medication[x]: required");
        assertProblem(MEDICATION_REQUEST.replace("\"order\"", "\"wish\""), MedicationRequest.class, "MedicationRequest.intent: 'wish'");
        assertProblem(AUDIT_EVENT.replace("\"outcome\":\"0\"", "\"outcome\":\"1\""), AuditEvent.class, "AuditEvent.outcome: '1'");
        assertProblem(AUDIT_EVENT.replace(",\"requestor\":true", ""), AuditEvent.class, "AuditEvent.agent[0].requestor: required");
        assertProblem(AUDIT_EVENT.replace("\"source\":{\"observer\":{\"display\":\"emrcc\"}},", ""), AuditEvent.class,
                "AuditEvent.source: required");
        assertProblem(AUDIT_EVENT.replace("2025-01-01T10:00:00Z", "2025-01-01"), AuditEvent.class, "AuditEvent.recorded: not a FHIR instant");
        assertProblem(PROVENANCE.replace("\"removal\"", "\"erasure\""), Provenance.class, "Provenance.entity[0].role: 'erasure'");
        assertProblem(PROVENANCE.replace("\"target\":[{\"reference\":\"Encounter/case10001\"}],", ""), Provenance.class,
                "Provenance.target: required");
        assertProblem(PATIENT.replace("1990-01-01", "1990-02-30"), Patient.class, "Patient.birthDate: not a FHIR date");
        assertProblem(PATIENT.replace("\"female\"", "\"f\""), Patient.class, "Patient.gender: 'f' is not one of");
        assertProblem(PATIENT.replace("\"resourceType\":\"Patient\"", "\"resourceType\":\"Person\""), Patient.class,
                "Patient.resourceType: expected 'Patient' but was 'Person'");
        assertProblem(ENCOUNTER.replace("Patient/alice", "patients of bob"), Encounter.class, "Encounter.subject.reference: not a literal reference");
        assertProblem(ENCOUNTER.replace("\"start\":\"2025-01-01T09:00:00Z\"", "\"start\":\"2025-02-01\",\"end\":\"2025-01-01\""),
                Encounter.class, "Encounter.period: end 2025-01-01 is before start 2025-02-01 (per-1)");
    }

    @Test
    void builtResourcesValidateToo() {
        Provenance p = new Provenance(Provenance.TYPE, null, null, List.of(Reference.to("Encounter", "case1")), null, null,
                "2030-01-01T00:00:00Z", List.of(), null, List.of(), List.of(), List.of());
        FhirValidationException e = assertThrows(FhirValidationException.class, () -> Fhir.validate(p));
        assertEquals(List.of("Provenance.agent: required"), e.problems());
        assertInstanceOf(IllegalArgumentException.class, e);
    }

    private static void assertProblem(String json, Class<? extends FhirResource> type, String expectedStart) {
        FhirValidationException e = assertThrows(FhirValidationException.class, () -> Fhir.parse(json, type), expectedStart);
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(expectedStart)), expectedStart + " in " + e.problems());
    }
}
