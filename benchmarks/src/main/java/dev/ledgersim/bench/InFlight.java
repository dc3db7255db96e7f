package dev.ledgersim.bench;

import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.gateway.SubmittedTransaction;
import dev.ledgersim.gateway.Transaction;
import dev.ledgersim.network.LedgerSim;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * The benchmarks' load generator: submits transactions from one thread with the gateway's non-blocking
 * calls ({@code endorseAsync → broadcastAsync → getStatusAsync}), keeping a fixed number uncommitted, and
 * waits through {@link LedgerSim#await} — which runs the simulated runtime, or waits in the concurrent one.
 *
 * <p>A new transaction goes out as soon as <em>any</em> one commits, not the oldest: transactions reach
 * the orderer in another order than they were submitted, and a window that waited for the oldest would
 * hold back new ones while the oldest sits in a batch that only they can fill; the batch would then be
 * cut by its timeout (2 s) instead of by its size.
 */
final class InFlight {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final AtomicInteger uncommitted = new AtomicInteger();
    private final AtomicLong valid = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Completed, and replaced, whenever a transaction settles. */
    private final AtomicReference<CompletableFuture<Void>> settled = new AtomicReference<>(new CompletableFuture<>());

    private InFlight() {
    }

    /**
     * Submits {@code count} transactions, {@code arguments.apply(i)} for the i-th, calling {@code function}
     * with at most {@code inFlight} uncommitted at any time; returns how many committed valid.
     *
     * @throws IllegalStateException if a transaction failed (rather than committed, valid or not)
     */
    static long submit(LedgerSim sim, Contract contract, String function, long count, int inFlight,
                       LongFunction<String[]> arguments) {
        InFlight load = new InFlight();
        for (long i = 0; i < count; i++) {
            load.awaitBelow(sim, inFlight);
            load.uncommitted.incrementAndGet();
            contract.newProposal(function).addArguments(arguments.apply(i)).build().endorseAsync()
                    .thenCompose(Transaction::broadcastAsync).thenCompose(SubmittedTransaction::getStatusAsync)
                    .whenComplete(load::settle);
        }
        load.awaitBelow(sim, 1);
        return load.valid.get();
    }

    private void settle(Status status, Throwable error) {
        if (error != null) {
            failure.compareAndSet(null, error);
        } else if (status.isSuccessful()) {
            valid.incrementAndGet();
        }
        uncommitted.decrementAndGet();
        settled.getAndSet(new CompletableFuture<>()).complete(null);
    }

    /** Waits until fewer than {@code limit} transactions are uncommitted. */
    private void awaitBelow(LedgerSim sim, int limit) {
        while (true) {
            // Read the signal before the count: a transaction settling in between completes this signal.
            CompletableFuture<Void> signal = settled.get();
            Throwable failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException("a transaction failed: " + failed, failed);
            }
            if (uncommitted.get() < limit) {
                return;
            }
            sim.await(signal, PATIENCE);
        }
    }
}
