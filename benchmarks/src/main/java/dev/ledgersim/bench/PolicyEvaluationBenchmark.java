package dev.ledgersim.bench;

import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.Role;
import dev.ledgersim.msp.policy.ImplicitMetaPolicy;
import dev.ledgersim.msp.policy.Policy;
import dev.ledgersim.msp.policy.PolicyEvaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lesson 5: what deciding "is this transaction endorsed enough?" costs, once the signatures are known to
 * be good.
 *
 * <p>Workload: four organisations with one peer each; their deserialized identities (as the validator
 * holds them after checking the endorsement signatures) are the signers. The committing peer evaluates
 * the chaincode's policy against them for every transaction, with Fabric's greedy algorithm (each signer
 * satisfies at most one principal, no backtracking). Shapes:
 * <ul>
 *   <li>{@code AND2} — {@code AND('Org1MSP.peer', 'Org2MSP.peer')}, the test network's policy;</li>
 *   <li>{@code AND4}, {@code OR4} — all, or any, of four organisations;</li>
 *   <li>{@code OUTOF2OF4} — {@code OutOf(2, ...)} over four: a majority-like gate;</li>
 *   <li>{@code NESTED} — {@code AND(OR(Org1, Org2), OR(Org3, Org4))};</li>
 *   <li>{@code MAJORITY} — {@code MAJORITY Endorsement}, an implicit-meta policy over each organisation's
 *       own {@code OR('OrgN.peer')}, as channel policies are written.</li>
 * </ul>
 * {@code evaluate} builds the result the validator keeps (with what it needs for an explanation);
 * {@code isSatisfiedBy} is the yes/no answer alone; {@code evaluateUnsatisfied} is the failure path
 * (one signer short), which also walks the whole rule. Compare all three with the cost of one ECDSA
 * verification in {@link SignatureBenchmark} (about 70 µs): evaluation is noise next to it, so a policy
 * shape changes throughput through the endorsements it requires, not through its evaluation.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PolicyEvaluationBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyEvaluationBenchmark {

    /** The policy's shape. */
    @Param({"AND2", "AND4", "OR4", "OUTOF2OF4", "NESTED", "MAJORITY"})
    public String shape;

    private Policy policy;
    private List<Identity> signers;
    private List<Identity> tooFew;

    /** Four organisations, their peers as the validator sees them, and the policy. */
    @Setup
    public void setUp() {
        List<Identity> peers = new ArrayList<>();
        Map<String, Policy> perOrg = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            String msp = "Org" + i + "MSP";
            CertificateAuthority ca = CertificateAuthority.create(CaConfig.defaults(msp),
                    DeterministicRandom.fromSeed(1, "ca/" + msp), Crypto.simulated());
            Identity peer = ca.enroll("peer0." + msp.toLowerCase(java.util.Locale.ROOT), Role.PEER);
            peers.add(new MspManager(List.of(ca.msp())).deserializeAndValidate(peer.serialize()));
            perOrg.put(msp, Policy.parse("OR('" + msp + ".peer')"));
        }
        policy = switch (shape) {
            case "AND2" -> Policy.parse("AND('Org1MSP.peer', 'Org2MSP.peer')");
            case "AND4" -> Policy.parse("AND('Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer', 'Org4MSP.peer')");
            case "OR4" -> Policy.parse("OR('Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer', 'Org4MSP.peer')");
            case "OUTOF2OF4" -> Policy.parse("OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer', 'Org4MSP.peer')");
            case "NESTED" -> Policy.parse("AND(OR('Org1MSP.peer', 'Org2MSP.peer'), OR('Org3MSP.peer', 'Org4MSP.peer'))");
            case "MAJORITY" -> ImplicitMetaPolicy.parse("MAJORITY Endorsement").bind(perOrg);
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
        int needed = switch (shape) {
            case "AND2" -> 2;
            case "AND4" -> 4;
            case "OR4" -> 1;
            case "OUTOF2OF4", "NESTED" -> 2;
            default -> 3;
        };
        // The endorsements a gateway would collect: just enough, in organisation order (NESTED: Org1 and Org3).
        signers = shape.equals("NESTED") ? List.of(peers.get(0), peers.get(2)) : List.copyOf(peers.subList(0, needed));
        tooFew = List.copyOf(signers.subList(0, signers.size() - 1));
        if (!policy.isSatisfiedBy(signers) || (!tooFew.isEmpty() && policy.isSatisfiedBy(tooFew))) {
            throw new IllegalStateException("benchmark setup: " + shape + " is not satisfied by exactly its signers");
        }
    }

    /** The validator's call: evaluation with the record of which signer met which principal. */
    @Benchmark
    public PolicyEvaluation evaluate() {
        return policy.evaluate(signers);
    }

    /** The yes/no answer alone. */
    @Benchmark
    public boolean isSatisfiedBy() {
        return policy.isSatisfiedBy(signers);
    }

    /** One endorsement short: the failure path, which the validator turns into an explanation. */
    @Benchmark
    public PolicyEvaluation evaluateUnsatisfied() {
        return policy.evaluate(tooFew);
    }
}
