package dev.ledgersim.bench.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the load on the concurrent runtime: {@code clients × outstanding} client threads, each starting
 * a transaction, waiting for its commit, and starting the next (fixed load), or waiting first until the
 * transaction's due time (fixed rate: a late thread starts at once, as Caliper's workers do). This thread
 * meanwhile collects timings and reports progress.
 */
final class ConcurrentDriver {

    private static final long TICK_MILLIS = 200;

    private final PointRun run;
    private final Measurement m;

    ConcurrentDriver(PointRun run, Measurement measurement) {
        this.run = run;
        this.m = measurement;
    }

    void run() {
        int threads = run.spec.load().capacity();
        AtomicInteger names = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "ledgersim-client-" + names.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, factory);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                PointRun.Client client = run.clients.get(w % run.clients.size());
                workers.add(pool.submit(() -> work(client)));
            }
            for (Future<?> worker : workers) {
                while (true) {
                    try {
                        worker.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        m.tick();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExperimentException("interrupted", e);
        } catch (ExecutionException e) {
            throw new ExperimentException("a client thread failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        m.finish();
        m.tick();
    }

    private Void work(PointRun.Client client) {
        while (true) {
            Schedule.Ticket ticket = m.take();
            if (ticket == null) {
                return null;
            }
            if (m.schedule().interval() != null) {
                long wait = Duration.between(run.sim.now(), ticket.due()).toNanos();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            Measurement.Pending p = m.submit(client, ticket);
            if (p != null) {
                m.complete(p);
            }
        }
    }
}
