package dev.ledgersim.healthcare.e2e;

import static dev.ledgersim.healthcare.e2e.HealthNetwork.CHANNEL;
import static dev.ledgersim.healthcare.e2e.HealthNetwork.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.healthcare.emr.CaseRecord;
import dev.ledgersim.healthcare.emr.EmrContract;
import dev.ledgersim.healthcare.emr.PatientRecord;
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
 * HEALTHCARE.md §8.8 on the multi-organisation network. The first test enters cases on the network's
 * first day (2025-01-01) and shows the dates the contract computes (adult, child, aged 17, leap-day
 * birth) and the refusal of every early purge, audited. The second switches the whole network off for
 * seven years ({@link LedgerSim#suspendFor}) and shows an adult's case refused for purge the day before
 * its retention date and purged on it, on every peer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionNetworkTest {

    private LedgerSim sim;
    private Identity hospital;
    private Identity drBob;
    private Identity parent;
    private Identity adult;

    @BeforeAll
    void build() {
        sim = HealthNetwork.build(88L);
        hospital = sim.organization("Org2MSP").enroll("records", Map.of("role", "hospital"));
        drBob = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
        parent = sim.organization("Org1MSP").enroll("parent", Map.of("role", "patient", "guardianOf", "kid,teen,leapling"));
        adult = sim.organization("Org1MSP").enroll("adam", Map.of("role", "patient"));
    }

    @AfterAll
    void close() {
        sim.close();
    }

    private static Contract emr(Gateway gw) {
        return gw.getNetwork(CHANNEL).getContract(EmrContract.CHAINCODE);
    }

    private CaseRecord caseOf(String patient) {
        byte[] value = sim.peer("peer0.org1msp").ledger(CHANNEL).worldState(EmrContract.CHAINCODE, patient);
        String caseId = Json.read(value, PatientRecord.class).caseIds().get(0);
        return Json.read(sim.peer("peer0.org1msp").ledger(CHANNEL).worldState(EmrContract.CHAINCODE, caseId), CaseRecord.class);
    }

    @Test
    void retentionDatesAreComputedAndEarlyPurgesRefusedAndAudited() throws Exception {
        Map<String, String> births = Map.of("adam", "1980-05-05", "kid", "2010-06-15", "teen", "2007-06-01",
                "leapling", "2008-02-29");
        Map<String, String> expectedUntil = Map.of(
                "adam", "2032-01-01",       // adult: 7 years after the last entry
                "kid", "2035-06-15",        // child born 2010-06-15: until the 25th birthday
                "teen", "2032-06-01",       // aged 17 at the last entry: the 25th birthday is later than 7 years
                "leapling", "2033-03-01");  // born 29 Feb: the 25th birthday falls on 1 March in a common year
        try (Gateway hospitalGw = sim.connect(hospital); Gateway bobGw = sim.connect(drBob);
             Gateway parentGw = sim.connect(parent); Gateway adamGw = sim.connect(adult)) {
            for (String patient : List.of("adam", "kid", "teen", "leapling")) {
                submit(sim, emr(hospitalGw), "registerPatient", patient, "Name " + patient, "5 Main St", "+61 8 5550 0505",
                        births.get(patient));
                Gateway consenting = patient.equals("adam") ? adamGw : parentGw;
                assertEquals(EmrContract.AUTHORIZED, submit(sim, emr(consenting), "authorizeDoctor", patient, "drbob"));
                assertEquals(EmrContract.SUBMITTED, submit(sim, emr(bobGw), "enterData", "drbob", patient, "checked",
                        "routine review", "none", ""));
                CaseRecord c = caseOf(patient);
                assertEquals("2025-01-01", c.time().substring(0, 10), "the network's clock starts on 2025-01-01");
                assertEquals(expectedUntil.get(patient), c.retentionUntil(), patient);

                assertEquals(EmrContract.DENIED, submit(sim, emr(bobGw), "purgeCase", c.caseId()), "only a hospital purges");
                assertEquals(EmrContract.DENIED, submit(sim, emr(hospitalGw), "purgeCase", c.caseId()), patient + " too early");
                assertNotNull(sim.peer("peer0.org2msp").ledger(CHANNEL).worldState(EmrContract.CHAINCODE, c.caseId()));

                List<JsonNode> audit = Json.read(submit(sim, emr(consenting), "queryAudit", patient, "", ""),
                        new TypeReference<List<JsonNode>>() { });
                JsonNode refusal = audit.get(audit.size() - 1);
                assertEquals("D", refusal.get("action").asText());
                assertEquals("4", refusal.get("outcome").asText());
                assertEquals("RECORDMGT", refusal.get("purposeOfEvent").get(0).get("coding").get(0).get("code").asText());
                assertTrue(refusal.get("outcomeDesc").asText().contains("runs until " + expectedUntil.get(patient)),
                        refusal.toString());
            }
        }
    }

    @Test
    void afterSevenYearsOffTheCaseIsPurgedOnTheRetentionDateAndNotTheDayBefore() throws Exception {
        try (LedgerSim network = HealthNetwork.build(89L)) {
            Identity registrar = network.organization("Org2MSP").enroll("records", Map.of("role", "hospital"));
            Identity doctor = network.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
            Identity patient = network.organization("Org1MSP").enroll("ivy", Map.of("role", "patient"));
            String caseId;
            try (Gateway hospitalGw = network.connect(registrar); Gateway bobGw = network.connect(doctor);
                 Gateway ivyGw = network.connect(patient)) {
                submit(network, emr(hospitalGw), "registerPatient", "ivy", "Ivy Adams", "7 Park Tce", "+61 8 5550 0707",
                        "1970-03-01");
                assertEquals(EmrContract.AUTHORIZED, submit(network, emr(ivyGw), "authorizeDoctor", "ivy", "drbob"));
                assertEquals(EmrContract.SUBMITTED, submit(network, emr(bobGw), "enterData", "drbob", "ivy", "checked",
                        "routine review", "none", ""));
            }
            byte[] patientRecord = network.peer("peer0.org1msp").ledger(CHANNEL).worldState(EmrContract.CHAINCODE, "ivy");
            caseId = Json.read(patientRecord, PatientRecord.class).caseIds().get(0);
            CaseRecord entered = Json.read(network.peer("peer0.org1msp").ledger(CHANNEL)
                    .worldState(EmrContract.CHAINCODE, caseId), CaseRecord.class);
            assertEquals("2032-01-01", entered.retentionUntil(), "an adult's case: 7 years after the entry of 2025-01-01");

            // The whole network is off until the last day before the retention date: the hospital's old
            // certificate has expired meanwhile, so its records office enrolls again.
            network.suspendFor(Duration.between(network.now(), Instant.parse("2031-12-31T09:00:00Z")));
            Identity archivist = network.organization("Org2MSP").enroll("archivist", Map.of("role", "hospital"));
            try (Gateway archiveGw = network.connect(archivist)) {
                assertEquals(EmrContract.DENIED, submit(network, emr(archiveGw), "purgeCase", caseId), "the day before");
                assertNotNull(network.peer("peer0.org2msp").ledger(CHANNEL).worldState(EmrContract.CHAINCODE, caseId));

                network.suspendFor(Duration.ofDays(1));
                assertEquals("2032-01-01", network.now().toString().substring(0, 10));
                assertEquals(EmrContract.PURGED, submit(network, emr(archiveGw), "purgeCase", caseId), "on the date");
            }
            for (String peer : network.peers()) {
                assertNull(network.peer(peer).ledger(CHANNEL).worldState(EmrContract.CHAINCODE, caseId),
                        "the case is gone from " + peer);
                network.peer(peer).ledger(CHANNEL).verifyChain();
            }
        }
    }
}
