package dev.ledgersim.bench;

import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;
import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.endorsement.CollectionConfig;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.gateway.GatewayException;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.gateway.SubmittedTransaction;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * Lesson 4: what private data costs a network, against the same workload written to public state.
 *
 * <p>Workload: a whole {@link LedgerSim} network in the simulated runtime: Org1 with two peers, Org2 and
 * Org3 with one each, one Raft orderer, blocks of up to 50 transactions (BatchTimeout 100 ms),
 * {@link Crypto#simulated() simulated signatures} and in-memory storage, tracing off, so that the score
 * is the CPU cost of the protocol rather than of ECDSA or disks. Each invocation endorses and submits
 * 100 transactions from one Org1 client through peer0.org1 (endorsement policy: any one peer), then
 * waits for all of them to commit; the score is committed transactions per second of wall-clock time.
 * Every transaction writes one fresh key with a 256-byte value taken from the transient map:
 * <ul>
 *   <li>{@code public}: {@code putState} — the value goes into the rw-set, the block and every peer's
 *       world state;</li>
 *   <li>{@code private}: {@code putPrivateData} into a collection of Org1 and Org2 with
 *       requiredPeerCount 1 and maxPeerCount 2 — the block carries only hashes; the endorser pushes the
 *       data to the two other member peers and waits for one acknowledgement before it answers; at
 *       commit each member checks the data against the hashes and writes private state, hashed state
 *       and the private data store; Org3 stores only the hashes.</li>
 * </ul>
 *
 * <p>What to expect: private writes cost more per transaction — an extra push and acknowledgement per
 * endorsement, the transient store written on three peers and purged after commit, every member
 * hashing and comparing each collection's rw-set and writing private state, hashed state and the
 * private data store instead of one world-state entry — while blocks carry a 32-byte hash instead of
 * the value and there is no history entry. Because each endorsement now waits for an acknowledgement
 * (simulated time), fewer transactions reach the orderer per BatchTimeout, so blocks are smaller (about
 * 25 instead of 50 transactions) and there are more of them to validate. On a 2-core machine the
 * private workload committed roughly a quarter fewer transactions per second than the public one
 * (about 1,600 against 2,100). The simulated network delays cost no wall-clock time, so the score
 * compares work done, not latency.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PrivateDataBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class PrivateDataBenchmark {

    private static final int TRANSACTIONS_PER_INVOCATION = 100;
    private static final int VALUE_BYTES = 256;

    /** Where the values go. */
    @Param({"public", "private"})
    public String writes;

    private LedgerSim sim;
    private Gateway gateway;
    private dev.ledgersim.gateway.Contract contract;
    private final byte[] value = new byte[VALUE_BYTES];
    private long nextKey;

    /** The benchmark's contract: one write of the transient value, public or private. */
    @Contract(name = "bench")
    @Default
    public static final class WriteContract implements ContractInterface {

        /** Writes the transient value to public state. */
        @Transaction(intent = Transaction.TYPE.SUBMIT)
        public void putPublic(Context ctx, String key) {
            ctx.getStub().putState(key, ctx.getStub().getTransient().get("value"));
        }

        /** Writes the transient value to collection {@code records}. */
        @Transaction(intent = Transaction.TYPE.SUBMIT)
        public void putPrivate(Context ctx, String key) {
            ctx.getStub().putPrivateData("records", key, ctx.getStub().getTransient().get("value"));
        }
    }

    /** Builds the network and deploys the chaincode. */
    @Setup(Level.Trial)
    public void startNetwork() {
        new SplittableRandom(4).nextBytes(value);
        sim = LedgerSim.builder().seed(4)
                .organization("Org1MSP", org -> org.peers(2))
                .organization("Org2MSP", org -> org.peers(1))
                .organization("Org3MSP", org -> org.peers(1))
                .channel("bench", ch -> ch.members("Org1MSP", "Org2MSP", "Org3MSP").batchSize(50)
                        .batchTimeout(Duration.ofMillis(100)))
                .storage(Storage.inMemory())
                .crypto(Crypto.simulated())
                .trace(false)
                .build();
        sim.channel("bench").deploy(ChaincodeDefinition.builder("bench", WriteContract::new)
                .endorsementPolicy("OR('Org1MSP.peer','Org2MSP.peer','Org3MSP.peer')")
                .collection(CollectionConfig.builder("records").memberOrgsPolicy("OR('Org1MSP.member','Org2MSP.member')")
                        .requiredPeerCount(1).maxPeerCount(2).build())
                .build());
        gateway = sim.connect(sim.organization("Org1MSP").enroll("writer"));
        contract = gateway.getNetwork("bench").getContract("bench");
    }

    /** Endorses and submits 100 transactions, then waits until all of them committed valid. */
    @Benchmark
    @OperationsPerInvocation(TRANSACTIONS_PER_INVOCATION)
    public long commit100Transactions() throws GatewayException {
        String function = writes.equals("private") ? "putPrivate" : "putPublic";
        List<SubmittedTransaction> submitted = new ArrayList<>(TRANSACTIONS_PER_INVOCATION);
        for (int i = 0; i < TRANSACTIONS_PER_INVOCATION; i++) {
            submitted.add(contract.newProposal(function).addArguments("key" + (nextKey++)).putTransient("value", value)
                    .build().endorse().submitAsync());
        }
        long lastBlock = 0;
        for (SubmittedTransaction tx : submitted) {
            Status status = tx.getStatus();
            if (!status.isSuccessful()) {
                throw new IllegalStateException("transaction " + tx.getTransactionId() + " committed " + status.getCode());
            }
            lastBlock = Math.max(lastBlock, status.getBlockNumber());
        }
        return lastBlock;
    }

    /** Prints what was measured, then stops the network. */
    @TearDown(Level.Trial)
    public void stopNetwork() {
        var ledger = sim.peer("peer0.org3msp").ledger("bench");
        System.out.printf("%n[%s] %d transactions in %d blocks; on the non-member peer0.org3msp key0 is %s%n", writes,
                nextKey, ledger.height(), writes.equals("private")
                        ? "hash-only: value " + ledger.privateData("bench", "records", "key0") + ", hash of "
                                + ledger.privateDataHash("bench", "records", "key0").length + " bytes"
                        : "public: " + ledger.worldState("bench", "key0").length + " bytes");
        gateway.close();
        sim.close();
    }
}
