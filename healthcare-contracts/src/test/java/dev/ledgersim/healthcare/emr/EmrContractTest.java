package dev.ledgersim.healthcare.emr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ContractTester;
import dev.ledgersim.healthcare.TestIdentities;
import dev.ledgersim.healthcare.audit.AuditLog;
import dev.ledgersim.healthcare.fhir.AuditEvent;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.fhir.Provenance;
import dev.ledgersim.healthcare.util.Hashing;
import dev.ledgersim.healthcare.util.Json;
import dev.ledgersim.healthcare.util.Xid;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.msp.Identity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EmrContract's functions and their edge cases, without a network (HEALTHCARE.md §8.1, §8.9). */
class EmrContractTest {

    private static final TestIdentities IDS = new TestIdentities();
    static final Identity ALICE = IDS.enroll("Org1MSP", "alice", "patient");
    static final Identity EVE = IDS.enroll("Org2MSP", "eve", "patient");
    static final Identity DR_BOB = IDS.enroll("Org1MSP", "drbob", "doctor");
    static final Identity DR_DAN = IDS.enroll("Org2MSP", "drdan", "doctor");
    static final Identity NURSE = IDS.enroll("Org1MSP", "nina", "nurse");
    static final Identity HOSPITAL = IDS.enroll("Org2MSP", "registrar", "hospital");
    static final Identity RESEARCHER = IDS.enroll("Org3MSP", "rita", "researcher");
    static final Identity REGULATOR = IDS.enroll("Org3MSP", "reg", "regulator");
    static final Identity NO_ROLE = IDS.enroll("Org1MSP", "mallory", null);
    static final Identity GUARDIAN = IDS.enroll("Org1MSP", "dad", "patient", Map.of("guardianOf", "charlie"));

    private ContractTester t;

    static ContractTester emrTester() {
        ContractTester tester = ContractTester.named(EmrContract.CHAINCODE, EmrContract::new);
        EmrContract.definition(List.of("Org1MSP", "Org2MSP")).collections().values().forEach(tester::collection);
        return tester;
    }

    @BeforeEach
    void setUp() {
        t = emrTester();
    }

    // ------------------------------------------------------------------ helpers

    private String register(Identity who, String username, String birthDate) {
        return t.as(who).submit("registerPatient", username, "Name of " + username, "1 Beach Rd, Glenelg",
                "+61 8 5550 0101", birthDate).payloadAsString();
    }

    private String call(Identity who, String function, String... args) {
        return t.as(who).submit(function, args).payloadAsString();
    }

    private UsageRecord usage(String recordId) {
        byte[] value = t.state(recordId);
        assertNotNull(value, recordId + " exists");
        return Json.read(value, UsageRecord.class);
    }

    private AuditEvent audit(String patient, String txId) {
        byte[] value = t.state(AuditLog.key(patient, txId));
        assertNotNull(value, "audit event of " + patient + " in " + txId);
        return Fhir.parse(value, AuditEvent.class);
    }

    private static List<String> writtenKeys(ContractTester.Result result) {
        List<String> keys = new ArrayList<>();
        for (NsReadWriteSet ns : result.rwSet().nsRwSets()) {
            if (ns.namespace().equals(EmrContract.CHAINCODE)) {
                for (KvWrite w : ns.rwset().writes()) {
                    keys.add(w.key());
                }
            }
        }
        return keys;
    }

    private static String message(Runnable r) {
        return assertThrows(ChaincodeException.class, r::run).getMessage();
    }

    private void aliceWithCase() {
        register(ALICE, "alice", "1990-01-01");
        call(ALICE, "authorizeDoctor", "alice", "drbob");
        assertEquals(EmrContract.SUBMITTED, call(DR_BOB, "enterData", "drbob", "alice", "HbA1c 8.1 %",
                "Type 2 diabetes mellitus", "metformin 500 mg", "2025-01-01T10:00:00Z"));
    }

    // ------------------------------------------------------------------ registerPatient

