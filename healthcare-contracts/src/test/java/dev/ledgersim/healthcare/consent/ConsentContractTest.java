package dev.ledgersim.healthcare.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.CompositeKey;
import dev.ledgersim.contract.ContractTester;
import dev.ledgersim.healthcare.TestIdentities;
import dev.ledgersim.healthcare.audit.AuditLog;
import dev.ledgersim.healthcare.fhir.AuditEvent;
import dev.ledgersim.healthcare.fhir.Consent;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.util.Json;
import dev.ledgersim.msp.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ConsentContract's functions and their edge cases, without a network (HEALTHCARE.md §8.5). */
class ConsentContractTest {

    private static final TestIdentities IDS = new TestIdentities();
    static final Identity ALICE = IDS.enroll("Org1MSP", "alice", "patient");
    static final Identity EVE = IDS.enroll("Org2MSP", "eve", "patient");
    static final Identity DR_BOB = IDS.enroll("Org1MSP", "drbob", "doctor");
    static final Identity NURSE = IDS.enroll("Org2MSP", "nina", "nurse");
    static final Identity HOSPITAL = IDS.enroll("Org2MSP", "registrar", "hospital");
    static final Identity RESEARCHER = IDS.enroll("Org3MSP", "rita", "researcher");
    static final Identity REGULATOR = IDS.enroll("Org3MSP", "reg", "regulator");
    static final Identity GUARDIAN = IDS.enroll("Org1MSP", "dad", "patient", Map.of("guardianOf", "charlie"));

    private ContractTester t;

    @BeforeEach
    void setUp() {
        t = ContractTester.named(ConsentContract.CHAINCODE, ConsentContract::new).at(Instant.parse("2025-06-01T12:00:00Z"));
    }

    /** A treatment consent of {@code patient}: deny by default, permit {@code actorRef} for {@code purpose}, plus extras. */
    static String consent(String id, String patient, String actorRef, String purpose, String extraNested) {
        return """
                {"resourceType":"Consent","id":"%s","status":"active",
                 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"treatment"}]},
                 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
                 "patient":{"reference":"Patient/%s"},"dateTime":"2025-01-01",
                 "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
                 "provision":{"type":"deny","provision":[{"type":"permit",
                   "actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"PRCP"}]},
                             "reference":{"reference":"%s"}}],
                   "purpose":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"%s"}]%s}]}}"""
                .formatted(id, patient, actorRef, purpose, extraNested);
    }

    private String submit(Identity who, String function, String... args) {
        return t.as(who).submit(function, args).payloadAsString();
    }

    private JsonNode evaluate(String patient, String actor, String role, String purpose, String action, String type, String time) {
        return Json.read(t.as(DR_BOB).evaluate("evaluate", patient, actor, role, purpose, action, type, time).payloadAsString(),
                JsonNode.class);
    }

    private String decision(String actor, String role, String purpose) {
        return evaluate("alice", actor, role, purpose, "access", "Patient", "").get("decision").asText();
    }

    private static String message(Runnable r) {
        return assertThrows(ChaincodeException.class, r::run).getMessage();
    }

    // ------------------------------------------------------------------ putConsent / revokeConsent

    @Test
    void aTreatGrantCoversItsDescendantPurposesButNotResearch() {
        ContractTester.Result r = t.as(ALICE).submit("putConsent", consent("c1", "alice", "Practitioner/drbob", "TREAT", ""));
        JsonNode change = Json.read(r.payloadAsString(), JsonNode.class);
        assertEquals("c1", change.get("consentId").asText());
        assertEquals("active", change.get("status").asText());
        assertEquals("ConsentChanged", r.event().orElseThrow().eventName());
        assertEquals("permit", decision("drbob", "doctor", "TREAT"));
        assertEquals("permit", decision("drbob", "doctor", "COC"));
        assertEquals("permit", decision("drbob", "doctor", "ETREAT"));
        assertEquals("permit", decision("drbob", "doctor", "BTG"));
        assertEquals("deny", decision("drbob", "doctor", "HRESCH"));
        assertEquals("deny", decision("drdan", "doctor", "TREAT"), "another actor");
        JsonNode permit = evaluate("alice", "drbob", "doctor", "COC", "access", "Patient", "");
        assertEquals("c1", permit.get("consentId").asText());
        assertEquals("provision.provision[0]", permit.get("provision").asText());
        assertEquals("provision", evaluate("alice", "drdan", "doctor", "TREAT", "access", "Patient", "").get("provision").asText(),
                "the root's default decided");
        assertEquals("deny", evaluate("eve", "drbob", "doctor", "TREAT", "access", "Patient", "").get("decision").asText(),
                "no consent of eve");
    }

