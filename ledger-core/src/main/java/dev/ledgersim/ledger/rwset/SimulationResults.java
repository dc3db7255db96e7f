package dev.ledgersim.ledger.rwset;

import dev.ledgersim.ledger.codec.TxPvtReadWriteSet;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import java.util.Objects;

/**
 * What a transaction simulation produced: the public rw-set that goes into the proposal response (with
 * the hashes of private reads and writes) and the private rw-set that travels only to member peers.
 *
 * @param publicRwSet reads, range queries and writes per namespace, plus hashed collection rw-sets
 * @param privateRwSet the private writes per namespace and collection (empty when there are none)
 */
public record SimulationResults(TxReadWriteSet publicRwSet, TxPvtReadWriteSet privateRwSet) {
    /** Validates. */
    public SimulationResults {
        Objects.requireNonNull(publicRwSet, "publicRwSet");
        Objects.requireNonNull(privateRwSet, "privateRwSet");
    }

    /** Whether the simulation wrote private data. */
    public boolean hasPrivateWrites() {
        return !privateRwSet.nsPvtRwSets().isEmpty();
    }
}
