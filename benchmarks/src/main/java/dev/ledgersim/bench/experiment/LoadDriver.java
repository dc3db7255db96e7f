package dev.ledgersim.bench.experiment;

import dev.ledgersim.network.runtime.RuntimeTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Drives one point's load from one thread with the gateway's non-blocking calls, in either runtime: each
 * transaction is started with {@code endorseAsync → broadcastAsync → getStatusAsync} and counted when its
 * status arrives, so as many transactions are in flight as the load allows — endorsing, ordering and
 * committing at once — without a thread per client.
 *
 * <p>Fixed load keeps {@code clients × outstanding} in flight (each client at most {@code outstanding});
 * a completion immediately lets the next one start. Fixed rate starts one every {@code 1 / rate} of the
 * runtime's time (a late start goes at once, as Caliper's workers do), never more than the capacity in
 * flight. Waiting goes through {@code LedgerSim.await}/{@code runFor}: in the simulated runtime that is
 * what advances simulated time, in the concurrent one it waits for the wall clock.
 *
 * <p>If nothing completes for {@link #STALL} of the runtime's time (a network that lost transactions with
 * an orderer leader, say), the transactions still in flight are counted as failed commit-status queries
 * and the point ends.
 */
final class LoadDriver {

    /** The longest the driver waits for any in-flight transaction to complete. */
    static final Duration STALL = Duration.ofSeconds(60);
    private static final int TICK_EVERY = 200;

    private final PointRun run;
    private final Measurement m;
    private final int outstanding;
    private final int capacity;
    private final int[] perClient;
    private int inFlight;
    private int nextClient;
    private int sinceTick;
    private CompletableFuture<Void> completion = new CompletableFuture<>();

    LoadDriver(PointRun run, Measurement measurement) {
        this.run = run;
        this.m = measurement;
        this.outstanding = run.spec.load().outstanding();
        this.capacity = run.spec.load().capacity();
        this.perClient = new int[run.clients.size()];
    }

    void run() {
        try {
            while (!m.schedule().done() || inFlight() > 0) {
                startWhatIsDue();
                waitForProgress();
            }
        } catch (RuntimeTimeoutException e) {
            int lost = inFlight();
            for (int i = 0; i < lost; i++) {
                m.lost("no transaction completed within " + STALL + " (" + lost + " still in flight): " + e.getMessage());
            }
        }
        m.finish();
        m.tick();
    }

    /** Starts every transaction the model allows now. */
    private void startWhatIsDue() {
        while (!m.schedule().done() && inFlight() < capacity) {
            Instant due = m.schedule().nextDue();
            if (due != null && run.sim.now().isBefore(due)) {
                return;
            }
            Schedule.Ticket ticket = m.take();
            if (ticket == null) {
                return;
            }
            PointRun.Client client = pickClient();
            m.start(client, ticket, () -> finished(client));
        }
    }

    /** Waits until a transaction completes or, at a fixed rate, the next one is due. */
    private void waitForProgress() {
        CompletableFuture<Void> signal;
        int n;
        synchronized (this) {
            signal = completion;
            n = inFlight;
        }
        if (!m.schedule().done() && n < capacity) {
            Instant due = m.schedule().nextDue();
            if (due != null) {
                Duration gap = Duration.between(run.sim.now(), due);
                if (gap.compareTo(Duration.ZERO) > 0) {
                    run.sim.runFor(gap);
                }
            }
            return;
        }
        if (n > 0 && !signal.isDone()) {
            run.sim.await(signal, STALL);
        }
        boolean tick;
        synchronized (this) {
            tick = sinceTick >= TICK_EVERY;
            if (tick) {
                sinceTick = 0;
            }
        }
        if (tick) {
            m.tick();
        }
    }

    private synchronized PointRun.Client pickClient() {
        int chosen = -1;
        for (int i = 0; i < perClient.length && chosen < 0; i++) {
            int c = (nextClient + i) % perClient.length;
            if (perClient[c] < outstanding) {
                chosen = c;
            }
        }
        if (chosen < 0) {
            chosen = nextClient % perClient.length;
        }
        nextClient = chosen + 1;
        perClient[chosen]++;
        inFlight++;
        return run.clients.get(chosen);
    }

    /** A transaction's outcome is counted: free its slot and wake the driver (which reports progress). */
    private void finished(PointRun.Client client) {
        CompletableFuture<Void> signal;
        synchronized (this) {
            perClient[client.index]--;
            inFlight--;
            sinceTick++;
            signal = completion;
            completion = new CompletableFuture<>();
        }
        signal.complete(null);
    }

    private synchronized int inFlight() {
        return inFlight;
    }
}