    @Test
    void revokeRemovesTheGrant() {
        submit(ALICE, "putConsent", consent("c1", "alice", "Practitioner/drbob", "TREAT", ""));
        assertEquals(ConsentContract.DENIED, submit(DR_BOB, "revokeConsent", "c1"), "a doctor cannot revoke");
        assertEquals("permit", decision("drbob", "doctor", "TREAT"));
        JsonNode change = Json.read(submit(ALICE, "revokeConsent", "c1"), JsonNode.class);
        assertEquals("inactive", change.get("status").asText());
        assertEquals("2", change.get("version").asText());
        assertEquals("deny", decision("drbob", "doctor", "TREAT"));
        assertEquals("unknown consent: 'c9'", message(() -> submit(ALICE, "revokeConsent", "c9")));
        Consent stored = Fhir.parse(t.state(new CompositeKey("consent", "alice", "c1").toString()), Consent.class);
        assertEquals("inactive", stored.status());
        assertEquals("2025-06-01T12:00:00Z", stored.meta().lastUpdated());
    }

    @Test
    void aNestedDenyForADateRangeOverridesTheBasePermit() {
        String nestedDeny = """
                ,"provision":[{"type":"deny","period":{"start":"2025-07-01","end":"2025-07-31"}}]""";
        submit(ALICE, "putConsent", consent("c1", "alice", "Practitioner/drbob", "TREAT", nestedDeny));
        assertEquals("permit", evaluate("alice", "drbob", "doctor", "TREAT", "access", "Patient", "2025-06-30T23:59:59Z")
                .get("decision").asText());
        JsonNode july = evaluate("alice", "drbob", "doctor", "TREAT", "access", "Patient", "2025-07-31T18:00:00Z");
        assertEquals("deny", july.get("decision").asText());
        assertEquals("provision.provision[0].provision[0]", july.get("provision").asText(), "the most specific provision wins");
        assertEquals("permit", evaluate("alice", "drbob", "doctor", "TREAT", "access", "Patient", "2025-08-01")
                .get("decision").asText());
    }

    @Test
    void actionClassRoleAndPeriodRestrictAProvision() {
        String restricted = """
                ,"action":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentaction","code":"access"}]}],
                 "class":[{"system":"http://hl7.org/fhir/resource-types","code":"Observation"}],
                 "period":{"start":"2025-01-01","end":"2025-12-31"}""";
        submit(ALICE, "putConsent", consent("c1", "alice", "PractitionerRole/nurse", "TREAT", restricted));
        assertEquals("permit", evaluate("alice", "nina", "nurse", "TREAT", "access", "Observation", "").get("decision").asText(),
                "every nurse, by role");
        assertEquals("deny", evaluate("alice", "drbob", "doctor", "TREAT", "access", "Observation", "").get("decision").asText());
        assertEquals("deny", evaluate("alice", "nina", "nurse", "TREAT", "collect", "Observation", "").get("decision").asText());
        assertEquals("deny", evaluate("alice", "nina", "nurse", "TREAT", "access", "Condition", "").get("decision").asText());
        assertEquals("deny", evaluate("alice", "nina", "nurse", "TREAT", "access", "Observation", "2026-01-01").get("decision").asText());
    }

    @Test
    void marketingIsAlwaysDenied() {
        submit(ALICE, "putConsent", consent("c1", "alice", "Practitioner/drbob", "PurposeOfUse", ""));
        assertEquals("permit", decision("drbob", "doctor", "HRESCH"), "a grant for the root covers every purpose...");
        JsonNode marketing = evaluate("alice", "drbob", "doctor", "HMARKT", "access", "Patient", "");
        assertEquals("deny", marketing.get("decision").asText(), "...except marketing");
        assertTrue(marketing.get("reason").asText().contains("HMARKT"));
    }

