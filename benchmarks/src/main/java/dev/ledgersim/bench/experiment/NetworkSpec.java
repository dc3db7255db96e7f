package dev.ledgersim.bench.experiment;

import dev.ledgersim.msp.policy.Policy;
import dev.ledgersim.msp.policy.PolicyParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network of an experiment: {@code orgs} organisations {@code Org1MSP..OrgNMSP} with
 * {@code peersPerOrg} peers each, one channel joined by all of them, {@code orderers} Raft orderers of
 * {@code OrdererMSP}.
 *
 * @param orgs organisations, at least 1
 * @param peersPerOrg peers of each organisation, at least 1
 * @param orderers Raft consenters, at least 1
 * @param policy the chaincode endorsement policy: {@code AND}, {@code OR}, {@code MAJORITY} (over the
 *     organisations' peers), {@code OUTOF(k)}, or a policy in Fabric's language such as
 *     {@code OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')}
 * @param batchSize the channel's {@code MaxMessageCount}
 * @param batchTimeoutMs the channel's {@code BatchTimeout} in milliseconds
 * @param storage {@code memory} or {@code rocksdb} (a temporary directory, removed after the point)
 * @param runtime {@code simulated} (deterministic, simulated time) or {@code concurrent} (wall clock, threads)
 * @param threads the concurrent runtime's node threads; 0 for one per core
 * @param crypto {@code simulated} (keyed hashes standing in for signatures) or {@code ecdsa} (real P-256 signatures)
 * @param verification {@code per-node} (every peer and orderer checks every signature it is given, as in
 *     Fabric) or {@code shared} (each distinct signature is checked once for the whole network; results
 *     are the same, see {@code Crypto.withSharedVerification})
 * @param latencyMs the one-way latency of every link between two nodes, in milliseconds (LedgerSim's
 *     default is 1)
 * @param trace whether to record the network's trace and write it as {@code trace-<point>.json}
 */
public record NetworkSpec(int orgs, int peersPerOrg, int orderers, String policy, int batchSize, long batchTimeoutMs,
                          String storage, String runtime, int threads, String crypto, String verification, double latencyMs,
                          boolean trace) {

    /** Checks every field; the message names the field and what is allowed. */
    public void validate() {
        positive("network.orgs", orgs);
        positive("network.peersPerOrg", peersPerOrg);
        positive("network.orderers", orderers);
        positive("network.batchSize", batchSize);
        positive("network.batchTimeoutMs", batchTimeoutMs);
        oneOf("network.storage", storage, "memory", "rocksdb");
        oneOf("network.runtime", runtime, "simulated", "concurrent");
        oneOf("network.crypto", crypto, "simulated", "ecdsa");
        oneOf("network.verification", verification, "per-node", "shared");
        if (!(latencyMs >= 0) || Double.isInfinite(latencyMs)) {
            throw new ExperimentException("network.latencyMs must be a finite number >= 0, got " + latencyMs);
        }
        if (threads < 0) {
            throw new ExperimentException("network.threads must be 0 (one per core) or more, got " + threads);
        }
        try {
            Policy.parse(endorsementPolicy());
        } catch (PolicyParseException e) {
            throw new ExperimentException("network.policy is not a valid policy: " + e.getMessage(), e);
        }
    }

    /** The MSP ids of the organisations. */
    public List<String> organizations() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= orgs; i++) {
            out.add("Org" + i + "MSP");
        }
        return out;
    }

    /** The batch timeout. */
    public Duration batchTimeout() {
        return Duration.ofMillis(batchTimeoutMs);
    }

    /**
     * The endorsement policy in Fabric's language.
     *
     * @throws ExperimentException for an unknown shorthand or an impossible {@code OUTOF(k)}
     */
    public String endorsementPolicy() {
        if (policy == null || policy.isBlank()) {
            throw new ExperimentException("network.policy is missing (AND, OR, MAJORITY, OUTOF(k) or a policy expression)");
        }
        List<String> principals = organizations().stream().map(o -> "'" + o + ".peer'").toList();
        String p = policy.trim().toUpperCase(Locale.ROOT);
        if (p.equals("AND")) {
            return "AND(" + String.join(", ", principals) + ")";
        }
        if (p.equals("OR") || p.equals("ANY")) {
            return "OR(" + String.join(", ", principals) + ")";
        }
        if (p.equals("MAJORITY")) {
            return "OutOf(" + (orgs / 2 + 1) + ", " + String.join(", ", principals) + ")";
        }
        if (p.matches("OUTOF\\(\\s*\\d+\\s*\\)")) {
            int k = Integer.parseInt(p.replaceAll("[^0-9]", ""));
            if (k < 1 || k > orgs) {
                throw new ExperimentException("network.policy " + policy + " needs 1 <= k <= orgs (" + orgs + ")");
            }
            return "OutOf(" + k + ", " + String.join(", ", principals) + ")";
        }
        if (policy.contains("(")) {
            return policy;
        }
        throw new ExperimentException("network.policy '" + policy + "' is not AND, OR, MAJORITY, OUTOF(k) or a policy expression");
    }

    static void positive(String field, long value) {
        if (value < 1) {
            throw new ExperimentException(field + " must be at least 1, got " + value);
        }
    }

    static void oneOf(String field, String value, String... allowed) {
        if (!List.of(allowed).contains(value)) {
            throw new ExperimentException(field + " must be one of " + String.join(", ", allowed) + "; got '" + value + "'");
        }
    }
}
