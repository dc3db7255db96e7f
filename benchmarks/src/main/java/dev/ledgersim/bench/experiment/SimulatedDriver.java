package dev.ledgersim.bench.experiment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Drives the load on the simulated runtime, from the one thread the runtime allows. The clients'
 * transactions are started in turn: endorsing and submitting are blocking calls that advance simulated
 * time, so commits of earlier transactions happen meanwhile. After every start the driver collects, in
 * submission order, the commit statuses of the transactions their gateway peer has already committed, so
 * the stage timings are those of the commit, not of when the driver looked.
 *
 * <p>Consequence: the clients of one simulated network share one thread, and with the gateway's blocking
 * {@code endorse()} and {@code submitAsync()} at most one transaction is being endorsed or submitted at a
 * time. Simulated-time throughput is therefore bounded by {@code 1 / (endorse + submit latency)} — about
 * 250 tx/s with 1 ms links — whatever the block size or the number of clients; use the concurrent runtime
 * for saturation experiments.
 *
 * <p>Fixed load keeps {@code clients × outstanding} transactions in flight; fixed rate starts one every
 * {@code 1 / rate} of simulated time, advancing the clock in steps of at most 1 ms while it waits.
 */
final class SimulatedDriver {

    private static final Duration STEP = Duration.ofMillis(1);
    private static final int TICK_EVERY = 200;

    private final PointRun run;
    private final Measurement m;
    private final Deque<Measurement.Pending> inflight = new ArrayDeque<>();
    private final int[] perClient;
    private int nextClient;
    private int sinceTick;

    SimulatedDriver(PointRun run, Measurement measurement) {
        this.run = run;
        this.m = measurement;
        this.perClient = new int[run.clients.size()];
    }

    void run() {
        if (m.schedule().interval() == null) {
            fixedLoad();
        } else {
            fixedRate();
        }
        m.finish();
        m.tick();
    }

    private void fixedLoad() {
        int capacity = run.spec.load().capacity();
        while (true) {
            while (inflight.size() < capacity) {
                Schedule.Ticket ticket = m.take();
                if (ticket == null) {
                    break;
                }
                issue(ticket);
                sweep();
            }
            if (inflight.isEmpty()) {
                if (m.schedule().done()) {
                    return;
                }
                continue;
            }
            completeHead();
            sweep();
        }
    }

    private void fixedRate() {
        int capacity = run.spec.load().capacity();
        while (!m.schedule().done()) {
            Instant due = m.schedule().nextDue();
            while (run.sim.now().isBefore(due)) {
                if (inflight.size() >= capacity) {
                    completeHead();
                } else {
                    Duration gap = Duration.between(run.sim.now(), due);
                    run.sim.runFor(gap.compareTo(STEP) < 0 ? gap : STEP);
                }
                sweep();
            }
            while (inflight.size() >= capacity) {
                completeHead();
                sweep();
            }
            Schedule.Ticket ticket = m.take();
            if (ticket != null) {
                issue(ticket);
            }
        }
        while (!inflight.isEmpty()) {
            completeHead();
            sweep();
        }
    }

    private void issue(Schedule.Ticket ticket) {
        int outstanding = run.spec.load().outstanding();
        PointRun.Client client = null;
        for (int i = 0; i < perClient.length && client == null; i++) {
            int c = (nextClient + i) % perClient.length;
            if (perClient[c] < outstanding) {
                client = run.clients.get(c);
                nextClient = c + 1;
            }
        }
        if (client == null) {
            client = run.clients.get(nextClient++ % perClient.length);
        }
        Measurement.Pending p = m.submit(client, ticket);
        if (p != null) {
            inflight.add(p);
            perClient[client.index]++;
        } else {
            counted();
        }
    }

    private void completeHead() {
        Measurement.Pending p = inflight.poll();
        m.complete(p);
        perClient[p.client().index]--;
        counted();
    }

    /** Collects every transaction at the head that its gateway peer has already committed. */
    private void sweep() {
        while (!inflight.isEmpty()) {
            Measurement.Pending head = inflight.peek();
            if (head.client().ledger.validationCode(head.tx().getTransactionId()) == null) {
                return;
            }
            completeHead();
        }
    }

    private void counted() {
        if (++sinceTick >= TICK_EVERY) {
            sinceTick = 0;
            m.tick();
        }
    }
}
