package dev.ledgersim.bench;

import dev.ledgersim.bench.workload.KvContract;
import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.Runtime;
import dev.ledgersim.network.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lesson 8: the real-crypto target — "ECDSA, RocksDB, 2 orgs × 1 peer, AND policy, 3 Raft orderers,
 * 100-transaction blocks, concurrent runtime: ≥ 80 % of the crypto bound computed from sign/verify rates
 * measured in the same run, and ≥ 2,500 tx/s on 2 cores".
 *
 * <p>Workload: that network on the concurrent runtime (one node thread per core), links of zero latency
 * (one machine, as the Fabric figure it is compared with), blind writes of distinct keys from two clients
 * (one per organisation, each through its own peer), submitted from the benchmark thread with the gateway's
 * non-blocking calls, {@code inFlight} in flight (256 by default). Each invocation commits {@value #TRANSACTIONS}
 * transactions; the score is committed transactions per wall-clock second.
 *
 * <p>The crypto bound ({@link CryptoBound}): before the trial the benchmark measures the sign and verify
 * rates of one core and of all cores at once. A transaction costs 4 signatures and 9 verifications when
 * every node verifies for itself, of which only 4 are distinct (key, message, signature) triples; with
 * {@code verification=shared} ({@code Crypto.withSharedVerification}) the network performs each distinct
 * check once. After each iteration the benchmark prints its rate against the bound of its mode, and the
 * verifications the network really performed per transaction.
 *
 * <p>Parameters: {@code crypto} ({@code ecdsa} for the target, {@code simulated} for the protocol-only
 * ceiling of the same setup), {@code verification} and {@code storage}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ConcurrentPipelineBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class ConcurrentPipelineBenchmark {

    private static final int TRANSACTIONS = 2_000;

    /** Real ECDSA, or simulated signatures (keyed hashes). */
    @Param({"ecdsa", "simulated"})
    public String crypto;

    /** Whether each node verifies every signature it gets, or each distinct one is verified once. */
    @Param({"shared", "per-node"})
    public String verification;

    /** Where the nodes keep blocks and state. */
    @Param({"rocksdb"})
    public String storage;

    /** Transactions submitted and not yet committed, at most (the load: Caliper's fixed-load rate control). */
    @Param({"256"})
    public int inFlight;

    private LedgerSim sim;
    private Crypto scheme;
    private CryptoBound bound;
    private final List<Gateway> gateways = new ArrayList<>();
    private final Contract[] contracts = new Contract[2];
    private long next;
    private long committed;
    private long iterationStart;
    private long verificationsAtStart;

    /** Measures the crypto rates, then builds the network. */
    @Setup(Level.Trial)
    public void buildNetwork() {
        Crypto base = crypto.equals("ecdsa") ? Crypto.ecdsa() : Crypto.simulated();
        bound = CryptoBound.measure(base, 3_000);
        scheme = verification.equals("shared") ? base.withSharedVerification() : base;
        sim = LedgerSim.builder().seed(1)
                .organization("Org1MSP", o -> o.peers(1)).organization("Org2MSP", o -> o.peers(1))
                .ordererOrganization("OrdererMSP", 3)
                .channel("bench", ch -> ch.members("Org1MSP", "Org2MSP").batchSize(100).batchTimeout(Duration.ofMillis(200)))
                .storage(storage.equals("rocksdb") ? Storage.temporaryRocksDb() : Storage.inMemory())
                .runtime(Runtime.concurrent()).crypto(scheme).trace(false).build();
        OneMachine.zeroLatencyLinks(sim);
        sim.channel("bench").deploy(ChaincodeDefinition.builder("kv", KvContract::new)
                .endorsementPolicy("AND('Org1MSP.peer', 'Org2MSP.peer')").build());
        for (int i = 0; i < 2; i++) {
            Gateway gateway = sim.connect(sim.organization("Org" + (i + 1) + "MSP").enroll("client" + (i + 1)));
            gateways.add(gateway);
            contracts[i] = gateway.getNetwork("bench").getContract("kv");
        }
    }

    /** Starts counting commits for this iteration. */
    @Setup(Level.Iteration)
    public void startIteration() {
        committed = 0;
        verificationsAtStart = scheme.verificationCount().performed();
        iterationStart = System.nanoTime();
    }

    /** 2,000 blind writes, alternating between the two clients, {@code inFlight} in flight; fails unless all commit valid. */
    @Benchmark
    @OperationsPerInvocation(TRANSACTIONS)
    public long submit() {
        long first = next;
        next += TRANSACTIONS;
        long valid = InFlight.submit(sim, contracts[(int) (first / TRANSACTIONS % 2)], "update", TRANSACTIONS, inFlight,
                i -> new String[] {KvContract.key((int) ((first + i) % 100_000_000)), "value"});
        if (valid != TRANSACTIONS) {
            throw new IllegalStateException("expected every transaction valid, got " + valid + " of " + TRANSACTIONS);
        }
        committed += valid;
        return valid;
    }

    /** Prints the iteration's rate against the crypto bound. */
    @TearDown(Level.Iteration)
    public void report() {
        double seconds = (System.nanoTime() - iterationStart) / 1e9;
        double rate = committed / seconds;
        boolean shared = scheme.sharesVerification();
        System.out.println();
        System.out.println("  " + bound.report(crypto + ", " + verification + " verification", rate, shared));
        if (shared && committed > 0) {
            System.out.printf(java.util.Locale.ROOT, "  verifications performed: %.2f per transaction%n",
                    (scheme.verificationCount().performed() - verificationsAtStart) / (double) committed);
        }
    }

    /** Closes the network. */
    @TearDown(Level.Trial)
    public void close() {
        gateways.forEach(Gateway::close);
        sim.close();
    }
}
