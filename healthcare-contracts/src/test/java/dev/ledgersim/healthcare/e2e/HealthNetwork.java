package dev.ledgersim.healthcare.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.GatewayException;
import dev.ledgersim.healthcare.consent.ConsentContract;
import dev.ledgersim.healthcare.emr.EmrContract;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.Storage;
import java.time.Duration;
import java.util.List;

/**
 * The healthcare test network: two hospital organisations with two peers each (seed A's org1/org2, the
 * members of the private collection), a research organisation with one peer, three Raft orderers, the
 * channel {@value #CHANNEL}, and emrcc and consentcc deployed through the lifecycle with their
 * {@code definition(...)} factories. Simulated runtime, in-memory storage.
 */
final class HealthNetwork {

    static final String CHANNEL = "emrchannel";
    static final String HOSPITAL_1 = "Org1MSP";
    static final String HOSPITAL_2 = "Org2MSP";
    static final String RESEARCH = "Org3MSP";

    private HealthNetwork() {
    }

    static LedgerSim build(long seed) {
        LedgerSim sim = LedgerSim.builder().seed(seed)
                .organization(HOSPITAL_1, org -> org.peers(2))
                .organization(HOSPITAL_2, org -> org.peers(2))
                .organization(RESEARCH, org -> org.peers(1))
                .ordererOrganization("OrdererMSP", 3)
                .channel(CHANNEL, ch -> ch.members(HOSPITAL_1, HOSPITAL_2, RESEARCH).batchSize(10)
                        .batchTimeout(Duration.ofMillis(500)))
                .storage(Storage.inMemory())
                .build();
        sim.channel(CHANNEL).deploy(EmrContract.definition(List.of(HOSPITAL_1, HOSPITAL_2)));
        sim.channel(CHANNEL).deploy(ConsentContract.definition(List.of(HOSPITAL_1, HOSPITAL_2, RESEARCH)));
        return sim;
    }

    /**
     * Submits, then lets the network settle so that every peer has committed the block before the next
     * step (a client of another organisation endorses on its own peers, which may otherwise lag behind the
     * gateway peer that reported the commit), and returns the result as text.
     */
    static String submit(LedgerSim sim, Contract contract, String function, String... args) throws GatewayException {
        String result = new String(contract.submitTransaction(function, args), UTF_8);
        sim.runUntilIdle();
        return result;
    }

    /** Evaluates and returns the result as text. */
    static String evaluate(Contract contract, String function, String... args) throws GatewayException {
        return new String(contract.evaluateTransaction(function, args), UTF_8);
    }
}