    @Test
    void registerPatientKeepsPersonalDataInTheCollectionAndOnlyItsHashPublic() {
        ContractTester.Result r = t.as(ALICE).submit("registerPatient", "alice", "Alice Smith", "1 Beach Rd, Glenelg",
                "+61 8 5550 0101", "1990-01-01");
        String xid = r.payloadAsString();
        assertTrue(Xid.looksLikeXid(xid), xid);
        byte[] pii = t.privateState(EmrContract.PII_COLLECTION, "alice");
        assertNotNull(pii);
        PersonalData data = Json.read(pii, PersonalData.class);
        assertEquals("Alice Smith", data.name());
        PatientRecord patient = Json.read(t.state("alice"), PatientRecord.class);
        assertEquals(Hashing.sha256Hex(pii), patient.piiHash());
        assertEquals(xid, patient.id());
        String publicJson = new String(t.state("alice"), UTF_8);
        for (String secret : List.of("Alice Smith", "Beach", "5550")) {
            assertFalse(publicJson.contains(secret), secret + " must not be public: " + publicJson);
            assertFalse(r.rwSet().toString().contains(secret), secret + " must not be in the public rw-set");
        }
        assertEquals("alice", new String(t.state(EmrContract.xidKey(xid)), UTF_8), "the xid index names the patient");
        assertNull(t.state("record10001"), "registration writes an AuditEvent, not a usage record");
        AuditEvent event = audit("alice", r.txId());
        assertEquals("C", event.action());
        assertEquals("0", event.outcome());
        assertEquals("PATRQT", event.purposeOfEvent().get(0).coding().get(0).code());
        assertEquals("PatientRegistered", r.event().orElseThrow().eventName());
    }

    @Test
    void aHospitalRegistersPatientsADoctorMayNot() {
        assertTrue(Xid.looksLikeXid(register(HOSPITAL, "eve", "1985-07-07")));
        assertEquals("registrar", Json.read(t.state("eve"), PatientRecord.class).registeredBy());
        ContractTester.Result denied = t.as(DR_BOB).submit("registerPatient", "zoe", "Zoe", "addr", "123", "2001-01-01");
        assertEquals(EmrContract.DENIED, denied.payloadAsString());
        assertNull(t.state("zoe"));
        AuditEvent event = audit("zoe", denied.txId());
        assertEquals("4", event.outcome());
        assertTrue(event.outcomeDesc().contains("only the patient themself or a hospital"), event.outcomeDesc());
        assertEquals("AccessDenied", denied.event().orElseThrow().eventName());
        assertEquals(EmrContract.DENIED, call(ALICE, "registerPatient", "zoe", "Zoe", "addr", "123", "2001-01-01"),
                "a patient registers only themself");
    }

    @Test
    void registrationRefusesBadInput() {
        register(ALICE, "alice", "1990-01-01");
        assertEquals("patient alice is already registered", message(() -> register(ALICE, "alice", "1990-01-01")));
        assertTrue(message(() -> register(HOSPITAL, "bea", "1990-13-01")).contains("argument birthDate is not a date"));
        assertTrue(message(() -> register(HOSPITAL, "bea", "2999-01-01")).contains("is in the future"));
        assertTrue(message(() -> register(HOSPITAL, "Bea Smith", "1990-01-01")).contains("is not a username"));
        assertTrue(message(() -> register(HOSPITAL, "case10001", "1990-01-01")).contains("is reserved"));
        assertEquals("argument name must not be empty",
                message(() -> call(HOSPITAL, "registerPatient", "bea", " ", "addr", "123", "1990-01-01")));
        assertTrue(message(() -> call(HOSPITAL, "registerPatient", "bea", "Bea")).contains("Incorrect number of arguments"));
    }

