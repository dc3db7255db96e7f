package dev.ledgersim.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.gateway.GatewayException;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.gateway.SubmittedTransaction;
import dev.ledgersim.healthcare.consent.ConsentContract;
import dev.ledgersim.healthcare.emr.EmrContract;
import dev.ledgersim.healthcare.synth.SeedAView;
import dev.ledgersim.healthcare.synth.SynthConfig;
import dev.ledgersim.healthcare.synth.SyntheticHealthGenerator;
import dev.ledgersim.ledger.Block;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.LedgerView;
import dev.ledgersim.network.Storage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code ledgersim demo}: the healthcare story on the default network — two hospital organisations and a
 * research organisation, three Raft orderers, RocksDB — told step by step, each step with the block and
 * the validation code it produced: registration with private personal data, a denied then authorised
 * doctor, a case entered, a researcher's keyword query on de-identified data, a consent granted and
 * revoked, break-glass, the patient's audit trail, an MVCC conflict between two doctors, and a ledger
 * summary with {@code verifyChain}.
 */
final class HealthcareDemo {

    private static final String CHANNEL = "emrchannel";

    private final long seed;
    private final PrintStream out;
    private LedgerSim sim;

    HealthcareDemo(long seed, PrintStream out) {
        this.seed = seed;
        this.out = out;
    }

