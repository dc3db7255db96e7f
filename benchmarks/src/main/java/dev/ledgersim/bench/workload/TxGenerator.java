package dev.ledgersim.bench.workload;

/** The transactions of one client, drawn from its own seeded generator. Not thread-safe: one per client. */
public interface TxGenerator {

    /** The next transaction. */
    TxRequest next();
}