    @Test
    void personalDataMayArriveAsATransientFhirPatient() {
        String patient = """
                {"resourceType":"Patient","identifier":[{"system":"urn:sim:username","value":"alice"}],
                 "name":[{"given":["Alice"],"family":"Smith"}],"telecom":[{"system":"phone","value":"+61 8 5550 0101"}],
                 "address":[{"line":["1 Beach Rd"],"city":"Glenelg","state":"SA"}],"birthDate":"1990-01-01"}""";
        ContractTester.Result r = t.as(ALICE).withTransient(Map.of("patient", patient.getBytes(UTF_8), "salt", new byte[] {1, 2, 3}))
                .submit("registerPatient", "alice", "", "", "", "1990-01-01");
        assertFalse(r.rwSet().toString().contains("Smith"));
        PersonalData data = Json.read(t.privateState(EmrContract.PII_COLLECTION, "alice"), PersonalData.class);
        assertEquals(new PersonalData("Alice Smith", "1 Beach Rd, Glenelg, SA", "+61 8 5550 0101", "010203"), data);

        t.withTransient(Map.of("patient", patient.replace("\"birthDate\"", "\"gender\":\"f\",\"birthDate\"").getBytes(UTF_8)));
        String invalid = message(() -> call(HOSPITAL, "registerPatient", "alice2", "", "", "", "1990-01-01"));
        assertTrue(invalid.contains("invalid FHIR Patient: Patient.gender: 'f' is not one of"), invalid);
        t.withTransient(Map.of("patient", patient.getBytes(UTF_8)));
        assertTrue(message(() -> call(HOSPITAL, "registerPatient", "alice2", "", "", "", "1990-01-01"))
                .contains("is 'alice', not the username 'alice2'"));
        assertTrue(message(() -> call(HOSPITAL, "registerPatient", "alice", "Alice", "", "", "1990-01-01"))
                .contains("given both as arguments and as a transient FHIR Patient"));
        assertTrue(message(() -> call(HOSPITAL, "registerPatient", "alice", "", "", "", "1991-01-01"))
                .contains("differs from the argument"));
        t.withTransient(Map.of("patient", "{not json".getBytes(UTF_8)));
        assertTrue(message(() -> call(HOSPITAL, "registerPatient", "alice3", "", "", "", "1990-01-01"))
                .contains("malformed JSON"));
    }

    // ------------------------------------------------------------------ the paper's flow

    @Test
    void tableThreeFlowWithThePapersMessagesAndUsageRecords() {
        register(ALICE, "alice", "1990-01-01");
        ContractTester.Result denied = t.as(DR_BOB).submit("enterData", "drbob", "alice", "HbA1c 8.1 %",
                "Type 2 diabetes", "metformin", "2025-01-01T10:00:00Z");
        assertEquals("Error! Permission denied", denied.payloadAsString());
        UsageRecord first = usage("record10001");
        assertEquals("denied", first.outcome());
        assertEquals("append", first.operation());
        assertEquals("doctor", first.role());
        assertEquals("drbob", first.username());
        assertEquals("Org1MSP", first.mspId());
        assertEquals("alice", first.target());
        assertEquals("TREAT", first.purpose());
        assertEquals("AccessDenied", denied.event().orElseThrow().eventName());
        assertNull(t.state("case10001"));

        ContractTester.Result auth = t.as(ALICE).submit("authorizeDoctor", "alice", "drbob");
        assertEquals(EmrContract.AUTHORIZED, auth.payloadAsString());
        assertEquals("DoctorAuthorized", auth.event().orElseThrow().eventName());
        assertNull(t.state("record10002"), "authorizeDoctor writes no usage record (Table 3)");

        assertEquals("Submission complete", call(DR_BOB, "enterData", "drbob", "alice", "HbA1c 8.1 %",
                "Type 2 diabetes", "metformin", "2025-01-01T10:00:00Z"));
        CaseRecord c = Json.read(t.state("case10001"), CaseRecord.class);
        assertEquals("alice", c.patient());
        assertEquals("drbob", c.doctor());
        assertEquals("Type 2 diabetes", c.diagnosis());
        assertEquals("N", c.securityLevel());
        assertEquals("append", usage("record10002").operation());
        assertEquals("success", usage("record10002").outcome());
        assertEquals(List.of("case10001"), Json.read(t.state("alice"), PatientRecord.class).caseIds());

        JsonNode info = Json.read(call(DR_BOB, "queryInformation", "doctor", "drbob", "alice", "2025-01-01T11:00:00Z"), JsonNode.class);
        assertEquals("alice", info.get("username").asText());
        assertEquals("Name of alice", info.get("name").asText());
        assertEquals("1 Beach Rd, Glenelg", info.get("address").asText());
        assertEquals("+61 8 5550 0101", info.get("phone").asText());
        assertEquals("1990-01-01", info.get("birthDate").asText());
        assertEquals("drbob", info.get("authorizedDoctors").get(0).asText());
        JsonNode kase = info.get("cases").get(0);
        assertEquals(List.of("caseId", "diagnosis", "doctor", "testResults", "time", "treatment"), fieldNames(kase));
        assertEquals("case10001", kase.get("caseId").asText());
        assertEquals("read", usage("record10003").operation());
        assertEquals("success", usage("record10003").outcome());
    }