    int run() throws GatewayException {
        out.println("LedgerSim healthcare demo, seed " + seed);
        out.println();
        out.println("1. The network: hospitals Org1MSP and Org2MSP (2 peers each), research Org3MSP (1 peer),");
        out.println("   3 Raft orderers, channel " + CHANNEL + ", RocksDB storage in a temporary directory");
        try (LedgerSim network = LedgerSim.builder().seed(seed)
                .organization("Org1MSP", o -> o.peers(2)).organization("Org2MSP", o -> o.peers(2))
                .organization("Org3MSP", o -> o.peers(1))
                .ordererOrganization("OrdererMSP", 3)
                .channel(CHANNEL, ch -> ch.members("Org1MSP", "Org2MSP", "Org3MSP").batchSize(10).batchTimeout(Duration.ofMillis(500)))
                .storage(Storage.temporaryRocksDb())
                .build()) {
            this.sim = network;
            out.println("   Raft leader: " + sim.raftLeader().orElse("none"));
            sim.channel(CHANNEL).deploy(EmrContract.definition(List.of("Org1MSP", "Org2MSP")));
            sim.channel(CHANNEL).deploy(ConsentContract.definition(List.of("Org1MSP", "Org2MSP", "Org3MSP")));
            out.println("   emrcc and consentcc deployed through the lifecycle: each organisation approved, then committed");
            out.println();

            Identity alice = sim.organization("Org1MSP").enroll("alice", Map.of("role", "patient"));
            Identity drBob = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
            Identity drDan = sim.organization("Org2MSP").enroll("drdan", Map.of("role", "doctor"));
            Identity rita = sim.organization("Org3MSP").enroll("rita", Map.of("role", "researcher"));
            try (Gateway aliceGw = sim.connect(alice); Gateway bobGw = sim.connect(drBob); Gateway danGw = sim.connect(drDan);
                 Gateway ritaGw = sim.connect(rita)) {
                Contract aliceEmr = emr(aliceGw);
                Contract bobEmr = emr(bobGw);

                step("2. Alice registers; her name, address and phone go to the hospitals' private collection",
                        aliceEmr, "registerPatient", "alice", "Alice Smith", "1 Beach Rd, Glenelg SA 5045", "+61 8 5550 0101", "1990-01-01");
                LedgerView research = sim.peer("peer0.org3msp").ledger(CHANNEL);
                out.println("   the research peer holds only the hash of her personal data: "
                        + hex(research.privateDataHash(EmrContract.CHAINCODE, EmrContract.PII_COLLECTION, "alice"))
                        + "… (value: " + (research.privateData(EmrContract.CHAINCODE, EmrContract.PII_COLLECTION, "alice") == null
                        ? "none" : "present") + ")");

                registerSyntheticPatients();

                step("3. Dr Bob enters a case without Alice's permission", bobEmr, "enterData", "drbob", "alice", "HbA1c 8.1 %",
                        "Type 2 diabetes mellitus", "metformin 500 mg", "");
                out.println("   (a denial is itself a committed transaction: the usage record stays on the ledger)");
                step("4. Alice authorises Dr Bob", aliceEmr, "authorizeDoctor", "alice", "drbob");
                step("5. Dr Bob enters the case again", bobEmr, "enterData", "drbob", "alice", "HbA1c 8.1 %",
                        "Type 2 diabetes mellitus", "metformin 500 mg", "");

                String found = new String(emr(ritaGw).evaluateTransaction("queryCases", "researcher", "rita", "diabetes", ""), UTF_8);
                out.println("6. Rita (research) searches 'diabetes' on de-identified data: " + found);

                Contract aliceConsent = consent(aliceGw);
                step("7. Alice consents to treatment by Dr Dan (FHIR Consent, purpose TREAT)", aliceConsent, "putConsent",
                        treatConsent("alice-treat", "alice", "drdan"));
                step("   Dr Dan reads her record under that consent", emr(danGw), "queryInformation", "doctor", "drdan", "alice", "");
                step("   Alice revokes the consent", aliceConsent, "revokeConsent", "alice-treat");
                step("   Dr Dan tries again", emr(danGw), "queryInformation", "doctor", "drdan", "alice", "");

                step("8. Break-glass: Dr Dan opens emergency access (24 h, audited, Alice notified)", consent(danGw),
                        "breakGlass", "alice", "unconscious in the emergency department");

                out.println("9. Alice reads her audit trail (FHIR AuditEvents, accepted and denied accesses alike)");
                out.println("   medical records (emrcc): " + auditSummary(aliceEmr.evaluateTransaction("queryAudit", "alice", "", "")));
                out.println("   consents (consentcc):    " + auditSummary(aliceConsent.evaluateTransaction("queryAudit", "alice", "", "")));

                step("10. Alice authorises Dr Dan too", aliceEmr, "authorizeDoctor", "alice", "drdan");
                sim.runUntilIdle();
                var fromBob = bobEmr.newProposal("enterData").addArguments("drbob", "alice", "BP 150/95", "hypertension",
                        "amlodipine", "").build().endorse();
                var fromDan = emr(danGw).newProposal("enterData").addArguments("drdan", "alice", "BP 148/92", "hypertension",
                        "lifestyle", "").build().endorse();
                SubmittedTransaction a = fromBob.submitAsync();
                SubmittedTransaction b = fromDan.submitAsync();
                Status sa = a.getStatus();
                Status sb = b.getStatus();
                out.println("11. Dr Bob and Dr Dan enter a case at the same time, both reading the case counter:");
                out.println("   Dr Bob -> block " + sa.getBlockNumber() + ", " + sa.getCode());
                out.println("   Dr Dan -> block " + sb.getBlockNumber() + ", " + sb.getCode());
                String loser = sa.isSuccessful() ? b.getTransactionId() : a.getTransactionId();
                sim.runUntilIdle();
                out.println("   why: " + sim.peer("peer0.org1msp").ledger(CHANNEL).validationReason(loser));
            }
            sim.runUntilIdle();
            summary();
        }
        return 0;
    }

