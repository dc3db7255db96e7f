package dev.ledgersim.healthcare.e2e;

import static dev.ledgersim.healthcare.e2e.HealthNetwork.CHANNEL;
import static dev.ledgersim.healthcare.e2e.HealthNetwork.evaluate;
import static dev.ledgersim.healthcare.e2e.HealthNetwork.submit;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.gateway.SubmittedTransaction;
import dev.ledgersim.healthcare.audit.AuditLog;
import dev.ledgersim.healthcare.consent.ConsentContract;
import dev.ledgersim.healthcare.emr.EmrContract;
import dev.ledgersim.healthcare.fhir.AuditEvent;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.util.Json;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * HEALTHCARE.md §8.7 on the multi-organisation network: every accepted and rejected access, by callers
 * of all three organisations, yields exactly one AuditEvent about the patient with the right action,
 * outcome and purpose, in the contract's own namespace, and every event validates against §5.2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditNetworkTest {

    /** One access and the AuditEvent it must produce. */
    private record Expected(String chaincode, String txId, String action, String outcome, String purpose) {
    }

    private LedgerSim sim;
    private final List<Expected> expected = new ArrayList<>();

    @BeforeAll
    void build() {
        sim = HealthNetwork.build(87L);
    }

    @AfterAll
    void close() {
        sim.close();
    }

    private String access(Identity who, String chaincode, String action, String outcome, String purpose, String function,
                          String... args) throws Exception {
        try (Gateway gw = sim.connect(who)) {
            Contract contract = gw.getNetwork(CHANNEL).getContract(chaincode);
            SubmittedTransaction tx = contract.newProposal(function).addArguments(args).build().endorse().submitAsync();
            assertEquals(TxValidationCode.VALID, tx.getStatus().getCode(), function + " commits, granted or denied");
            sim.runUntilIdle();
            expected.add(new Expected(chaincode, tx.getTransactionId(), action, outcome, purpose));
            return new String(tx.getResult(), UTF_8);
        }
    }

    @Test
    void everyAcceptedAndRejectedAccessYieldsExactlyOneValidAuditEvent() throws Exception {
        Identity hospital = sim.organization("Org1MSP").enroll("registrar", Map.of("role", "hospital"));
        Identity tom = sim.organization("Org1MSP").enroll("tom", Map.of("role", "patient"));
        Identity eve = sim.organization("Org2MSP").enroll("eve", Map.of("role", "patient"));
        Identity drBob = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
        Identity drCarol = sim.organization("Org2MSP").enroll("drcarol", Map.of("role", "doctor"));
        Identity rita = sim.organization("Org3MSP").enroll("rita", Map.of("role", "researcher"));
        Identity reg = sim.organization("Org3MSP").enroll("reg", Map.of("role", "regulator"));
        String emr = EmrContract.CHAINCODE;
        String consent = ConsentContract.CHAINCODE;

        access(hospital, emr, "C", "0", "PATADMIN", "registerPatient", "tom", "Tom Jones", "4 Bay Rd", "+61 8 5550 0404", "1950-12-12");
        assertEquals(EmrContract.DENIED, access(drBob, emr, "R", "4", "TREAT", "queryInformation", "doctor", "drbob", "tom", ""));
        access(tom, emr, "U", "0", "PATRQT", "authorizeDoctor", "tom", "drbob");
        access(drBob, emr, "U", "0", "TREAT", "enterData", "drbob", "tom", "CXR consolidation", "pneumonia", "amoxicillin", "");
        access(drBob, emr, "R", "0", "TREAT", "queryInformation", "doctor", "drbob", "tom", "");
        access(rita, emr, "R", "0", "HRESCH", "queryCases", "researcher", "rita", "pneumonia", "");
        access(reg, emr, "R", "0", "HOPERAT", "queryUsageRecords", "tom");
        assertEquals(EmrContract.DENIED, access(drCarol, emr, "R", "4", "TREAT", "queryInformation", "doctor", "drcarol", "tom", ""));
        assertEquals(EmrContract.DENIED, access(eve, emr, "R", "4", "PATRQT", "queryUsageRecords", "tom"));
        assertEquals(EmrContract.DENIED, access(hospital, emr, "D", "4", "RECORDMGT", "purgeCase", "case10001"));
        access(tom, consent, "C", "0", "PATRQT", "putConsent", """
                {"resourceType":"Consent","id":"tom-1","status":"active",
                 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"treatment"}]},
                 "category":[{"text":"treatment consent"}],"patient":{"reference":"Patient/tom"},
                 "policyRule":{"text":"opt-in"},"provision":{"type":"deny"}}""");
        assertEquals(ConsentContract.DENIED, access(drCarol, consent, "U", "4", "PATRQT", "revokeConsent", "tom-1"));
        access(drCarol, consent, "E", "0", "BTG", "breakGlass", "tom", "collapsed at the clinic");

        try (Gateway gw = sim.connect(tom)) {
            List<JsonNode> emrEvents = Json.read(submit(sim, gw.getNetwork(CHANNEL).getContract(emr), "queryAudit", "tom", "", ""),
                    new TypeReference<List<JsonNode>>() { });
            List<JsonNode> consentEvents = Json.read(evaluate(gw.getNetwork(CHANNEL).getContract(consent), "queryAudit", "tom", "", ""),
                    new TypeReference<List<JsonNode>>() { });
            check(emr, emrEvents);
            check(consent, consentEvents);
        }
        for (Expected e : expected) {
            byte[] stored = sim.peer("peer0.org3msp").ledger(CHANNEL).worldState(e.chaincode(), AuditLog.key("tom", e.txId()));
            assertNotNull(stored, "every peer holds audit~tom~" + e.txId() + " in " + e.chaincode());
        }
    }

    private void check(String chaincode, List<JsonNode> events) {
        List<Expected> mine = expected.stream().filter(e -> e.chaincode().equals(chaincode)).toList();
        assertEquals(mine.size(), events.size(), "one AuditEvent per access in " + chaincode);
        for (int i = 0; i < mine.size(); i++) {
            Expected want = mine.get(i);
            AuditEvent got = Fhir.parse(events.get(i).toString(), AuditEvent.class);
            String where = chaincode + " event " + i + " (" + want + ")";
            assertEquals(want.action(), got.action(), where);
            assertEquals(want.outcome(), got.outcome(), where);
            assertEquals(want.purpose(), got.purposeOfEvent().get(0).coding().get(0).code(), where);
            assertEquals(want.txId(), got.entity().get(got.entity().size() - 1).what().identifier().value(), where);
            assertEquals("Patient/tom", got.entity().get(0).what().reference(), where);
            assertEquals(chaincode, got.source().observer().display(), where);
            assertEquals(CHANNEL, got.source().site(), where);
            assertTrue(got.agent().get(0).requestor(), where);
            if (!got.succeeded()) {
                assertTrue(got.outcomeDesc() != null && !got.outcomeDesc().isEmpty(), "a denial says why: " + where);
            }
        }
    }
}
