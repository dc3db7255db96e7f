package dev.ledgersim.bench;

import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.commit.ChannelLedger;
import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.rwset.RwSetBuilder;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.RocksDbResources;
import dev.ledgersim.ledger.tx.ProposalRequest;
import dev.ledgersim.ledger.tx.Transactions;
import dev.ledgersim.ledger.validation.BlockValidation;
import dev.ledgersim.ledger.validation.BlockValidator;
import dev.ledgersim.ledger.validation.NamespacePolicy;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.Role;
import dev.ledgersim.msp.policy.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Lesson 2: how fast one peer validates and commits blocks.
 *
 * <p>Workload: 20 blocks of 100 endorser transactions each, built once per trial. Every transaction is
 * created by a client of Org1, endorsed by one peer of each of two organisations under the chaincode
 * policy {@code AND('Org1MSP.peer', 'Org2MSP.peer')}, reads one absent key and writes it (no conflicts,
 * all valid). Each invocation commits the 20 blocks into a fresh ledger: per transaction, the creator's
 * signature and two endorsements are verified (3 verifications), the policy evaluated, MVCC checked,
 * and state, history and the block written. The score is transactions per second.
 *
 * <p>Parameters: storage (in-memory or RocksDB), crypto (real ECDSA or simulated MACs) and the number
 * of threads verifying signatures (stage A of the validator). With ECDSA the bound is the verification
 * rate: about 3 verifications per transaction on each validation thread.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BlockCommitBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class BlockCommitBenchmark {

    private static final int BLOCKS = 20;
    private static final int TX_PER_BLOCK = 100;
    private static final String CHANNEL = "bench";

    /** Where the ledger lives. */
    @Param({"memory", "rocksdb"})
    public String storage;

    /** Which signatures are made and checked. */
    @Param({"ecdsa", "simulated"})
    public String crypto;

    /** Threads verifying signatures. */
    @Param({"1", "2"})
    public int threads;

    private final List<ProtocolBlock> blocks = new ArrayList<>();
    private ProtocolBlock genesis;
    private BlockValidator validator;
    private ExecutorService pool;
    private RocksDbResources resources;
    private Path dir;
    private ChannelLedger ledger;

    /** Identities, policies and the 20 blocks of signed transactions. */
    @Setup(Level.Trial)
    public void buildBlocks() {
        Crypto scheme = crypto.equals("ecdsa") ? Crypto.ecdsa() : Crypto.simulated();
        CertificateAuthority org1 = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(1, "ca/Org1MSP"), scheme);
        CertificateAuthority org2 = CertificateAuthority.create(CaConfig.defaults("Org2MSP"),
                DeterministicRandom.fromSeed(1, "ca/Org2MSP"), scheme);
        Identity client = org1.enroll("client", Role.CLIENT);
        Identity peer1 = org1.enroll("peer0.org1msp", Role.PEER);
        Identity peer2 = org2.enroll("peer0.org2msp", Role.PEER);
        MspManager msps = new MspManager(List.of(org1.msp(), org2.msp()));
        Policy and = Policy.parse("AND('Org1MSP.peer', 'Org2MSP.peer')");
        pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        validator = new BlockValidator(CHANNEL, msps,
                ns -> ns.equals("bench") ? Optional.of(NamespacePolicy.of("bench", "1.0", and)) : Optional.empty(),
                pool != null ? pool : Runnable::run);

        DeterministicRandom random = DeterministicRandom.fromSeed(2, "nonces");
        genesis = block(0, Bytes.EMPTY, List.of());
        Bytes previous = Hashes.blockHeaderHash(genesis.header());
        Timestamp now = new Timestamp(1_735_689_600L, 0);
        for (int b = 1; b <= BLOCKS; b++) {
            List<Bytes> envelopes = new ArrayList<>(TX_PER_BLOCK);
            for (int t = 0; t < TX_PER_BLOCK; t++) {
                byte[] nonce = new byte[24];
                random.nextBytes(nonce);
                String key = "key-" + b + "-" + t;
                var proposal = Transactions.propose(new ProposalRequest(CHANNEL, "bench", "put",
                        List.of(Bytes.utf8(key)), new TreeMap<>(), Bytes.wrap(nonce), now), client);
                RwSetBuilder rw = new RwSetBuilder();
                rw.addRead("bench", key, null);
                rw.addWrite("bench", key, Bytes.utf8("value of " + key));
                var rwset = rw.build().publicRwSet();
                List<ProposalResponse> responses = List.of(
                        Transactions.endorse(proposal.proposal(), rwset, null, Response.ok(Bytes.EMPTY), "1.0", peer1, now),
                        Transactions.endorse(proposal.proposal(), rwset, null, Response.ok(Bytes.EMPTY), "1.0", peer2, now));
                envelopes.add(ProtoCodec.encode(Transactions.assemble(proposal.proposal(), responses, client)));
            }
            ProtocolBlock block = block(b, previous, envelopes);
            blocks.add(block);
            previous = Hashes.blockHeaderHash(block.header());
        }
        if (storage.equals("rocksdb")) {
            resources = RocksDbResources.withDefaults();
        }
    }

    private static ProtocolBlock block(long number, Bytes previous, List<Bytes> envelopes) {
        return new ProtocolBlock(new BlockHeader(number, previous, Hashes.blockDataHash(envelopes)), envelopes,
                List.of(Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY));
    }

    /** A fresh ledger holding only the genesis block. */
    @Setup(Level.Invocation)
    public void openLedger() throws IOException {
        KvStoreFactory factory;
        if (storage.equals("rocksdb")) {
            dir = Files.createTempDirectory("ledgersim-bench");
            factory = KvStoreFactory.rocksDb(dir, resources);
        } else {
            factory = KvStoreFactory.inMemory();
        }
        ledger = ChannelLedger.open(CHANNEL, factory, "peer");
        ledger.commitGenesis(genesis);
    }

    /** Validates and commits the 20 blocks; the score counts transactions. */
    @Benchmark
    @OperationsPerInvocation(BLOCKS * TX_PER_BLOCK)
    public long validateAndCommit() {
        long valid = 0;
        for (ProtocolBlock block : blocks) {
            BlockValidation validation = ledger.commit(block, validator, Map.of());
            valid += validation.codes().stream().filter(c -> c == TxValidationCode.VALID).count();
        }
        if (valid != (long) BLOCKS * TX_PER_BLOCK) {
            throw new IllegalStateException("expected every transaction valid, got " + valid);
        }
        return valid;
    }

    /** Closes the ledger and removes its files. */
    @TearDown(Level.Invocation)
    public void closeLedger() throws IOException {
        ledger.close();
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            dir = null;
        }
    }

    /** Releases the thread pool and RocksDB's shared resources. */
    @TearDown(Level.Trial)
    public void release() {
        if (pool != null) {
            pool.shutdown();
        }
        if (resources != null) {
            resources.close();
        }
    }
}