    @Test
    void queryInformationDecidesByRoleAndCertificate() {
        String xid = register(ALICE, "alice", "1990-01-01");
        register(HOSPITAL, "eve", "1985-07-07");
        register(HOSPITAL, "charlie", "2015-03-03");
        assertEquals("alice", Json.read(call(ALICE, "queryInformation", "patient", "alice", "", "now"), JsonNode.class)
                .get("username").asText(), "the patient form: own username, empty patient id");
        assertEquals("alice", Json.read(call(ALICE, "queryInformation", "patient", "alice", xid, "now"), JsonNode.class)
                .get("username").asText(), "the patient id may be the xid");
        assertEquals("charlie", Json.read(call(GUARDIAN, "queryInformation", "patient", "dad", "charlie", "now"), JsonNode.class)
                .get("username").asText(), "a guardian reads the ward's record");

        int before = recordCount();
        assertEquals(EmrContract.DENIED, call(ALICE, "queryInformation", "patient", "alice", "eve", "now"));
        assertEquals(EmrContract.DENIED, call(ALICE, "queryInformation", "doctor", "alice", "alice", "now"), "role argument must match");
        assertEquals(EmrContract.DENIED, call(DR_BOB, "queryInformation", "doctor", "drdan", "alice", "now"), "username must match");
        assertEquals(EmrContract.DENIED, call(DR_BOB, "queryInformation", "doctor", "drbob", "alice", "now"), "not authorised");
        assertEquals(EmrContract.DENIED, call(RESEARCHER, "queryInformation", "researcher", "rita", "alice", "now"));
        ContractTester.Result noRole = t.as(NO_ROLE).submit("queryInformation", "doctor", "mallory", "alice", "now");
        assertEquals(EmrContract.DENIED, noRole.payloadAsString());
        assertEquals(before + 6, recordCount(), "every denial wrote a usage record");
        UsageRecord last = usage("record" + (EmrContract.COUNTER_START + recordCount()));
        assertEquals("none", last.role());
        assertEquals("denied", last.outcome());
        assertTrue(audit("alice", noRole.txId()).outcomeDesc().contains("no 'role' attribute"));

        assertEquals("unknown patient: 'nobody'", message(() -> call(DR_BOB, "queryInformation", "doctor", "drbob", "nobody", "now")));
        assertTrue(message(() -> call(DR_BOB, "queryInformation", "doctor", "drbob", "alice"))
                .contains("Incorrect number of arguments"));
        assertEquals("argument role must not be empty", message(() -> call(DR_BOB, "queryInformation", "", "drbob", "alice", "")));
    }

    @Test
    void aNurseMayReadWhenAuthorizedButOnlyDoctorsEnterData() {
        register(ALICE, "alice", "1990-01-01");
        call(ALICE, "authorizeDoctor", "alice", "nina");
        assertEquals("alice", Json.read(call(NURSE, "queryInformation", "nurse", "nina", "alice", ""), JsonNode.class)
                .get("username").asText());
        assertEquals(EmrContract.DENIED, call(NURSE, "enterData", "nina", "alice", "BP 150/95", "hypertension", "rest", ""));
        assertTrue(usage("record10002").toString().contains("only doctors enter data"));
    }

