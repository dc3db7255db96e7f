package dev.ledgersim.network.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.EndorseException;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.Runtime;
import dev.ledgersim.network.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway's non-blocking calls: one client thread keeps many transactions in flight, so simulated time
 * is shared between them instead of spent one transaction after another.
 */
class AsyncGatewayTest {

    private static final int TRANSACTIONS = 60;

    @Test
    void manyTransactionsInFlightFromOneThreadAllCommitAndOverlapInSimulatedTime() throws Exception {
        try (LedgerSim sim = NetworkFixture.network(5, Storage.inMemory(), Runtime.simulated())) {
            Identity doctor = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
            try (Gateway gateway = sim.connect(doctor)) {
                Contract contract = gateway.getNetwork("emr").getContract("emrcc");
                Instant asyncStart = sim.now();
                List<CompletableFuture<Status>> statuses = new ArrayList<>();
                List<String> txIds = new ArrayList<>();
                for (int i = 0; i < TRANSACTIONS; i++) {
                    var proposal = contract.newProposal("enterData").addArguments("p" + i, "v" + i).build();
                    txIds.add(proposal.getTransactionId());
                    statuses.add(proposal.endorseAsync().thenCompose(tx -> tx.broadcastAsync())
                            .thenCompose(submitted -> submitted.getStatusAsync()));
                }
                assertTrue(statuses.stream().noneMatch(CompletableFuture::isDone),
                        "nothing completes before the simulated runtime runs");
                sim.await(CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new)), Duration.ofMinutes(1));
                Duration asyncElapsed = Duration.between(asyncStart, sim.now());
                for (int i = 0; i < TRANSACTIONS; i++) {
                    Status status = statuses.get(i).join();
                    assertEquals(TxValidationCode.VALID, status.getCode(), txIds.get(i));
                    assertEquals(txIds.get(i), status.getTransactionId());
                    assertEquals(TxValidationCode.VALID, sim.peer("peer0.org2msp").ledger("emr").validationCode(txIds.get(i)));
                }

                Instant blockingStart = sim.now();
                for (int i = 0; i < 10; i++) {
                    contract.newProposal("enterData").addArguments("q" + i, "v").build().endorse().submitAsync().getStatus();
                }
                Duration blockingPerTx = Duration.between(blockingStart, sim.now()).dividedBy(10);
                assertTrue(asyncElapsed.compareTo(blockingPerTx.multipliedBy(TRANSACTIONS / 4)) < 0,
                        "60 in flight took " + asyncElapsed + " of simulated time; one at a time takes " + blockingPerTx + " each");
            }
            NetworkFixture.assertSameChain(sim);
        }
    }

    @Test
    void aRefusedEndorsementFailsTheFutureWithTheFacts() {
        try (LedgerSim sim = NetworkFixture.network(6, Storage.inMemory(), Runtime.simulated())) {
            Identity nurse = sim.organization("Org1MSP").enroll("nurse", Map.of("role", "nurse"));
            try (Gateway gateway = sim.connect(nurse)) {
                Contract contract = gateway.getNetwork("emr").getContract("emrcc");
                CompletableFuture<?> endorsed = contract.newProposal("enterData").addArguments("p", "v").build().endorseAsync();
                CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                        () -> sim.await(endorsed, Duration.ofSeconds(30)));
                EndorseException refused = assertInstanceOf(EndorseException.class, e.getCause());
                assertTrue(refused.getMessage().contains("Permission denied"), refused.getMessage());
            }
        }
    }

    @Test
    void conflictingTransactionsInFlightReportTheirCodesThroughTheFutures() {
        try (LedgerSim sim = NetworkFixture.network(7, Storage.inMemory(), Runtime.simulated())) {
            Identity doctor = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
            try (Gateway gateway = sim.connect(doctor)) {
                Contract contract = gateway.getNetwork("emr").getContract("emrcc");
                List<CompletableFuture<Status>> statuses = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    statuses.add(contract.newProposal("increment").addArguments("counter").build().endorseAsync()
                            .thenCompose(tx -> tx.broadcastAsync()).thenCompose(s -> s.getStatusAsync()));
                }
                sim.await(CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new)), Duration.ofMinutes(1));
                long valid = statuses.stream().filter(f -> f.join().isSuccessful()).count();
                long conflicts = statuses.stream().filter(f -> f.join().getCode() == TxValidationCode.MVCC_READ_CONFLICT).count();
                assertEquals(1, valid, "all five read the same version of the counter; the first in the block wins");
                assertEquals(4, conflicts);
                assertEquals("1", new String(sim.peer("peer0.org1msp").ledger("emr").worldState("emrcc", "counter"),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void concurrentRuntimeCompletesTheFuturesWithoutAnyoneWaitingOnTheNetwork() throws Exception {
        try (LedgerSim sim = NetworkFixture.network(8, Storage.inMemory(), Runtime.concurrent())) {
            Identity doctor = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
            try (Gateway gateway = sim.connect(doctor)) {
                Contract contract = gateway.getNetwork("emr").getContract("emrcc");
                List<CompletableFuture<Status>> statuses = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    statuses.add(contract.newProposal("enterData").addArguments("c" + i, "v").build().endorseAsync()
                            .thenCompose(tx -> tx.broadcastAsync()).thenCompose(s -> s.getStatusAsync()));
                }
                for (CompletableFuture<Status> status : statuses) {
                    try {
                        assertEquals(TxValidationCode.VALID, status.get(120, TimeUnit.SECONDS).getCode());
                    } catch (ExecutionException e) {
                        throw new AssertionError("a transaction failed: " + e.getCause(), e.getCause());
                    }
                }
            }
        }
    }
}
