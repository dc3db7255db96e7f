package dev.ledgersim.bench.experiment;

/**
 * How hard the clients push, as in Hyperledger Caliper.
 *
 * @param model {@code fixed-load}: each client keeps {@code outstanding} transactions in flight (a closed
 *     loop); or {@code fixed-rate}: transactions start at {@code rate} per second in all (an open loop),
 *     at most {@code clients × outstanding} in flight
 * @param clients client identities, spread over the organisations and their peers
 * @param outstanding transactions in flight per client
 * @param rate fixed-rate only: transactions per second, all clients together (in the runtime's time)
 */
public record LoadSpec(String model, int clients, int outstanding, double rate) {

    /** Checks every field. */
    public void validate() {
        NetworkSpec.oneOf("load.model", model, "fixed-load", "fixed-rate");
        NetworkSpec.positive("load.clients", clients);
        NetworkSpec.positive("load.outstanding", outstanding);
        if (model.equals("fixed-rate") && !(rate > 0)) {
            throw new ExperimentException("load.rate must be positive for the fixed-rate model, got " + rate);
        }
    }

    /** The most transactions in flight. */
    public int capacity() {
        return clients * outstanding;
    }
}