    /**
     * A hospital registrar registers the first patients of the seeded synthetic population, all endorsed
     * before any is submitted, so they are ordered into the same block.
     */
    private void registerSyntheticPatients() throws GatewayException {
        List<SeedAView.SeedAPatient> patients = SeedAView.of(SyntheticHealthGenerator.generate(
                SynthConfig.demo().withSeed(seed))).patients().subList(0, 3);
        Identity registrar = sim.organization("Org2MSP").enroll("registrar", Map.of("role", "hospital"));
        try (Gateway gateway = sim.connect(registrar)) {
            Contract emr = emr(gateway);
            List<SubmittedTransaction> submitted = new ArrayList<>();
            for (SeedAView.SeedAPatient patient : patients) {
                var tx = emr.newProposal("registerPatient").addArguments(patient.registerPatientArgs().toArray(String[]::new))
                        .build().endorse();
                submitted.add(tx.submitAsync());
            }
            out.println("   Org2MSP's registrar registers " + patients.size() + " synthetic patients (seeded generator):");
            for (int i = 0; i < patients.size(); i++) {
                Status status = submitted.get(i).getStatus();
                out.println("   -> block " + status.getBlockNumber() + ", " + status.getCode() + ": "
                        + patients.get(i).username() + " (born " + patients.get(i).birthDate() + ")");
            }
        }
        sim.runUntilIdle();
    }

    private void step(String what, Contract contract, String function, String... args) throws GatewayException {
        var tx = contract.newProposal(function).addArguments(args).build().endorse();
        String result = new String(tx.getResult(), UTF_8);
        Status status = tx.submitAsync().getStatus();
        sim.runUntilIdle();
        out.println(what);
        out.println("   -> block " + status.getBlockNumber() + ", " + status.getCode() + ": " + shorten(result));
    }

    private void summary() {
        LedgerView ledger = sim.peer("peer0.org2msp").ledger(CHANNEL);
        Map<TxValidationCode, Integer> codes = new EnumMap<>(TxValidationCode.class);
        for (long n = 0; n < ledger.height(); n++) {
            Block block = ledger.block(n);
            block.validationCodes().forEach(c -> codes.merge(c, 1, Integer::sum));
        }
        out.println();
        out.println("12. The ledger on peer0.org2msp: " + ledger.height() + " blocks, transactions by code " + codes);
        for (String peer : sim.peers()) {
            sim.peer(peer).ledger(CHANNEL).verifyChain();
        }
        out.println("   verifyChain OK on all " + sim.peers().size() + " peers; last block hash "
                + hex(ledger.block(ledger.height() - 1).hash()) + "…");
    }

    /** "N events, K denied: who did what (outcome), ...". */
    private static String auditSummary(byte[] json) {
        try {
            com.fasterxml.jackson.databind.JsonNode events = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            List<String> lines = new ArrayList<>();
            int denied = 0;
            for (com.fasterxml.jackson.databind.JsonNode event : events) {
                boolean ok = "0".equals(event.path("outcome").asText());
                denied += ok ? 0 : 1;
                com.fasterxml.jackson.databind.JsonNode agent = event.path("agent").path(0);
                String who = agent.path("who").path("identifier").path("value").asText("?");
                lines.add(who + " " + event.path("subtype").path(0).path("code").asText(event.path("action").asText())
                        + (ok ? "" : " DENIED"));
            }
            return events.size() + " events, " + denied + " denied: " + String.join(", ", lines);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable audit trail", e);
        }
    }

    private static Contract emr(Gateway gateway) {
        return gateway.getNetwork(CHANNEL).getContract(EmrContract.CHAINCODE);
    }

    private static Contract consent(Gateway gateway) {
        return gateway.getNetwork(CHANNEL).getContract(EmrContract.CONSENT_CHAINCODE);
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "none" : HexFormat.of().formatHex(bytes, 0, Math.min(8, bytes.length));
    }

    private static String shorten(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 110 ? oneLine : oneLine.substring(0, 107) + "...";
    }

    private static String treatConsent(String id, String patient, String actor) {
        return """
                {"resourceType":"Consent","id":"%s","status":"active",
                 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"treatment"}]},
                 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
                 "patient":{"reference":"Patient/%s"},
                 "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
                 "provision":{"type":"deny","provision":[{"type":"permit",
                   "actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"PRCP"}]},
                             "reference":{"reference":"Practitioner/%s"}}],
                   "purpose":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"TREAT"}]}]}}"""
                .formatted(id, patient, actor);
    }
}
