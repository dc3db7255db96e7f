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
 * Lesson 7: how fast the whole simulated pipeline runs — the "simulated crypto, in-memory state:
 * ≥ 50,000 tx/s end to end; with RocksDB ≥ 25,000 tx/s".
 *
 * <p>Workload: a network of two organisations with one peer each, one Raft orderer, one channel with
 * 100-transaction blocks (batch timeout 2 s, never reached), a KV chaincode under
 * {@code AND('Org1MSP.peer', 'Org2MSP.peer')}, simulated crypto (keyed hashes), no trace. Each invocation
 * submits 2,000 blind writes of distinct keys from this thread with the gateway's non-blocking calls, up
 * to 200 in flight, and waits for the last commit. Every transaction runs the full path: proposal, two
 * endorsements with simulation,
 * envelope, broadcast checks, Raft, block cutting and signing, delivery to both peers, validation
 * (signatures, policy, MVCC) and commit of block, state and history on both. The score is committed
 * transactions per wall-clock second (JMH's ops/s, 2,000 operations per invocation).
 *
 * <p>Parameters: {@code storage} ({@code memory} or {@code rocksdb} in a temporary directory) and
 * {@code runtime}: {@code simulated} runs every node on the benchmark thread in simulated time (one core);
 * {@code concurrent} runs the nodes as actors on a pool of one thread per core, so the two peers validate
 * and commit in parallel on the machine's cores, over links of zero latency (one machine).
 *
 * <p>Five warm-up iterations: in the concurrent runtime the nodes keep both cores busy and leave the JIT
 * compiler little CPU, so throughput was still rising through the third (9,000, 14,600, 18,300 tx/s, then
 * 28,000 to 36,000).
 *
 * <p>The network is built afresh for every iteration, warm-up ones included (the JIT stays warm), and
 * keys keep growing across the iteration's invocations: an iteration commits 50,000 to 120,000
 * transactions. With in-memory storage every node keeps every block on the heap, about 13 KB a
 * transaction for the orderer and both peers together; one network carried through all eight iterations
 * would hold some 10 GB by the end, and its last iterations measured the garbage collector (iterations of
 * 24,666 then 4,793 and 4,351 tx/s). The fork gets a 12 GB heap, touched before the trial starts
 * ({@code -XX:+AlwaysPreTouch}): in a virtual machine the first touch of each fresh heap page is expensive
 * enough to halve throughput while the heap grows (measured: from 13,000 to 7,000 tx/s once the heap
 * passed 3 GB, and steady at 13,000 with the heap touched in advance).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PipelineBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms12g", "-Xmx12g", "-XX:+AlwaysPreTouch"})
public class PipelineBenchmark {

    private static final int TRANSACTIONS = 2_000;
    private static final int IN_FLIGHT = 200;

    /** Where the nodes keep blocks and state. */
    @Param({"memory", "rocksdb"})
    public String storage;

    /** All nodes on the benchmark thread in simulated time, or on a pool of a thread per core in real time. */
    @Param({"simulated", "concurrent"})
    public String runtime;

    private LedgerSim sim;
    private Gateway gateway;
    private Contract contract;
    private long next;

    /** Builds the network, deploys the chaincode, connects a client: for every iteration. */
    @Setup(Level.Iteration)
    public void buildNetwork() {
        next = 0;
        sim = LedgerSim.builder().seed(1)
                .organization("Org1MSP", o -> o.peers(1)).organization("Org2MSP", o -> o.peers(1))
                .ordererOrganization("OrdererMSP", 1)
                .channel("bench", ch -> ch.members("Org1MSP", "Org2MSP").batchSize(100).batchTimeout(Duration.ofSeconds(2)))
                .storage(storage.equals("rocksdb") ? Storage.temporaryRocksDb() : Storage.inMemory())
                .runtime(runtime.equals("concurrent") ? Runtime.concurrent() : Runtime.simulated())
                .crypto(Crypto.simulated()).trace(false).build();
        if (runtime.equals("concurrent")) {
            OneMachine.zeroLatencyLinks(sim);
        }
        sim.channel("bench").deploy(ChaincodeDefinition.builder("kv", KvContract::new)
                .endorsementPolicy("AND('Org1MSP.peer', 'Org2MSP.peer')").build());
        gateway = sim.connect(sim.organization("Org1MSP").enroll("client"));
        contract = gateway.getNetwork("bench").getContract("kv");
    }

    /** 2,000 blind writes, 200 in flight; fails if any does not commit valid. */
    @Benchmark
    @OperationsPerInvocation(TRANSACTIONS)
    public long submit() {
        long first = next;
        next += TRANSACTIONS;
        long valid = InFlight.submit(sim, contract, "update", TRANSACTIONS, IN_FLIGHT,
                i -> new String[] {KvContract.key((int) ((first + i) % 100_000_000)), "value"});
        if (valid != TRANSACTIONS) {
            throw new IllegalStateException("expected every transaction valid, got " + valid + " of " + TRANSACTIONS);
        }
        return valid;
    }

    /** Closes the network (a temporary RocksDB directory is removed). */
    @TearDown(Level.Iteration)
    public void close() {
        gateway.close();
        sim.close();
    }
}
