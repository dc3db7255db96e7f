package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.storage.KvIterator;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.WriteBatch;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The transient store of a peer: private data from endorsement, by txid, until the transaction commits
 * (then the committer takes it from here and purges it) or grows too old
 * ({@code transientstoreMaxBlockRetention}, 1000 blocks in Fabric).
 *
 * <p><b>Layout.</b> Two columns ({@link #COLUMNS}); a txid has no U+0000:
 * <pre>
 * transient            utf8(txId) 0x00 be64(height) sha256(rwSet) → rwSet
 * transient_by_height  be64(height) utf8(txId) 0x00 sha256(rwSet) → (empty)
 * </pre>
 * A txid can have several entries (simulated more than once, or at different heights); the same data
 * persisted twice at one height is stored once. The content hash keeps the key deterministic, with no
 * random id.
 *
 * <p>Each method writes its own atomic batch; the transient store is not part of the block commit (as in
 * Fabric, losing a purge only keeps data a little longer). Thread-safe as the store is.
 */
public final class TransientStore {

    /** The columns the store must have. */
    public static final Set<String> COLUMNS = Set.of("transient", "transient_by_height");

    static final String BY_TX = "transient";
    static final String BY_HEIGHT = "transient_by_height";
    private static final byte[] ZERO = {0};
    private static final byte[] EMPTY = {};
    private static final int HASH_LENGTH = 32;

    private final KvStore store;

    /**
     * The transient store held in {@code store}.
     *
     * @throws IllegalArgumentException if the store lacks one of {@link #COLUMNS}
     */
    public TransientStore(KvStore store) {
        this.store = StateDb.requireColumns(store, COLUMNS, "TransientStore");
    }

    /** Stores {@code privateRwSet} of {@code txId}, endorsed when the ledger height was {@code blockHeight}. */
    public void persist(String txId, long blockHeight, Bytes privateRwSet) {
        TransientEntry entry = new TransientEntry(txId, blockHeight, privateRwSet);
        byte[] tx = Names.txId(entry.txId());
        byte[] hash = sha256(privateRwSet.unsafeArray());
        WriteBatch batch = store.newBatch();
        batch.put(BY_TX, txKey(tx, blockHeight, hash), privateRwSet.unsafeArray());
        batch.put(BY_HEIGHT, heightKey(blockHeight, tx, hash), EMPTY);
        store.write(batch);
    }

    /** Every entry of {@code txId}, ordered by endorsement height, then content hash; empty if none. */
    public List<TransientEntry> get(String txId) {
        byte[] prefix = ByteWriter.concat(Names.txId(txId), ZERO);
        List<TransientEntry> entries = new ArrayList<>();
        try (KvIterator it = store.iterate(BY_TX, prefix, ByteWriter.prefixEnd(prefix))) {
            while (it.next()) {
                byte[] key = it.key();
                ByteReader r = new ByteReader(key, prefix.length, () -> "transient key of tx " + txId);
                long height = r.fixed64();
                r.raw(HASH_LENGTH);
                r.expectEnd();
                entries.add(new TransientEntry(txId, height, Bytes.wrap(it.value())));
            }
        }
        return entries;
    }

    /** Removes every entry of the given txids (after they commit); returns how many were removed. */
    public int purgeByTxIds(Collection<String> txIds) {
        Objects.requireNonNull(txIds, "txIds");
        WriteBatch batch = store.newBatch();
        int removed = 0;
        for (String txId : txIds) {
            byte[] tx = Names.txId(txId);
            byte[] prefix = ByteWriter.concat(tx, ZERO);
            try (KvIterator it = store.iterate(BY_TX, prefix, ByteWriter.prefixEnd(prefix))) {
                while (it.next()) {
                    byte[] key = it.key();
                    ByteReader r = new ByteReader(key, prefix.length, () -> "transient key of tx " + txId);
                    long height = r.fixed64();
                    byte[] hash = r.raw(HASH_LENGTH);
                    batch.delete(BY_TX, key);
                    batch.delete(BY_HEIGHT, heightKey(height, tx, hash));
                    removed++;
                }
            }
        }
        if (!batch.isEmpty()) {
            store.write(batch);
        }
        return removed;
    }

    /** Removes every entry endorsed at a height below {@code height}; returns how many were removed. */
    public int purgeBelowHeight(long height) {
        if (height < 0) {
            throw new IllegalArgumentException("height must be non-negative, got " + height);
        }
        WriteBatch batch = store.newBatch();
        int removed = 0;
        try (KvIterator it = store.iterate(BY_HEIGHT, null, new ByteWriter(8).fixed64(height).toByteArray())) {
            while (it.next()) {
                byte[] key = it.key();
                ByteReader r = new ByteReader(key, () -> "transient height key");
                long entryHeight = r.fixed64();
                byte[] tx = r.untilZero();
                byte[] hash = r.raw(HASH_LENGTH);
                r.expectEnd();
                batch.delete(BY_HEIGHT, key);
                batch.delete(BY_TX, txKey(tx, entryHeight, hash));
                removed++;
            }
        }
        if (!batch.isEmpty()) {
            store.write(batch);
        }
        return removed;
    }

    private static byte[] txKey(byte[] tx, long height, byte[] hash) {
        return new ByteWriter(tx.length + 41).raw(tx).raw(ZERO).fixed64(height).raw(hash).toByteArray();
    }

    private static byte[] heightKey(long height, byte[] tx, byte[] hash) {
        return new ByteWriter(tx.length + 41).fixed64(height).raw(tx).raw(ZERO).raw(hash).toByteArray();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
