package dev.ledgersim.bench;

import dev.ledgersim.ledger.storage.InMemoryKvStore;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lesson 9: what one write and one read of the in-memory {@link KvStore} cost once it holds a million
 * keys — the store behind every simulated peer's block index, txid index and world state.
 *
 * <p>Workload: keys are random 64-character hex strings (transaction ids, the worst case for an ordered
 * map: no locality at all), values 16 bytes (a block and transaction number, as the txid index keeps).
 * The store is filled with 1,000,000 entries before every iteration, one thread.
 * <ul>
 *   <li>{@code newKey} — the baseline: drawing a fresh random hex key, which {@code putNewKey} pays too;
 *       subtract it;</li>
 *   <li>{@code putNewKey} — a one-put batch of a key not in the store: the write lock, the batch's two
 *       defensive copies and the insertion. The store grows by every put during an iteration (by a few
 *       million at most; it is refilled from scratch for the next one);</li>
 *   <li>{@code getExistingKey} — the value of a key drawn at random among the million, read under the
 *       read lock and copied out, through a key array of its own as a decoded transaction would bring.</li>
 * </ul>
 * What is measured is mostly cache misses: with keys spread at random over a million entries, nearly
 * every node visited is cold. A {@code ConcurrentSkipListMap} (the store's map before the B+tree) makes
 * some twenty dependent misses per lookup (node, key array, compare), the {@code SortedBytesMap} about
 * four node visits whose binary search compares 8-byte key prefixes held in one {@code long[]}. On a
 * 2-core VM ({@code -f 1 -wi 2 -i 3 -w 3s -r 3s}) the skip list took about 4.5 µs per put and 4.5 µs per
 * get (3.7 to 5.4 µs from one iteration to the next), the B+tree 1.6 to 1.7 µs per put and 0.75 to
 * 1.0 µs per get. The put figure includes the key draw ({@code newKey}), the batch with its copies, and
 * the young collections that all this allocation brings.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar InMemoryStoreBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class InMemoryStoreBenchmark {

    private static final int PREFILLED = 1_000_000;
    private static final int FILL_BATCH = 10_000;
    private static final String COLUMN = "txids";
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final SplittableRandom random = new SplittableRandom(42);
    private final byte[] value = new byte[16];
    private byte[][] existing;
    private KvStore store;

    /** The million keys of the prefilled store, drawn once. */
    @Setup(Level.Trial)
    public void drawKeys() {
        SplittableRandom keys = new SplittableRandom(7);
        existing = new byte[PREFILLED][];
        for (int i = 0; i < PREFILLED; i++) {
            existing[i] = hexKey(keys);
        }
    }

    /** A fresh store holding the million keys, so that every iteration starts from the same size. */
    @Setup(Level.Iteration)
    public void fill() {
        store = new InMemoryKvStore(Set.of(COLUMN));
        for (int start = 0; start < PREFILLED; start += FILL_BATCH) {
            WriteBatch batch = store.newBatch();
            for (int i = start; i < Math.min(PREFILLED, start + FILL_BATCH); i++) {
                batch.put(COLUMN, existing[i], value);
            }
            store.write(batch);
        }
        if (store.get(COLUMN, existing[PREFILLED - 1].clone()) == null) {
            throw new IllegalStateException("benchmark setup: a prefilled key is missing");
        }
    }

    /** Drops the iteration's store, so that the next fill does not hold two at once. */
    @TearDown(Level.Iteration)
    public void dropStore() {
        store.close();
        store = null;
    }

    /** The baseline: one fresh random 64-character hex key. */
    @Benchmark
    public byte[] newKey() {
        return hexKey(random);
    }

    /** A one-put batch of a fresh random key (random keys of 256 bits do not repeat). */
    @Benchmark
    public void putNewKey() {
        store.write(store.newBatch().put(COLUMN, hexKey(random), value));
    }

    /** The value of a random one of the million prefilled keys. */
    @Benchmark
    public byte[] getExistingKey() {
        byte[] key = existing[random.nextInt(PREFILLED)];
        return store.get(COLUMN, key);
    }

    /** 64 random hex characters, as a transaction id is written. */
    private static byte[] hexKey(SplittableRandom random) {
        byte[] key = new byte[64];
        for (int i = 0; i < key.length; i += 16) {
            long bits = random.nextLong();
            for (int j = 0; j < 16; j++) {
                key[i + j] = HEX_DIGITS[(int) (bits >>> (4 * j)) & 0xF];
            }
        }
        return key;
    }
}
