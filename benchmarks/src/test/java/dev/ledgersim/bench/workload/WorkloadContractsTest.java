package dev.ledgersim.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ContractTester;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The workloads' contracts and generators, without a network. */
class WorkloadContractsTest {

    private static final WorkloadSetting SETTING = new WorkloadSetting(List.of("Org1MSP", "Org2MSP"), 2, 2);
    private static CertificateAuthority ca;
    private static Identity client;

    @BeforeAll
    static void enroll() {
        ca = CertificateAuthority.create(CaConfig.defaults("Org1MSP"), DeterministicRandom.fromSeed(1, "ca"), Crypto.simulated());
        client = ca.enroll("client", Role.CLIENT);
    }

    private static void apply(ContractTester tester, TxRequest request) {
        tester.withTransient(request.transientData()).submit(request.function(), request.args().toArray(String[]::new));
    }

    @Test
    void kvLoadsEveryKeyAndItsGeneratorMixesReadsAndWrites() {
        KvWorkload kv = new KvWorkload(450, 0.3, "zipfian", 0.99, 16, "rmw", false);
        ContractTester tester = ContractTester.of(KvContract::new).as(client);
        kv.setup(SETTING).forEach(r -> apply(tester, r));
        assertEquals(3, kv.setup(SETTING).size(), "450 keys in batches of 200");
        assertEquals(KvContract.initialValue(449, 16), new String(tester.state(KvContract.key(449)), StandardCharsets.UTF_8));
        TxGenerator generator = kv.generator(0, SETTING, new SplittableRandom(5));
        int reads = 0;
        for (int i = 0; i < 1000; i++) {
            TxRequest r = generator.next();
            reads += r.function().equals("read") ? 1 : 0;
            assertTrue(r.function().equals("read") || r.function().equals("readModifyWrite"), r.function());
            apply(tester, r);
        }
        assertEquals(300, reads, 45, "about 30% reads");
    }

    @Test
    void kvPrivateWritesGoToTheCollectionWithTheValueInTransientData() {
        KvWorkload kv = new KvWorkload(10, 0.0, "uniform", 0, 8, "blind", true);
        assertTrue(kv.chaincode("cc", "OR('Org1MSP.peer')", SETTING).collections().containsKey(KvContract.COLLECTION));
        TxRequest write = kv.generator(0, SETTING, new SplittableRandom(1)).next();
        assertEquals("updatePrivate", write.function());
        assertEquals(8, write.transientData().get("value").length);
        assertEquals(List.of(write.args().get(0)), write.args(), "the value is not among the public arguments");
    }

    @Test
    void smallBankConservesMoneyExceptWriteCheckAndDeposits() {
        SmallBankWorkload bank = new SmallBankWorkload(20, "uniform", 0, false);
        ContractTester tester = ContractTester.of(SmallBankContract::new).as(client);
        bank.setup(SETTING).forEach(r -> apply(tester, r));
        long before = total(tester, 20);
        assertEquals(20 * 2 * SmallBankWorkload.INITIAL_BALANCE, before);
        tester.submit("sendPayment", SmallBankContract.account(0), SmallBankContract.account(1), "150", "false");
        tester.submit("amalgamate", SmallBankContract.account(2), SmallBankContract.account(3), "false");
        assertEquals(before, total(tester, 20), "payments and amalgamations move money, they do not make it");
        assertEquals(0, balance(tester, 2));
        assertEquals("20150", tester.submit("balance", SmallBankContract.account(1), "false").payloadAsString());
        ChaincodeException refused = assertThrows(ChaincodeException.class, () ->
                tester.submit("sendPayment", SmallBankContract.account(2), SmallBankContract.account(4), "1", "false"));
        assertTrue(refused.getMessage().contains("insufficient funds"), refused.getMessage());
        Set<String> functions = new HashSet<>();
        TxGenerator g = bank.generator(1, SETTING, new SplittableRandom(3));
        for (int i = 0; i < 300; i++) {
            functions.add(g.next().function());
        }
        assertEquals(Set.of("amalgamate", "balance", "depositChecking", "sendPayment", "transactSavings", "writeCheck"), functions);
    }

    private static long balance(ContractTester tester, int account) {
        return Long.parseLong(tester.submit("balance", SmallBankContract.account(account), "false").payloadAsString());
    }

    private static long total(ContractTester tester, int accounts) {
        long sum = 0;
        for (int i = 0; i < accounts; i++) {
            sum += balance(tester, i);
        }
        return sum;
    }

    @Test
    void healthcareRecordsNeedConsentAndEveryReadIsAudited() {
        HealthcareWorkload care = new HealthcareWorkload(4, 0.5, "uniform", 0, 32, false);
        Identity dr0 = ca.enroll("dr0", Role.CLIENT, care.clientAttributes(0));
        Identity dr1 = ca.enroll("dr1", Role.CLIENT, care.clientAttributes(1));
        ContractTester tester = ContractTester.of(RecordsContract::new).as(dr0);
        care.setup(SETTING).forEach(r -> apply(tester, r));
        String patient0 = RecordsContract.patient(0);
        tester.submit("enterRecord", patient0, "r1", "glucose 7.9 mmol/L", "false");
        assertEquals("18", tester.as(dr0).submit("readRecord", patient0, "false").payloadAsString());
        ChaincodeException denied = assertThrows(ChaincodeException.class,
                () -> tester.as(dr1).submit("readRecord", patient0, "false"));
        assertTrue(denied.getMessage().contains("has not authorised dr1"), denied.getMessage());
        tester.as(dr1).submit("authorise", patient0);
        assertEquals("18", tester.as(dr1).submit("readRecord", patient0, "false").payloadAsString());
        ChaincodeException notDoctor = assertThrows(ChaincodeException.class,
                () -> tester.as(client).submit("authorise", patient0));
        assertTrue(notDoctor.getMessage().contains("only doctors"), notDoctor.getMessage());

        TxGenerator g = care.generator(1, SETTING, new SplittableRandom(9));
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        for (int i = 0; i < 200; i++) {
            TxRequest r = g.next();
            kinds.merge(r.function(), 1, Integer::sum);
            apply(tester.as(dr1), r);
        }
        assertEquals(Set.of("authorise", "enterRecord", "readRecord"), kinds.keySet());
        assertTrue(kinds.get("authorise") <= 4, "a doctor asks each patient once: " + kinds);
    }
}
