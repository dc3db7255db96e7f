package dev.ledgersim.healthcare.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.contract.ContractTester;
import dev.ledgersim.healthcare.TestIdentities;
import dev.ledgersim.healthcare.fhir.AuditEvent;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.msp.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** AuditLog's event shape, keys and time-range query (HEALTHCARE.md §5.2, §8.7). */
class AuditLogTest {

    private static final Identity DR_BOB = new TestIdentities().enroll("Org1MSP", "drbob", "doctor");

    @Test
    void eventsHaveTheSection5_2ShapeAndOneKeyPerPatientAndTransaction() {
        ContractTester t = ContractTester.named("probecc", AuditProbeContract::new).as(DR_BOB)
                .at(Instant.parse("2025-02-03T04:05:06Z"));
        ContractTester.Result r = t.submit("log", "alice", "READ", "true", "false");
        assertEquals("\u0000audit\u0000alice\u0000" + r.txId() + "\u0000", AuditLog.key("alice", r.txId()));
        byte[] stored = t.state(AuditLog.key("alice", r.txId()));
        assertNotNull(stored);
        AuditEvent e = Fhir.parse(stored, AuditEvent.class);
        assertEquals(r.payloadAsString(), new String(stored, StandardCharsets.UTF_8));
        assertEquals("rest", e.type().code());
        assertEquals("read", e.subtype().get(0).code());
        assertEquals("R", e.action());
        assertEquals("2025-02-03T04:05:06Z", e.recorded());
        assertEquals("0", e.outcome());
        assertEquals("TREAT", e.purposeOfEvent().get(0).coding().get(0).code());
        assertEquals("treatment", e.purposeOfEvent().get(0).coding().get(0).display());
        assertEquals("drbob", e.agent().get(0).who().identifier().value());
        assertTrue(e.agent().get(0).requestor());
        assertTrue(e.agent().get(0).altId().startsWith("x509::"), e.agent().get(0).altId());
        assertEquals("Org1MSP", e.agent().get(1).who().identifier().value());
        assertEquals("probecc", e.source().observer().display());
        assertEquals("Patient/alice", e.entity().get(0).what().reference());
        assertEquals("Encounter/case1", e.entity().get(1).what().reference());
        assertEquals(r.txId(), e.entity().get(2).what().identifier().value());

        AuditEvent denied = Fhir.parse(t.submit("log", "alice", "UPDATE", "false", "false").payload(), AuditEvent.class);
        assertEquals("4", denied.outcome());
        assertEquals("refused", denied.outcomeDesc());
        assertEquals("U", denied.action());
    }

    @Test
    void breakGlassEventsAreSecurityAlertsWithEmergencyOverrideSubtype() {
        ContractTester t = ContractTester.named("probecc", AuditProbeContract::new).as(DR_BOB);
        AuditEvent e = Fhir.parse(t.submit("log", "alice", "EXECUTE", "true", "true").payload(), AuditEvent.class);
        assertEquals(AuditLog.SECURITY_ALERT, e.type().code());
        assertTrue(e.subtype().stream().anyMatch(c -> c.is(AuditLog.DICOM_SYSTEM, "110127")));
        assertEquals("E", e.action());
        assertEquals("BTG", e.purposeOfEvent().get(0).coding().get(0).code());
    }

    @Test
    void queryReturnsTheRangeOldestFirst() {
        ContractTester t = ContractTester.named("probecc", AuditProbeContract::new).as(DR_BOB);
        for (String time : new String[] {"2025-03-03T00:00:00Z", "2025-03-01T00:00:00Z", "2025-03-02T00:00:00Z"}) {
            t.at(Instant.parse(time)).submit("log", "alice", "READ", "true", "false");
        }
        t.submit("log", "eve", "READ", "true", "false");
        assertEquals("2025-03-01T00:00:00Z,2025-03-02T00:00:00Z,2025-03-03T00:00:00Z", t.evaluate("read", "alice", "", "").payloadAsString());
        assertEquals("2025-03-02T00:00:00Z,2025-03-03T00:00:00Z",
                t.evaluate("read", "alice", "2025-03-02T00:00:00Z", "2025-03-03T00:00:00Z").payloadAsString(), "bounds inclusive");
        assertEquals("2025-03-02T00:00:00Z", t.evaluate("read", "eve", "", "").payloadAsString());
    }
}
