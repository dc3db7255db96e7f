package dev.ledgersim.healthcare.synth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgersim.contract.ContractTester;
import dev.ledgersim.healthcare.TestIdentities;
import dev.ledgersim.healthcare.consent.ConsentContract;
import dev.ledgersim.healthcare.emr.EmrContract;
import dev.ledgersim.healthcare.emr.PatientRecord;
import dev.ledgersim.healthcare.fhir.Consent;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.util.Args;
import dev.ledgersim.healthcare.util.Json;
import dev.ledgersim.healthcare.util.Roles;
import dev.ledgersim.healthcare.util.Xid;
import dev.ledgersim.msp.Identity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** View 3: seed A's arguments are what emrcc accepts, and the contract ends up with the predicted state. */
class SeedAViewTest {

    private static final SynthDataset DEMO = SyntheticHealthGenerator.demo();
    private static final SeedAView VIEW = DEMO.seedA();
    private final TestIdentities ids = new TestIdentities();

    private final Map<String, Identity> identities = new HashMap<>();

    private Identity identity(String username, String mspId, String role) {
        return identities.computeIfAbsent(username, u -> ids.enroll(mspId, u, role));
    }

    private Identity patient(String username) {
        SynthPatient p = DEMO.patient(username).orElseThrow();
        return identity(username, DEMO.organization(p.hospital()).orElseThrow().mspId(), Roles.PATIENT);
    }

    private Identity person(String username) {
        SynthPractitioner p = DEMO.person(username).orElseThrow();
        return identity(username, p.mspId(), p.role());
    }

    @Test
    void argumentListsHaveTheContractsShape() {
        assertEquals(DEMO.patients().size(), VIEW.patients().size());
        for (SeedAView.SeedAPatient p : VIEW.patients()) {
            List<String> args = p.registerPatientArgs();
            assertEquals(5, args.size());
            assertTrue(Args.USERNAME.matcher(args.get(0)).matches());
            assertEquals(p.birthDate(), LocalDate.parse(args.get(4)).toString());
            args.forEach(a -> assertFalse(a.isBlank()));
            assertTrue(Xid.looksLikeXid(p.xid()));
            assertTrue(p.piiHash().matches("[0-9a-f]{64}"), p.piiHash());
        }
        assertEquals(DEMO.encounters().size(), VIEW.cases().size());
        Set<String> authorised = new HashSet<>();
        Map<String, Instant> authorisedAt = new HashMap<>();
        for (SeedAView.Authorization a : VIEW.authorizations()) {
            assertEquals(2, a.authorizeDoctorArgs().size());
            assertTrue(authorised.add(a.patient() + "/" + a.doctor()), "once per pair");
            authorisedAt.put(a.patient() + "/" + a.doctor(), Instant.parse(a.at()));
        }
        for (int i = 0; i < VIEW.cases().size(); i++) {
            SeedAView.SeedACase c = VIEW.cases().get(i);
            assertEquals("case" + (10001 + i), c.caseId());
            List<String> args = c.enterDataArgs();
            assertEquals(6, args.size());
            args.forEach(a -> assertTrue(!a.isBlank() && a.length() <= Args.MAX_TEXT));
            assertTrue(c.diagnosis().contains("(ICD-10-CM "), c.diagnosis());
            Instant at = authorisedAt.get(c.patient() + "/" + c.doctor());
            assertNotNull(at, "the doctor is authorised for " + c.caseId());
            assertTrue(at.isBefore(Instant.parse(c.time())), "before the case");
        }
    }