    @Test
    void enterDataRules() {
        register(ALICE, "alice", "1990-01-01");
        call(ALICE, "authorizeDoctor", "alice", "drbob");
        assertEquals(EmrContract.DENIED, call(DR_BOB, "enterData", "drdan", "alice", "r", "d", "t", ""), "doctor argument must match");
        assertEquals(EmrContract.DENIED, call(DR_DAN, "enterData", "drdan", "alice", "r", "d", "t", ""), "not authorised");
        assertEquals("argument diagnosis must not be empty", message(() -> call(DR_BOB, "enterData", "drbob", "alice", "r", "", "t", "")));
        assertEquals("unknown patient: 'zed'", message(() -> call(DR_BOB, "enterData", "drbob", "zed", "r", "d", "t", "")));
        ContractTester.Result r = t.as(DR_BOB).submit("enterData", "drbob", "alice", "r1", "d1", "t1", "");
        ContractTester.Result r2 = t.as(DR_BOB).submit("enterData", "drbob", "alice", "r2", "d2", "t2", "");
        assertEquals(EmrContract.SUBMITTED, r2.payloadAsString());
        assertTrue(writtenKeys(r).contains("case10001"));
        assertTrue(writtenKeys(r2).contains("case10002"));
        assertTrue(r.rwSet().toString().contains("counter~case"), "the case counter is read and written: MVCC between doctors");
        assertEquals(List.of("case10001", "case10002"), Json.read(t.state("alice"), PatientRecord.class).caseIds());
    }

    @Test
    void revokeDoctorEndsAccess() {
        aliceWithCase();
        assertEquals(EmrContract.DENIED, call(DR_BOB, "revokeDoctor", "alice", "drbob"), "only the patient revokes");
        ContractTester.Result r = t.as(ALICE).submit("revokeDoctor", "alice", "drbob");
        assertEquals(EmrContract.REVOKED, r.payloadAsString());
        assertEquals("DoctorRevoked", r.event().orElseThrow().eventName());
        assertEquals(EmrContract.DENIED, call(DR_BOB, "queryInformation", "doctor", "drbob", "alice", ""));
        assertEquals("doctor drbob is not authorized by alice", message(() -> call(ALICE, "revokeDoctor", "alice", "drbob")));
        assertTrue(message(() -> call(ALICE, "authorizeDoctor", "alice", "Dr Bob")).contains("is not a username"));
        assertEquals("unknown patient: 'nobody'", message(() -> call(ALICE, "authorizeDoctor", "nobody", "drbob")));
    }

    // ------------------------------------------------------------------ researchers and regulators

    @Test
    void researchersGetDeidentifiedCasesByKeyword() {
        aliceWithCase();
        register(HOSPITAL, "eve", "1985-07-07");
        call(EVE, "authorizeDoctor", "eve", "drdan");
        call(DR_DAN, "enterData", "drdan", "eve", "BP 150/95", "Essential hypertension", "amlodipine", "");
        call(DR_DAN, "enterData", "drdan", "eve", "glucose 7.9 mmol/L", "DIABETES, gestational", "diet", "");

        ContractTester.Result r = t.as(RESEARCHER).submit("queryCases", "researcher", "rita", "diabetes", "");
        String json = r.payloadAsString();
        List<Map<String, String>> cases = Json.read(json, new TypeReference<List<Map<String, String>>>() { });
        assertEquals(List.of("case10001", "case10003"), cases.stream().map(c -> c.get("caseId")).toList());
        assertEquals(List.of("caseId", "diagnosis", "testResults", "time", "treatment"), new ArrayList<>(cases.get(0).keySet()).stream().sorted().toList());
        for (String identifying : List.of("alice", "eve", "Name of", "Beach", "5550", "drbob", "drdan", "username", "patient")) {
            assertFalse(json.contains(identifying), identifying + " leaked: " + json);
        }
        assertEquals("HRESCH", audit("alice", r.txId()).purposeOfEvent().get(0).coding().get(0).code());
        assertEquals("Encounter/case10003", audit("eve", r.txId()).entity().get(1).what().reference());

        assertEquals(3, Json.read(call(REGULATOR, "queryCases", "regulator", "reg", "hypertension, diabetes", ""), List.class).size());
        assertEquals("HOPERAT", usage("record" + (EmrContract.COUNTER_START + recordCount())).purpose());
        assertEquals("[]", call(RESEARCHER, "queryCases", "researcher", "rita", "E11.9(", ""), "keywords are literal, not regexes");
        assertEquals(EmrContract.DENIED, call(DR_BOB, "queryCases", "doctor", "drbob", "diabetes", ""));
        assertEquals(EmrContract.DENIED, call(RESEARCHER, "queryCases", "regulator", "rita", "diabetes", ""), "role must match");
        assertEquals("argument keywords must not be empty", message(() -> call(RESEARCHER, "queryCases", "researcher", "rita", " ", "")));
    }

