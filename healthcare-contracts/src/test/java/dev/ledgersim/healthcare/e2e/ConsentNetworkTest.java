package dev.ledgersim.healthcare.e2e;

import static dev.ledgersim.healthcare.e2e.HealthNetwork.CHANNEL;
import static dev.ledgersim.healthcare.e2e.HealthNetwork.evaluate;
import static dev.ledgersim.healthcare.e2e.HealthNetwork.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgersim.gateway.ChaincodeEvent;
import dev.ledgersim.gateway.CloseableIterator;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.healthcare.consent.ConsentContract;
import dev.ledgersim.healthcare.emr.EmrContract;
import dev.ledgersim.healthcare.emr.UsageRecord;
import dev.ledgersim.healthcare.util.Json;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * HEALTHCARE.md §8.5's acceptance scenarios on the multi-organisation network, with consentcc deciding
 * access to emrcc's records by chaincode-to-chaincode calls. One network for the class; each test uses its
 * own patient.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentNetworkTest {

    private LedgerSim sim;
    private Identity hospital;
    private Identity drCarol;
    private Identity drDan;

    @BeforeAll
    void build() {
        sim = HealthNetwork.build(85L);
        hospital = sim.organization("Org1MSP").enroll("registrar", Map.of("role", "hospital"));
        drCarol = sim.organization("Org2MSP").enroll("drcarol", Map.of("role", "doctor"));
        drDan = sim.organization("Org1MSP").enroll("drdan", Map.of("role", "doctor"));
    }

    @AfterAll
    void close() {
        sim.close();
    }

    private Identity patient(String name) throws Exception {
        Identity identity = sim.organization("Org1MSP").enroll(name, Map.of("role", "patient"));
        try (Gateway gw = sim.connect(hospital)) {
            submit(sim, emr(gw), "registerPatient", name, "Patient " + name, "3 Pier St", "+61 8 5550 0303", "1975-04-04");
        }
        return identity;
    }

    private static Contract emr(Gateway gateway) {
        return gateway.getNetwork(CHANNEL).getContract(EmrContract.CHAINCODE);
    }

    private static Contract consent(Gateway gateway) {
        return gateway.getNetwork(CHANNEL).getContract(ConsentContract.CHAINCODE);
    }

    private static String treatConsent(String id, String patient, String actor, String nested) {
        return """
                {"resourceType":"Consent","id":"%s","status":"active",
                 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"treatment"}]},
                 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
                 "patient":{"reference":"Patient/%s"},
                 "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
                 "provision":{"type":"deny","provision":[{"type":"permit",
                   "actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"PRCP"}]},
                             "reference":{"reference":"Practitioner/%s"}}],
                   "purpose":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"TREAT"}]%s}]}}"""
                .formatted(id, patient, actor, nested);
    }

    private String decision(Gateway gw, String patient, String actor, String purpose, String time) throws Exception {
        return Json.read(evaluate(consent(gw), "evaluate", patient, actor, "doctor", purpose, "access", "Patient", time),
                JsonNode.class).get("decision").asText();
    }

    private UsageRecord lastUsage(Gateway gw, String patient) throws Exception {
        List<Map<String, String>> records = Json.read(evaluate(emr(gw), "queryUsageRecords", patient),
                new TypeReference<List<Map<String, String>>>() { });
        Map<String, String> last = records.get(records.size() - 1);
        return new UsageRecord(UsageRecord.DOC_TYPE, last.get("recordId"), last.get("operation"), last.get("role"),
                last.get("username"), last.get("mspId"), last.get("target"), last.get("time"), last.get("purpose"),
                last.get("outcome"), null, null);
    }

    @Test
    void aTreatGrantLetsTheActorReadAndRevokeRemovesIt() throws Exception {
        Identity paula = patient("paula");
        try (Gateway paulaGw = sim.connect(paula); Gateway carolGw = sim.connect(drCarol)) {
            assertEquals(EmrContract.DENIED, submit(sim, emr(carolGw), "queryInformation", "doctor", "drcarol", "paula", ""));

            JsonNode change = Json.read(submit(sim, consent(paulaGw), "putConsent", treatConsent("paula-treat", "paula", "drcarol", "")),
                    JsonNode.class);
            assertEquals("active", change.get("status").asText());
            JsonNode info = Json.read(submit(sim, emr(carolGw), "queryInformation", "doctor", "drcarol", "paula", ""), JsonNode.class);
            assertEquals("Patient paula", info.get("name").asText(), "the consent in consentcc grants emrcc access");
            UsageRecord read = lastUsage(paulaGw, "paula");
            assertEquals("success", read.outcome());
            assertEquals("TREAT", read.purpose());

            submit(sim, consent(paulaGw), "revokeConsent", "paula-treat");
            assertEquals(EmrContract.DENIED, submit(sim, emr(carolGw), "queryInformation", "doctor", "drcarol", "paula", ""));
            assertEquals("deny", decision(carolGw, "paula", "drcarol", "TREAT", ""));
        }
    }

    @Test
    void aTreatGrantCoversCoordinationAndEmergencyButNotResearch() throws Exception {
        Identity quinn = patient("quinn");
        try (Gateway gw = sim.connect(quinn)) {
            submit(sim, consent(gw), "putConsent", treatConsent("quinn-treat", "quinn", "drcarol", ""));
            assertEquals("permit", decision(gw, "quinn", "drcarol", "TREAT", ""));
            assertEquals("permit", decision(gw, "quinn", "drcarol", "COC", ""));
            assertEquals("permit", decision(gw, "quinn", "drcarol", "ETREAT", ""));
            assertEquals("deny", decision(gw, "quinn", "drcarol", "HRESCH", ""));
        }
    }

    @Test
    void aNestedDenyForADateRangeOverridesTheBasePermit() throws Exception {
        Identity rosa = patient("rosa");
        Instant now = sim.now();
        String start = now.plus(Duration.ofDays(10)).toString().substring(0, 10);
        String end = now.plus(Duration.ofDays(20)).toString().substring(0, 10);
        String nested = ",\"provision\":[{\"type\":\"deny\",\"period\":{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}}]";
        try (Gateway gw = sim.connect(rosa)) {
            submit(sim, consent(gw), "putConsent", treatConsent("rosa-treat", "rosa", "drcarol", nested));
            assertEquals("permit", decision(gw, "rosa", "drcarol", "TREAT", ""));
            assertEquals("deny", decision(gw, "rosa", "drcarol", "TREAT", now.plus(Duration.ofDays(15)).toString()));
            assertEquals("permit", decision(gw, "rosa", "drcarol", "TREAT", now.plus(Duration.ofDays(25)).toString()));
        }
    }

    @Test
    void breakGlassWithoutConsentSucceedsIsAuditedNotifiesThePatientAndExpires() throws Exception {
        Identity sam = patient("sam");
        try (Gateway samGw = sim.connect(sam); Gateway danGw = sim.connect(drDan)) {
            assertEquals(EmrContract.DENIED, submit(sim, emr(danGw), "queryInformation", "doctor", "drdan", "sam", ""));
            JsonNode opened;
            try (CloseableIterator<ChaincodeEvent> events = samGw.getNetwork(CHANNEL).getChaincodeEvents(ConsentContract.CHAINCODE)) {
                opened = Json.read(submit(sim, consent(danGw), "breakGlass", "sam", "unconscious in the emergency department"),
                        JsonNode.class);
                ChaincodeEvent notification = null;
                while (events.hasNext()) {
                    ChaincodeEvent e = events.next();
                    if (e.getEventName().equals("BreakGlass")) {
                        notification = e;
                        break;
                    }
                }
                assertNotNull(notification, "the patient is notified");
                JsonNode payload = Json.read(notification.getPayload(), JsonNode.class);
                assertEquals("sam", payload.get("patientId").asText());
                assertEquals("drdan", payload.get("actor").asText());
                assertEquals(opened.get("until").asText(), payload.get("until").asText());
            }
            Instant until = Instant.parse(opened.get("until").asText());

            // without any consent, the emergency read succeeds and is recorded for BTG
            JsonNode info = Json.read(submit(sim, emr(danGw), "queryInformation", "doctor", "drdan", "sam", ""), JsonNode.class);
            assertEquals("Patient sam", info.get("name").asText());
            assertEquals("BTG", lastUsage(samGw, "sam").purpose());

            // the AuditEvent of the override: purpose BTG, subtype DICOM 110127
            List<JsonNode> audit = Json.read(evaluate(consent(samGw), "queryAudit", "sam", "", ""),
                    new TypeReference<List<JsonNode>>() { });
            JsonNode override = audit.get(audit.size() - 1);
            assertEquals("BTG", override.get("purposeOfEvent").get(0).get("coding").get(0).get("code").asText());
            boolean subtype = false;
            for (JsonNode c : override.get("subtype")) {
                subtype |= "110127".equals(c.get("code").asText()) && "http://dicom.nema.org/resources/ontology/DCM".equals(c.get("system").asText());
            }
            assertTrue(subtype, override.toString());
            assertEquals("E", override.get("action").asText());

            // it expires: decided at its end, and for real after simulated time passes
            assertEquals("permit", decision(danGw, "sam", "drdan", "BTG", until.minusSeconds(1).toString()));
            assertEquals("deny", decision(danGw, "sam", "drdan", "BTG", until.toString()));
            sim.runFor(Duration.between(sim.now(), until).plusSeconds(1));
            assertEquals(EmrContract.DENIED, submit(sim, emr(danGw), "queryInformation", "doctor", "drdan", "sam", ""));
            assertEquals("denied", lastUsage(samGw, "sam").outcome());
        }
    }
}