    @Test
    void whoMayManageConsents() {
        ContractTester.Result denied = t.as(EVE).submit("putConsent", consent("c1", "alice", "Practitioner/drbob", "TREAT", ""));
        assertEquals(ConsentContract.DENIED, denied.payloadAsString());
        AuditEvent event = Fhir.parse(t.state(AuditLog.key("alice", denied.txId())), AuditEvent.class);
        assertEquals("4", event.outcome());
        assertEquals("AccessDenied", denied.event().orElseThrow().eventName());
        assertNull(t.state(new CompositeKey("consent", "alice", "c1").toString()));
        assertEquals(ConsentContract.DENIED, submit(DR_BOB, "putConsent", consent("c1", "alice", "Practitioner/drbob", "TREAT", "")));
        assertTrue(submit(HOSPITAL, "putConsent", consent("c1", "alice", "Practitioner/drbob", "TREAT", "")).contains("\"version\":\"1\""));
        assertTrue(submit(ALICE, "putConsent", consent("c1", "alice", "Practitioner/drdan", "TREAT", "")).contains("\"version\":\"2\""));
        assertEquals("deny", decision("drbob", "doctor", "TREAT"), "the replaced consent no longer names drbob");
        assertNull(t.state(new CompositeKey("consentActor", "Practitioner/drbob", "alice", "c1").toString()), "stale index removed");
        assertNotNull(t.state(new CompositeKey("consentActor", "Practitioner/drdan", "alice", "c1").toString()));
        assertTrue(submit(GUARDIAN, "putConsent", consent("c2", "charlie", "Practitioner/drbob", "TREAT", "")).contains("charlie"),
                "a guardian acts for the ward");
        assertEquals("consent c1 belongs to another patient",
                message(() -> submit(EVE, "putConsent", consent("c1", "eve", "Practitioner/drbob", "TREAT", ""))));
    }

    @Test
    void badConsentsAreRefusedWithTheirProblems() {
        assertTrue(message(() -> submit(ALICE, "putConsent", "{\"resourceType\":\"Consent\""))
                .startsWith("invalid FHIR Consent: malformed JSON"));
        String noStatus = consent("c1", "alice", "Practitioner/drbob", "TREAT", "").replace("\"status\":\"active\",", "");
        assertTrue(message(() -> submit(ALICE, "putConsent", noStatus)).contains("Consent.status: required"));
        String badPurpose = consent("c1", "alice", "Practitioner/drbob", "SHOPPING", "");
        assertTrue(message(() -> submit(ALICE, "putConsent", badPurpose)).contains("'SHOPPING' is not a PurposeOfUse code"));
        String noPatient = consent("c1", "alice", "Practitioner/drbob", "TREAT", "").replace("\"patient\":{\"reference\":\"Patient/alice\"},", "");
        assertTrue(message(() -> submit(ALICE, "putConsent", noPatient)).contains("(ppc-5)"));
        String dataPeriod = consent("c1", "alice", "Practitioner/drbob", "TREAT", ",\"dataPeriod\":{\"start\":\"2020\"}");
        assertTrue(message(() -> submit(ALICE, "putConsent", dataPeriod)).contains("cannot evaluate Consent.provision.provision[0].dataPeriod"));
        String organisationPatient = consent("c1", "alice", "Practitioner/drbob", "TREAT", "").replace("Patient/alice", "Group/alice");
        assertTrue(message(() -> submit(ALICE, "putConsent", organisationPatient)).contains("Consent.patient"));
        assertTrue(message(() -> submit(ALICE, "putConsent")).contains("Incorrect number of arguments"));
    }

    @Test
    void evaluateRefusesUnknownPurposesAndTimes() {
        assertTrue(message(() -> evaluate("alice", "drbob", "doctor", "SHOPPING", "access", "Patient", ""))
                .contains("not a PurposeOfUse code"));
        assertTrue(message(() -> evaluate("alice", "drbob", "doctor", "TREAT", "access", "Patient", "noon"))
                .contains("argument time is not a FHIR dateTime"));
        assertEquals("argument action must not be empty", message(() -> evaluate("alice", "drbob", "doctor", "TREAT", "", "Patient", "")));
    }

    // ------------------------------------------------------------------ break-glass