    @Test
    void usageRecordsAreListedInLedgerOrderForThePatientAndRegulators() {
        aliceWithCase();
        call(DR_BOB, "queryInformation", "doctor", "drbob", "alice", "");
        call(DR_DAN, "queryInformation", "doctor", "drdan", "alice", "");
        String json = call(ALICE, "queryUsageRecords", "alice");
        List<Map<String, String>> records = Json.read(json, new TypeReference<List<Map<String, String>>>() { });
        assertEquals(List.of("record10001", "record10002", "record10003"), records.stream().map(r -> r.get("recordId")).toList());
        assertEquals(List.of("mspId", "operation", "outcome", "purpose", "recordId", "role", "target", "time", "username"),
                records.get(0).keySet().stream().sorted().toList());
        assertEquals("denied", records.get(2).get("outcome"));
        assertEquals("drdan", records.get(2).get("username"));
        assertEquals(4, Json.read(call(REGULATOR, "queryUsageRecords", "alice"), List.class).size(),
                "the patient's own query is recorded too");
        assertEquals(EmrContract.DENIED, call(DR_BOB, "queryUsageRecords", "alice"));
        assertEquals(EmrContract.DENIED, call(EVE, "queryUsageRecords", "alice"));
        assertEquals("unknown patient: 'nobody'", message(() -> call(ALICE, "queryUsageRecords", "nobody")));
        List<String> ids = Json.read(call(RESEARCHER, "listUsageRecordIds"), new TypeReference<List<String>>() { });
        assertEquals(7, ids.size());
        assertEquals("record10007", ids.get(6));
        assertEquals(EmrContract.DENIED, call(NO_ROLE, "listUsageRecordIds"));
    }

    @Test
    void everyDataCallWritesOneUsageRecordAndOneAuditEventPerPatient() {
        register(ALICE, "alice", "1990-01-01");
        register(HOSPITAL, "eve", "1985-07-07");
        call(ALICE, "authorizeDoctor", "alice", "drbob");
        call(EVE, "authorizeDoctor", "eve", "drbob");
        List<ContractTester.Result> results = List.of(
                t.as(DR_BOB).submit("enterData", "drbob", "alice", "r", "asthma", "t", ""),
                t.as(DR_BOB).submit("enterData", "drbob", "eve", "r", "asthma", "t", ""),
                t.as(DR_BOB).submit("queryInformation", "doctor", "drbob", "alice", ""),
                t.as(DR_DAN).submit("queryInformation", "doctor", "drdan", "alice", ""),
                t.as(ALICE).submit("queryUsageRecords", "alice"),
                t.as(EVE).submit("queryAudit", "alice", "", ""),
                t.as(ALICE).submit("queryAudit", "alice", "", ""));
        for (ContractTester.Result r : results) {
            List<String> keys = writtenKeys(r);
            assertEquals(1, keys.stream().filter(k -> k.matches("record\\d+")).count(), keys.toString());
            long audits = keys.stream().filter(k -> k.startsWith("\u0000audit\u0000")).count();
            assertEquals(1, audits, keys.toString());
        }
        ContractTester.Result search = t.as(RESEARCHER).submit("queryCases", "researcher", "rita", "asthma", "");
        assertEquals(1, writtenKeys(search).stream().filter(k -> k.matches("record\\d+")).count());
        assertNotNull(t.state(AuditLog.key("alice", search.txId())));
        assertNotNull(t.state(AuditLog.key("eve", search.txId())), "one AuditEvent per patient whose case was returned");
    }

