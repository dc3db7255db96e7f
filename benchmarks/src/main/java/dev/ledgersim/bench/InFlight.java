package dev.ledgersim.bench;

import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.gateway.SubmittedTransaction;
import dev.ledgersim.gateway.Transaction;
import dev.ledgersim.network.LedgerSim;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * The benchmarks' load generator: submits transactions from one thread with the gateway's non-blocking
 * calls ({@code endorseAsync → broadcastAsync → getStatusAsync}), keeping a fixed number in flight, and
 * waits through {@link LedgerSim#await} — which runs the simulated runtime, or waits in the concurrent one.
 */
final class InFlight {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private InFlight() {
    }

    /**
     * Submits {@code count} transactions, {@code arguments.apply(i)} for the i-th, calling {@code function}
     * with at most {@code inFlight} uncommitted at any time; returns how many committed valid.
     */
    static long submit(LedgerSim sim, Contract contract, String function, long count, int inFlight,
                       LongFunction<String[]> arguments) {
        Deque<CompletableFuture<Status>> pending = new ArrayDeque<>();
        long valid = 0;
        for (long i = 0; i < count; i++) {
            pending.add(contract.newProposal(function).addArguments(arguments.apply(i)).build().endorseAsync()
                    .thenCompose(Transaction::broadcastAsync).thenCompose(SubmittedTransaction::getStatusAsync));
            while (pending.size() >= inFlight) {
                valid += settle(sim, pending);
            }
        }
        while (!pending.isEmpty()) {
            valid += settle(sim, pending);
        }
        return valid;
    }

    /** Waits for the oldest transaction and removes every completed one at the head; returns the valid ones. */
    private static long settle(LedgerSim sim, Deque<CompletableFuture<Status>> pending) {
        sim.await(pending.peek(), PATIENCE);
        long valid = 0;
        while (!pending.isEmpty() && pending.peek().isDone()) {
            valid += pending.poll().join().isSuccessful() ? 1 : 0;
        }
        return valid;
    }
}