    @Test
    void theDemoRunsThroughEmrccAndLeavesThePredictedState() throws Exception {
        ContractTester t = ContractTester.named(EmrContract.CHAINCODE, EmrContract::new);
        EmrContract.definition(List.of("Org1MSP", "Org2MSP")).collections().values().forEach(t::collection);
        for (SeedAView.SeedAPatient p : VIEW.patients()) {
            String xid = t.as(person(p.registeredBy())).at(Instant.parse(p.registeredAt()))
                    .submit("registerPatient", p.registerPatientArgs().toArray(String[]::new)).payloadAsString();
            assertTrue(Xid.looksLikeXid(xid), xid);
        }
        List<String> events = new ArrayList<>();
        int a = 0;
        for (SeedAView.SeedACase c : VIEW.cases()) {
            for (; a < VIEW.authorizations().size()
                    && !Instant.parse(VIEW.authorizations().get(a).at()).isAfter(Instant.parse(c.time())); a++) {
                SeedAView.Authorization auth = VIEW.authorizations().get(a);
                assertEquals(EmrContract.AUTHORIZED, t.as(patient(auth.patient())).at(Instant.parse(auth.at()))
                        .submit("authorizeDoctor", auth.authorizeDoctorArgs().toArray(String[]::new)).payloadAsString());
            }
            ContractTester.Result r = t.as(person(c.doctor())).at(Instant.parse(c.time()))
                    .submit("enterData", c.enterDataArgs().toArray(String[]::new));
            assertEquals(EmrContract.SUBMITTED, r.payloadAsString(), c.caseId());
            assertEquals(new String(Json.bytes(c.caseRecord()), UTF_8), new String(t.state(c.caseId()), UTF_8),
                    "the state of " + c.caseId());
            events.add(r.event().orElseThrow().eventName());
        }
        assertTrue(events.stream().allMatch("UsageRecorded"::equals), events.toString());
        for (SeedAView.SeedAPatient p : VIEW.patients()) {
            PatientRecord actual = Json.read(t.state(p.username()), PatientRecord.class);
            assertEquals(VIEW.patientRecord(p.username(), actual.id()), actual, p.username());
            assertEquals(p.piiHash(), actual.piiHash());
        }

        SynthPractitioner researcher = DEMO.withRole(Roles.RESEARCHER).stream()
                .filter(r -> r.organization().equals(SyntheticHealthGenerator.RESEARCH_INSTITUTE)).findFirst().orElseThrow();
        String result = t.as(person(researcher.username())).at(Instant.parse("2024-12-31T12:00:00Z"))
                .submit("queryCases", "researcher", researcher.username(), "diabetes", "").payloadAsString();
        JsonNode found = new ObjectMapper().readTree(result);
        List<String> ids = new ArrayList<>();
        found.forEach(n -> ids.add(n.get("caseId").asText()));
        List<String> expected = VIEW.cases().stream()
                .filter(c -> c.diagnosis().toLowerCase(Locale.ROOT).contains("diabetes")).map(SeedAView.SeedACase::caseId)
                .toList();
        assertFalse(expected.isEmpty());
        assertEquals(expected, ids, "the researcher's keyword query finds the diabetes cases");
        for (SeedAView.SeedAPatient p : VIEW.patients()) {
            assertFalse(result.contains(p.username()) || result.contains(p.name()), "de-identified: " + result);
        }
    }

    @Test
    void theConsentsAreAcceptedByConsentccAndPermitTheTreatingDoctors() throws Exception {
        ContractTester t = ContractTester.named(ConsentContract.CHAINCODE, ConsentContract::new);
        for (Consent consent : DEMO.consents()) {
            String patientId = consent.patient().targetId().orElseThrow();
            String json = t.as(patient(patientId)).at(Instant.parse(consent.dateTime()))
                    .submit("putConsent", Fhir.toJson(consent)).payloadAsString();
            JsonNode change = new ObjectMapper().readTree(json);
            assertEquals(consent.id(), change.get("consentId").asText(), json);
            assertEquals("active", change.get("status").asText());
        }
        for (SeedAView.SeedACase c : VIEW.cases()) {
            String decision = t.as(person(c.doctor())).evaluate("evaluate", c.patient(), c.doctor(), Roles.DOCTOR, "TREAT",
                    "access", "Patient", c.time()).payloadAsString();
            assertEquals("permit", new ObjectMapper().readTree(decision).get("decision").asText(), c.caseId() + ": " + decision);
        }
    }
}