    // ------------------------------------------------------------------ audit trail

    @Test
    void queryAuditReturnsThePatientsEventsInATimeRange() {
        t.at(Instant.parse("2025-03-01T09:00:00Z"));
        register(ALICE, "alice", "1990-01-01");
        t.at(Instant.parse("2025-03-02T09:00:00Z"));
        call(DR_BOB, "queryInformation", "doctor", "drbob", "alice", "");
        t.at(Instant.parse("2025-03-03T09:00:00Z"));
        call(ALICE, "authorizeDoctor", "alice", "drbob");
        t.at(Instant.parse("2025-03-04T09:00:00Z"));
        List<JsonNode> all = Json.read(call(ALICE, "queryAudit", "alice", "", ""), new TypeReference<List<JsonNode>>() { });
        assertEquals(List.of("C", "R", "U"), all.stream().map(e -> e.get("action").asText()).toList());
        assertEquals(List.of("0", "4", "0"), all.stream().map(e -> e.get("outcome").asText()).toList());
        List<JsonNode> day2 = Json.read(call(ALICE, "queryAudit", "alice", "2025-03-02", "2025-03-02"),
                new TypeReference<List<JsonNode>>() { });
        assertEquals(1, day2.size());
        assertEquals("drbob", day2.get(0).get("agent").get(0).get("who").get("identifier").get("value").asText());
        for (JsonNode e : all) {
            Fhir.parse(e.toString(), AuditEvent.class);
        }
        assertEquals(5, Json.read(call(REGULATOR, "queryAudit", "alice", "2025-03-01T00:00:00Z", ""), List.class).size(),
                "alice's two queries are audited too");
        assertEquals(EmrContract.DENIED, call(DR_BOB, "queryAudit", "alice", "", ""));
        assertTrue(message(() -> call(ALICE, "queryAudit", "alice", "yesterday", "")).contains("argument from is not a FHIR dateTime"));
    }

    // ------------------------------------------------------------------ retention and purge

    @Test
    void purgeIsRefusedBeforeRetentionEndsAndAuditedAfter() {
        t.at(Instant.parse("2020-03-01T10:00:00Z"));
        register(ALICE, "alice", "1980-05-05");
        call(ALICE, "authorizeDoctor", "alice", "drbob");
        call(DR_BOB, "enterData", "drbob", "alice", "r", "influenza", "rest", "");
        assertEquals("2027-03-01", Json.read(t.state("case10001"), CaseRecord.class).retentionUntil());

        t.at(Instant.parse("2027-02-28T23:59:59Z"));
        ContractTester.Result early = t.as(HOSPITAL).submit("purgeCase", "case10001");
        assertEquals(EmrContract.DENIED, early.payloadAsString());
        assertNotNull(t.state("case10001"));
        AuditEvent refused = audit("alice", early.txId());
        assertEquals("D", refused.action());
        assertEquals("4", refused.outcome());
        assertTrue(refused.outcomeDesc().contains("runs until 2027-03-01"), refused.outcomeDesc());

        t.at(Instant.parse("2027-03-01T00:00:00Z"));
        assertEquals(EmrContract.DENIED, call(DR_BOB, "purgeCase", "case10001"), "only a hospital purges");
        ContractTester.Result purge = t.as(HOSPITAL).submit("purgeCase", "case10001");
        assertEquals(EmrContract.PURGED, purge.payloadAsString());
        assertNull(t.state("case10001"));
        assertEquals(List.of(), Json.read(t.state("alice"), PatientRecord.class).caseIds());
        Provenance provenance = Fhir.parse(t.state(EmrContract.provenanceKey("case10001")), Provenance.class);
        assertEquals("removal", provenance.entity().get(0).role());
        assertEquals("RECORDMGT", provenance.reason().get(0).coding().get(0).code());
        AuditEvent done = audit("alice", purge.txId());
        assertEquals("D", done.action());
        assertEquals("0", done.outcome());
        UsageRecord record = usage("record" + (EmrContract.COUNTER_START + recordCount()));
        assertEquals("delete", record.operation());
        assertEquals("case10001", record.target());
        assertEquals("unknown case: 'case10001'", message(() -> call(HOSPITAL, "purgeCase", "case10001")));
    }

