package dev.ledgersim.healthcare.e2e;

import static dev.ledgersim.healthcare.e2e.HealthNetwork.CHANNEL;
import static dev.ledgersim.healthcare.e2e.HealthNetwork.submit;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgersim.gateway.ChaincodeEvent;
import dev.ledgersim.gateway.CloseableIterator;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.EndorseException;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.gateway.SubmittedTransaction;
import dev.ledgersim.healthcare.emr.CaseRecord;
import dev.ledgersim.healthcare.emr.EmrContract;
import dev.ledgersim.healthcare.emr.PatientRecord;
import dev.ledgersim.healthcare.emr.UsageRecord;
import dev.ledgersim.healthcare.util.Hashing;
import dev.ledgersim.healthcare.util.Json;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.LedgerView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * HEALTHCARE.md §8.1's acceptance scenario on a multi-organisation network: real lifecycle deployment,
 * endorsement by a majority of the hospital organisations, Raft ordering and MVCC validation. One network
 * for the class; the story's steps run in order because the record numbers are the paper's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmrNetworkTest {

    private LedgerSim sim;
    private Identity alice;
    private Identity drBob;
    private Identity drDan;
    private Identity registrar;
    private Identity rita;
    private Identity regulator;

    @BeforeAll
    void build() {
        sim = HealthNetwork.build(9L);
        alice = sim.organization("Org1MSP").enroll("alice", Map.of("role", "patient"));
        drBob = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
        drDan = sim.organization("Org2MSP").enroll("drdan", Map.of("role", "doctor"));
        registrar = sim.organization("Org2MSP").enroll("registrar", Map.of("role", "hospital"));
        rita = sim.organization("Org3MSP").enroll("rita", Map.of("role", "researcher"));
        regulator = sim.organization("Org3MSP").enroll("reg", Map.of("role", "regulator"));
    }

    @AfterAll
    void close() {
        sim.close();
    }

    private Contract emr(Gateway gateway) {
        return gateway.getNetwork(CHANNEL).getContract(EmrContract.CHAINCODE);
    }

    private LedgerView ledger(String peer) {
        return sim.peer(peer).ledger(CHANNEL);
    }

    private byte[] state(String key) {
        return ledger("peer0.org1msp").worldState(EmrContract.CHAINCODE, key);
    }

    private UsageRecord usage(String recordId) {
        byte[] value = state(recordId);
        assertNotNull(value, recordId);
        return Json.read(value, UsageRecord.class);
    }

    @Test
    @Order(1)
    void sectionEightOneScenario() throws Exception {
        try (Gateway aliceGw = sim.connect(alice); Gateway bobGw = sim.connect(drBob); Gateway ritaGw = sim.connect(rita)) {
            // register alice: personal data in the collection, only its hash on the public state
            String xid = submit(sim, emr(aliceGw), "registerPatient", "alice", "Alice Smith", "1 Beach Rd, Glenelg SA 5045",
                    "+61 8 5550 0101", "1990-01-01");
            assertEquals(20, xid.length());
            PatientRecord patient = Json.read(state("alice"), PatientRecord.class);
            assertFalse(new String(state("alice"), UTF_8).contains("Alice Smith"));
            byte[] pii = ledger("peer0.org1msp").privateData(EmrContract.CHAINCODE, EmrContract.PII_COLLECTION, "alice");
            assertNotNull(pii, "the endorsing member peer holds the personal data");
            assertEquals(patient.piiHash(), Hashing.sha256Hex(pii));
            LedgerView research = ledger("peer0.org3msp");
            sim.runUntilIdle();
            assertNull(research.privateData(EmrContract.CHAINCODE, EmrContract.PII_COLLECTION, "alice"),
                    "the research organisation is not a member");
            assertArrayEquals(Hashing.sha256(pii), research.privateDataHash(EmrContract.CHAINCODE, EmrContract.PII_COLLECTION, "alice"),
                    "but its peer holds the hash");

            // doctor bob enters data without permission: denied, committed, recorded as record10001
            Contract bobEmr = emr(bobGw);
            SubmittedTransaction denied = bobEmr.newProposal("enterData")
                    .addArguments("drbob", "alice", "HbA1c 8.1 %", "Type 2 diabetes mellitus", "metformin 500 mg", "2025-01-01T10:00:00Z")
                    .build().endorse().submitAsync();
            assertEquals("Error! Permission denied", new String(denied.getResult(), UTF_8));
            assertEquals(TxValidationCode.VALID, denied.getStatus().getCode(), "a denial is a committed transaction");
            sim.runUntilIdle();
            UsageRecord first = usage("record10001");
            assertEquals("denied", first.outcome());
            assertEquals("drbob", first.username());
            assertNull(state("case10001"));

            // alice authorises bob; bob's entry succeeds: case10001 and record10002 (append)
            assertEquals(EmrContract.AUTHORIZED, submit(sim, emr(aliceGw), "authorizeDoctor", "alice", "drbob"));
            assertEquals("Submission complete", submit(sim, bobEmr, "enterData", "drbob", "alice", "HbA1c 8.1 %",
                    "Type 2 diabetes mellitus", "metformin 500 mg", "2025-01-01T10:05:00Z"));
            CaseRecord c = Json.read(state("case10001"), CaseRecord.class);
            assertEquals("Type 2 diabetes mellitus", c.diagnosis());
            assertEquals("append", usage("record10002").operation());
            assertEquals("success", usage("record10002").outcome());

            // bob reads personal and medical data: record10003 (read)
            JsonNode info = Json.read(submit(sim, bobEmr, "queryInformation", "doctor", "drbob", "alice", "2025-01-01T10:10:00Z"),
                    JsonNode.class);
            assertEquals("Alice Smith", info.get("name").asText());
            assertEquals("1 Beach Rd, Glenelg SA 5045", info.get("address").asText());
            assertEquals("+61 8 5550 0101", info.get("phone").asText());
            assertEquals("case10001", info.get("cases").get(0).get("caseId").asText());
            assertEquals("HbA1c 8.1 %", info.get("cases").get(0).get("testResults").asText());
            assertEquals("read", usage("record10003").operation());

            // the researcher's keyword query: de-identified cases only
            String cases = submit(sim, emr(ritaGw), "queryCases", "researcher", "rita", "diabetes", "2025-01-01T11:00:00Z");
            List<Map<String, String>> found = Json.read(cases, new TypeReference<List<Map<String, String>>>() { });
            assertEquals(1, found.size());
            assertEquals("case10001", found.get(0).get("caseId"));
            for (String identifying : List.of("alice", "Alice", "Beach", "5550", "username", "drbob")) {
                assertFalse(cases.contains(identifying), identifying + " in " + cases);
            }
            assertEquals("researcher", usage("record10004").role());
            assertEquals("HRESCH", usage("record10004").purpose());

            // alice revokes bob; bob's read is denied
            try (CloseableIterator<ChaincodeEvent> events = aliceGw.getNetwork(CHANNEL).getChaincodeEvents(EmrContract.CHAINCODE)) {
                assertEquals(EmrContract.REVOKED, submit(sim, emr(aliceGw), "revokeDoctor", "alice", "drbob"));
                ChaincodeEvent revoked = next(events, "DoctorRevoked");
                assertEquals("drbob", Json.read(revoked.getPayload(), JsonNode.class).get("doctorId").asText());
            }
            assertEquals("Error! Permission denied", submit(sim, bobEmr, "queryInformation", "doctor", "drbob", "alice", ""));
            assertEquals("denied", usage("record10005").outcome());

            // alice lists every record about her, in ledger order
            List<Map<String, String>> records = Json.read(submit(sim, emr(aliceGw), "queryUsageRecords", "alice"),
                    new TypeReference<List<Map<String, String>>>() { });
            assertEquals(List.of("record10001", "record10002", "record10003", "record10004", "record10005"),
                    records.stream().map(r -> r.get("recordId")).toList());
            assertEquals(List.of("append", "append", "read", "read", "read"), records.stream().map(r -> r.get("operation")).toList());
            assertEquals(List.of("denied", "success", "success", "success", "denied"), records.stream().map(r -> r.get("outcome")).toList());
            assertEquals(List.of("drbob", "drbob", "drbob", "rita", "drbob"), records.stream().map(r -> r.get("username")).toList());
            assertEquals("Org3MSP", records.get(3).get("mspId"));
        }
        for (String peer : sim.peers()) {
            ledger(peer).verifyChain();
        }
    }

    @Test
    @Order(2)
    void twoDoctorsEnteringDataInOneBlockConflictOnTheCaseCounter() throws Exception {
        try (Gateway aliceGw = sim.connect(alice); Gateway bobGw = sim.connect(drBob); Gateway danGw = sim.connect(drDan)) {
            submit(sim, emr(aliceGw), "authorizeDoctor", "alice", "drbob");
            submit(sim, emr(aliceGw), "authorizeDoctor", "alice", "drdan");
            var fromBob = emr(bobGw).newProposal("enterData")
                    .addArguments("drbob", "alice", "BP 150/95", "hypertension", "amlodipine", "").build().endorse();
            var fromDan = emr(danGw).newProposal("enterData")
                    .addArguments("drdan", "alice", "BP 148/92", "hypertension", "lifestyle", "").build().endorse();
            SubmittedTransaction a = fromBob.submitAsync();
            SubmittedTransaction b = fromDan.submitAsync();
            Status sa = a.getStatus();
            Status sb = b.getStatus();
            sim.runUntilIdle();
            assertEquals(sa.getBlockNumber(), sb.getBlockNumber(), "both in one block");
            List<TxValidationCode> codes = List.of(sa.getCode(), sb.getCode());
            assertTrue(codes.contains(TxValidationCode.VALID), codes.toString());
            assertTrue(codes.contains(TxValidationCode.MVCC_READ_CONFLICT), codes.toString());
            SubmittedTransaction winner = sa.isSuccessful() ? a : b;
            CaseRecord c = Json.read(state("case10002"), CaseRecord.class);
            assertEquals(winner == a ? "drbob" : "drdan", c.doctor());
            assertNull(state("case10003"), "the invalidated entry wrote nothing");
        }
    }

    @Test
    @Order(3)
    void purgeIsRejectedForAnAdultCaseYoungerThanSevenYearsAndAMinorsCaseBeforeAge25() throws Exception {
        Identity charlie = sim.organization("Org2MSP").enroll("charlie", Map.of("role", "patient"));
        try (Gateway hospital = sim.connect(registrar); Gateway bobGw = sim.connect(drBob);
             Gateway charlieGw = sim.connect(charlie); Gateway regGw = sim.connect(regulator)) {
            submit(sim, emr(hospital), "registerPatient", "charlie", "Charlie Minor", "2 Jetty St", "+61 8 5550 0202", "2015-03-03");
            submit(sim, emr(charlieGw), "authorizeDoctor", "charlie", "drbob");
            assertEquals(EmrContract.SUBMITTED, submit(sim, emr(bobGw), "enterData", "drbob", "charlie", "temp 39.2 C",
                    "otitis media", "amoxicillin", ""));
            String minorCase = "case10003";
            assertEquals("charlie", Json.read(state(minorCase), CaseRecord.class).patient());
            assertEquals("2040-03-03", Json.read(state(minorCase), CaseRecord.class).retentionUntil(), "25th birthday");

            assertEquals(EmrContract.DENIED, submit(sim, emr(hospital), "purgeCase", "case10001"), "adult case younger than 7 years");
            assertEquals(EmrContract.DENIED, submit(sim, emr(hospital), "purgeCase", minorCase), "minor before the 25th birthday");
            assertNotNull(state("case10001"));
            assertNotNull(state(minorCase));
            List<Map<String, String>> records = Json.read(submit(sim, emr(regGw), "queryUsageRecords", "charlie"),
                    new TypeReference<List<Map<String, String>>>() { });
            Map<String, String> purge = records.get(records.size() - 1);
            assertEquals("delete", purge.get("operation"));
            assertEquals("denied", purge.get("outcome"));
            assertEquals(minorCase, purge.get("target"));
            JsonNode audit = Json.read(submit(sim, emr(charlieGw), "queryAudit", "charlie", "", ""), JsonNode.class);
            JsonNode refusal = null;
            for (JsonNode event : audit) {
                if ("D".equals(event.get("action").asText())) {
                    refusal = event;
                }
            }
            assertNotNull(refusal, "the refused purge is audited for charlie");
            assertEquals("4", refusal.get("outcome").asText());
            assertEquals("R", audit.get(audit.size() - 1).get("action").asText(), "then the regulator's read");
            assertTrue(refusal.get("outcomeDesc").asText().contains("runs until 2040-03-03"), refusal.toString());
            assertTrue(refusal.get("outcomeDesc").asText().contains("a minor"), refusal.toString());
        }
    }

    @Test
    @Order(4)
    void badInputFailsEndorsementAndNothingIsCommitted() throws Exception {
        try (Gateway bobGw = sim.connect(drBob)) {
            EndorseException e = assertThrows(EndorseException.class,
                    () -> emr(bobGw).submitTransaction("queryInformation", "doctor", "drbob", "nobody", ""));
            assertTrue(e.getMessage().contains("unknown patient: 'nobody'"), e.getMessage());
            EndorseException count = assertThrows(EndorseException.class,
                    () -> emr(bobGw).submitTransaction("enterData", "drbob", "alice"));
            assertTrue(count.getMessage().contains("Incorrect number of arguments"), count.getMessage());
        }
    }

    private static ChaincodeEvent next(CloseableIterator<ChaincodeEvent> events, String name) {
        while (events.hasNext()) {
            ChaincodeEvent event = events.next();
            if (event.getEventName().equals(name)) {
                return event;
            }
        }
        throw new AssertionError("no event " + name);
    }
}