    @Test
    void breakGlassWithoutConsentPermitsEmergencyUseForADayAndIsAudited() {
        ContractTester.Result r = t.as(DR_BOB).submit("breakGlass", "alice", "unconscious in ED");
        JsonNode result = Json.read(r.payloadAsString(), JsonNode.class);
        assertEquals("2025-06-02T12:00:00Z", result.get("until").asText());
        assertEquals("BTG", result.get("purpose").asText());
        var event = r.event().orElseThrow();
        assertEquals("BreakGlass", event.eventName());
        JsonNode notification = Json.read(event.payload().toByteArray(), JsonNode.class);
        assertEquals("alice", notification.get("patientId").asText());
        assertEquals("drbob", notification.get("actor").asText());
        assertEquals("2025-06-02T12:00:00Z", notification.get("until").asText());

        AuditEvent audit = Fhir.parse(t.state(AuditLog.key("alice", r.txId())), AuditEvent.class);
        assertEquals("BTG", audit.purposeOfEvent().get(0).coding().get(0).code());
        assertTrue(audit.subtype().stream().anyMatch(c -> c.is(AuditLog.DICOM_SYSTEM, "110127")), audit.subtype().toString());
        assertEquals("E", audit.action());
        assertEquals("0", audit.outcome());

        JsonNode now = evaluate("alice", "drbob", "doctor", "BTG", "access", "Patient", "2025-06-02T11:59:59Z");
        assertEquals("permit", now.get("decision").asText());
        assertEquals("breakGlass", now.get("provision").asText());
        assertEquals("permit", evaluate("alice", "drbob", "doctor", "ETREAT", "access", "Patient", "").get("decision").asText());
        assertEquals("deny", evaluate("alice", "drbob", "doctor", "TREAT", "access", "Patient", "").get("decision").asText(),
                "break-glass covers emergency treatment only");
        assertEquals("deny", evaluate("alice", "drdan", "doctor", "BTG", "access", "Patient", "").get("decision").asText(),
                "only for the clinician who broke the glass");
        assertEquals("deny", evaluate("alice", "drbob", "doctor", "BTG", "access", "Patient", "2025-06-02T12:00:00Z")
                .get("decision").asText(), "expired at until");
    }

    @Test
    void onlyCliniciansBreakTheGlass() {
        ContractTester.Result r = t.as(RESEARCHER).submit("breakGlass", "alice", "curious");
        assertEquals(ConsentContract.DENIED, r.payloadAsString());
        AuditEvent audit = Fhir.parse(t.state(AuditLog.key("alice", r.txId())), AuditEvent.class);
        assertEquals("4", audit.outcome());
        assertEquals("deny", evaluate("alice", "rita", "researcher", "BTG", "access", "Patient", "").get("decision").asText());
        assertTrue(Json.read(submit(NURSE, "breakGlass", "alice", "cardiac arrest"), JsonNode.class).has("until"));
        assertEquals("argument reason must not be empty", message(() -> submit(DR_BOB, "breakGlass", "alice", "")));
        assertTrue(message(() -> submit(DR_BOB, "breakGlass", "Alice Smith", "x")).contains("is not a username"));
    }

    // ------------------------------------------------------------------ queries

    @Test
    void patientsAndRegulatorsQueryTheAuditTrail() {
        submit(ALICE, "putConsent", consent("c1", "alice", "Practitioner/drbob", "TREAT", ""));
        t.at(Instant.parse("2025-06-03T08:00:00Z"));
        submit(DR_BOB, "breakGlass", "alice", "emergency");
        submit(EVE, "revokeConsent", "c1");
        List<JsonNode> events = Json.read(t.as(ALICE).evaluate("queryAudit", "alice", "", "").payloadAsString(),
                new TypeReference<List<JsonNode>>() { });
        assertEquals(List.of("C", "E", "U"), events.stream().map(e -> e.get("action").asText()).toList());
        assertEquals(List.of("0", "0", "4"), events.stream().map(e -> e.get("outcome").asText()).toList());
        assertEquals(2, Json.read(t.as(REGULATOR).evaluate("queryAudit", "alice", "2025-06-02", "").payloadAsString(), List.class).size());
        assertEquals(ConsentContract.DENIED, message(() -> t.as(DR_BOB).evaluate("queryAudit", "alice", "", "")));
        assertTrue(message(() -> t.as(ALICE).evaluate("queryAudit", "alice", "June", "")).contains("argument from"));
        List<JsonNode> consents = Json.read(t.as(ALICE).evaluate("queryConsents", "alice").payloadAsString(),
                new TypeReference<List<JsonNode>>() { });
        assertEquals("c1", consents.get(0).get("id").asText());
        assertEquals(ConsentContract.DENIED, message(() -> t.as(DR_BOB).evaluate("queryConsents", "alice")));
    }

    @Test
    void definitionUsesTheChannelDefaultPolicy() {
        var definition = ConsentContract.definition(List.of("Org1MSP", "Org2MSP"));
        assertEquals("consentcc", definition.name());
        assertTrue(definition.endorsementPolicy().isEmpty());
        assertTrue(definition.collections().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ConsentContract.definition(List.of()));
    }
}