    @Test
    void aMinorsCaseIsKeptUntilTheir25thBirthday() {
        t.at(Instant.parse("2012-01-10T09:00:00Z"));
        register(HOSPITAL, "charlie", "2010-06-15");
        call(GUARDIAN, "authorizeDoctor", "charlie", "drbob");
        call(DR_BOB, "enterData", "drbob", "charlie", "r", "otitis media", "amoxicillin", "");
        assertEquals("2035-06-15", Json.read(t.state("case10001"), CaseRecord.class).retentionUntil());
        t.at(Instant.parse("2035-06-14T12:00:00Z"));
        ContractTester.Result early = t.as(HOSPITAL).submit("purgeCase", "case10001");
        assertEquals(EmrContract.DENIED, early.payloadAsString());
        assertTrue(audit("charlie", early.txId()).outcomeDesc().contains("a minor"));
        t.at(Instant.parse("2035-06-15T00:00:00Z"));
        assertEquals(EmrContract.PURGED, call(HOSPITAL, "purgeCase", "case10001"));
    }

    @Test
    void aLaterEntryExtendsRetentionOfOlderCases() {
        t.at(Instant.parse("2010-01-01T00:00:00Z"));
        register(HOSPITAL, "eve", "1960-01-01");
        call(EVE, "authorizeDoctor", "eve", "drbob");
        call(DR_BOB, "enterData", "drbob", "eve", "r", "fracture", "cast", "");
        t.at(Instant.parse("2015-06-01T00:00:00Z"));
        call(DR_BOB, "enterData", "drbob", "eve", "r", "sprain", "rest", "");
        t.at(Instant.parse("2020-01-01T00:00:00Z"));
        ContractTester.Result r = t.as(HOSPITAL).submit("purgeCase", "case10001");
        assertEquals(EmrContract.DENIED, r.payloadAsString(), "the 2010 case is older than 7 years, the record's last entry is not");
        assertTrue(audit("eve", r.txId()).outcomeDesc().contains("runs until 2022-06-01"));
        assertEquals("unknown case: 'case99999'", message(() -> call(HOSPITAL, "purgeCase", "case99999")));
        assertEquals("unknown case: 'eve'", message(() -> call(HOSPITAL, "purgeCase", "eve")));
    }

    // ------------------------------------------------------------------ definition

    @Test
    void definitionHasThePrivateCollectionAndAMajorityOfMembersPolicy() {
        var definition = EmrContract.definition(List.of("Org2MSP", "Org1MSP"));
        assertEquals("emrcc", definition.name());
        var collection = definition.collections().get("emrPII");
        assertNotNull(collection);
        assertTrue(collection.memberOnlyRead());
        assertEquals(0, collection.requiredPeerCount());
        assertTrue(definition.endorsementPolicy().orElseThrow().toString().contains("Org1MSP"));
        assertThrows(IllegalArgumentException.class, () -> EmrContract.definition(List.of()));
    }

    private int recordCount() {
        String counter = t.state(EmrContract.RECORD_COUNTER) == null ? "" : new String(t.state(EmrContract.RECORD_COUNTER), UTF_8);
        return counter.isEmpty() ? 0 : (int) (Long.parseLong(counter) - EmrContract.COUNTER_START);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
