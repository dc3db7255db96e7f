package dev.ledgersim.bench;

import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.RocksDbResources;
import dev.ledgersim.orderer.raftlog.RocksDbRaftStorage;
import dev.ledgersim.raft.Entry;
import dev.ledgersim.raft.InMemoryRaftStorage;
import dev.ledgersim.raft.ProposeResult;
import dev.ledgersim.raft.RaftConfig;
import dev.ledgersim.raft.RaftMessage;
import dev.ledgersim.raft.RaftNode;
import dev.ledgersim.raft.RaftRole;
import dev.ledgersim.raft.RaftStorage;
import dev.ledgersim.raft.Ready;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lesson 3: how many entries a Raft group of orderers commits per second when nothing but Raft and its
 * log costs anything.
 *
 * <p>Workload: a cluster of 3 or 5 {@link RaftNode}s in one JVM, one thread, with Fabric's Raft settings
 * (PreVote, CheckQuorum, MaxInflightMsgs 5, at most 64 entries and 2 MB per AppendEntries). Node 1 is
 * elected once per trial. Each invocation proposes 100 entries of 1 KB (the size of a small block of
 * one or two transactions) to the leader, then runs the in-JVM message loop until the network is
 * quiet: every message is delivered in FIFO order, and after each input the node is driven exactly as
 * an orderer drives it — persist the {@link Ready} to its log, queue its messages, "apply" the
 * committed entries (here: add up their sizes), advance. The score is committed entries per second
 * (JMH's ops/s with 100 operations per invocation); an invocation ends when every follower has also
 * applied the entries, so the number includes replication to all, not only to a majority.
 *
 * <p>Parameters: {@code nodes} (3 or 5) and {@code log}: {@code memory} is the raft package's
 * {@link InMemoryRaftStorage} (a list in memory: the cost of the protocol alone), {@code rocksdb} is the
 * orderer's {@link RocksDbRaftStorage} over RocksDB in a temporary directory (one atomic write batch
 * per Ready, the write-ahead log written but not fsynced, as {@code RocksDbResources.Config.defaults()}
 * does). Logs are compacted every 10,000 entries, as an orderer snapshots, so they stay bounded.
 *
 * <p>What to expect: with one thread doing the work of every node, the score falls roughly with the
 * number of nodes (each entry is persisted and acknowledged by every one of them), and RocksDB costs
 * an encoding, a checksum and a batch write per Ready on every node. Raft itself is rarely the
 * bottleneck of an orderer: signing and validating blocks cost far more (see Lessons 1 and 2).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RaftCommitBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RaftCommitBenchmark {

    private static final int ENTRIES_PER_INVOCATION = 100;
    private static final int ENTRY_BYTES = 1024;
    private static final long COMPACT_EVERY = 10_000;

    /** Cluster size. */
    @Param({"3", "5"})
    public int nodes;

    /** Where each node's Raft log lives. */
    @Param({"memory", "rocksdb"})
    public String log;

    private RaftNode[] raft;
    private RaftStorage[] storage;
    private final List<KvStore> stores = new ArrayList<>();
    private final ArrayDeque<RaftMessage> wire = new ArrayDeque<>();
    private final byte[] payload = new byte[ENTRY_BYTES];
    private RocksDbResources resources;
    private Path dir;
    private long appliedBytes;

    /** Builds the cluster and elects node 1. */
    @Setup(Level.Trial)
    public void startCluster() throws IOException {
        new SplittableRandom(1).nextBytes(payload);
        TreeSet<Long> peers = new TreeSet<>();
        for (long id = 1; id <= nodes; id++) {
            peers.add(id);
        }
        KvStoreFactory factory = null;
        if (log.equals("rocksdb")) {
            dir = Files.createTempDirectory("raft-bench");
            resources = RocksDbResources.withDefaults();
            factory = KvStoreFactory.rocksDb(dir, resources);
        }
        raft = new RaftNode[nodes];
        storage = new RaftStorage[nodes];
        for (int i = 0; i < nodes; i++) {
            if (factory == null) {
                storage[i] = new InMemoryRaftStorage();
            } else {
                KvStore store = factory.open("node" + (i + 1) + "/raft", RocksDbRaftStorage.COLUMNS);
                stores.add(store);
                storage[i] = new RocksDbRaftStorage(store);
            }
            raft[i] = new RaftNode(RaftConfig.defaults(i + 1, peers, new SplittableRandom(42 + i)), storage[i]);
        }
        raft[0].campaign();
        drive(0, null);
        runUntilQuiet(null);
        if (raft[0].role() != RaftRole.LEADER) {
            throw new IllegalStateException("node 1 was not elected: " + raft[0]);
        }
    }

    /** Proposes 100 entries of 1 KB and runs the message loop until every node applied them. */
    @Benchmark
    @OperationsPerInvocation(ENTRIES_PER_INVOCATION)
    public void commit100Entries(Blackhole bh) {
        RaftNode leader = raft[0];
        long target = leader.lastIndex() + ENTRIES_PER_INVOCATION;
        for (int i = 0; i < ENTRIES_PER_INVOCATION; i++) {
            ProposeResult r = leader.propose(payload);
            if (!r.isAccepted()) {
                throw new IllegalStateException("proposal refused: " + r);
            }
            drive(0, bh);
        }
        runUntilQuiet(bh);
        for (RaftNode node : raft) {
            if (node.appliedIndex() < target) {
                throw new IllegalStateException("entries not applied by " + node + " (target " + target + ")");
            }
        }
        if (leader.appliedIndex() - leader.firstIndex() > COMPACT_EVERY) {
            for (RaftNode node : raft) {
                node.compact(node.appliedIndex(), new byte[0]);
            }
        }
        bh.consume(appliedBytes);
    }

    private void runUntilQuiet(Blackhole bh) {
        while (!wire.isEmpty()) {
            RaftMessage m = wire.pollFirst();
            int to = (int) m.to() - 1;
            raft[to].step(m);
            drive(to, bh);
        }
    }

    /** The orderer's driver loop: persist, send, apply, advance. */
    private void drive(int i, Blackhole bh) {
        RaftNode node = raft[i];
        while (node.hasReady()) {
            Ready rd = node.ready();
            storage[i].persist(rd);
            wire.addAll(rd.messages());
            for (Entry e : rd.committedEntries()) {
                appliedBytes += e.dataLength();
            }
            if (bh != null) {
                bh.consume(rd);
            }
            node.advance(rd);
        }
    }

    /** Closes the stores and deletes the RocksDB directory. */
    @TearDown(Level.Trial)
    public void stopCluster() {
        stores.forEach(KvStore::close);
        stores.clear();
        if (resources != null) {
            resources.close();
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
