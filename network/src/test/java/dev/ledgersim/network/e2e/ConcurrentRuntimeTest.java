package dev.ledgersim.network.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.LedgerView;
import dev.ledgersim.network.Runtime;
import dev.ledgersim.network.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many client threads submitting at once on the concurrent runtime: every commit accounted for. */
class ConcurrentRuntimeTest {

    @Test
    void manyClientThreadsAllCommitsAccountedFor() throws Exception {
        int threads = 4;
        int perThread = 15;
        try (LedgerSim sim = NetworkFixture.network(21, Storage.inMemory(), Runtime.concurrent())) {
            Identity doctor = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
            ExecutorService clients = Executors.newFixedThreadPool(threads);
            List<Future<List<String>>> results = new ArrayList<>();
            try {
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    results.add(clients.submit(() -> {
                        List<String> txIds = new ArrayList<>();
                        try (Gateway gateway = sim.connect(doctor, thread % 2 == 0 ? "peer0.org1msp" : "peer1.org1msp")) {
                            Contract contract = gateway.getNetwork("emr").getContract("emrcc");
                            for (int i = 0; i < perThread; i++) {
                                var tx = contract.newProposal("enterData").addArguments("t" + thread + "-" + i, "v").build().endorse();
                                tx.submit();
                                txIds.add(tx.getTransactionId());
                            }
                        }
                        return txIds;
                    }));
                }
                List<String> all = new ArrayList<>();
                for (Future<List<String>> f : results) {
                    all.addAll(f.get(300, TimeUnit.SECONDS));
                }
                assertEquals(threads * perThread, all.size());
                sim.runUntilIdle();
                LedgerView ledger = sim.peer("peer0.org2msp").ledger("emr");
                for (String txId : all) {
                    assertEquals(TxValidationCode.VALID, ledger.validationCode(txId), txId);
                }
                long valid = 0;
                for (long n = 0; n < ledger.height(); n++) {
                    var block = ledger.block(n);
                    for (int i = 0; i < block.transactions().size(); i++) {
                        if (block.validationCodes().get(i).isValid() && block.transactions().get(i).chaincode().equals("emrcc")) {
                            valid++;
                        }
                    }
                }
                assertEquals(threads * perThread, valid, "no transaction committed twice or lost");
            } finally {
                clients.shutdownNow();
            }
        }
    }
}
