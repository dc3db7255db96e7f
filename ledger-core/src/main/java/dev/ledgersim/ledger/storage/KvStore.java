package dev.ledgersim.ledger.storage;

import java.util.Set;

/**
 * An ordered byte key-value store with a fixed set of named columns (RocksDB column families).
 *
 * <p><b>Order.</b> Within a column, keys are ordered lexicographically by unsigned bytes; a key that is
 * a prefix of another sorts first. Columns are independent key spaces.
 *
 * <p><b>Atomicity and durability.</b> {@link #write(WriteBatch)} applies every operation of a batch, in
 * every column, or none of them: if any operation is invalid (say, an unknown column) nothing is
 * applied, and a crash never leaves part of a batch. Once {@code write} returns, the data survives
 * closing and reopening the store (RocksDB: a write-ahead log, replayed on open; the in-memory store
 * keeps its data for as long as its {@link KvStoreFactory} lives). Batches are applied one at a time,
 * in the order {@code write} is called. A point read ({@link #get}) sees a batch entirely or not at all.
 *
 * <p><b>Concurrency.</b> All methods are thread-safe. Iterators are not snapshots in every
 * implementation, so callers that need a consistent multi-key view <em>serialise writes against those
 * reads</em>, as a Fabric peer does by holding its state read lock while simulating and the write lock
 * while committing.
 *
 * <p><b>Errors.</b> An unknown column throws {@link IllegalArgumentException} naming it and the known
 * ones; any use after {@link #close()} throws {@link IllegalStateException}; engine failures throw
 * {@link StorageException} naming the store, column and operation.
 */
public interface KvStore extends AutoCloseable {

    /** The columns this store was opened with, fixed for its lifetime. */
    Set<String> columns();

    /**
     * The value of {@code key} in {@code column}, or {@code null} when absent. An empty value is
     * present: it is returned as an empty array, not {@code null}.
     */
    byte[] get(String column, byte[] key);

    /**
     * The entries of {@code column} with {@code fromInclusive <= key < toExclusive}, in ascending
     * unsigned-lexicographic order. Either bound may be {@code null} for unbounded.
     *
     * @throws IllegalArgumentException if the column is unknown or {@code fromInclusive > toExclusive}
     */
    KvIterator iterate(String column, byte[] fromInclusive, byte[] toExclusive);

    /**
     * The same entries as {@link #iterate} with the same bounds, in <em>descending</em> order (the
     * greatest key below {@code toExclusive} first): "newest first" for keys that end in a big-endian
     * sequence number.
     *
     * @throws IllegalArgumentException if the column is unknown or {@code fromInclusive > toExclusive}
     */
    KvIterator iterateDescending(String column, byte[] fromInclusive, byte[] toExclusive);

    /**
     * A new, empty batch bound to this store's columns: {@link WriteBatch#put} to an unknown column fails
     * immediately. Nothing is applied until {@link #write(WriteBatch)}.
     */
    WriteBatch newBatch();

    /**
     * Applies every operation of {@code batch} atomically (all or nothing, across columns), in order
     * (a later operation on the same key wins). A batch can be written once; it is validated whole
     * before anything is applied.
     *
     * @throws IllegalArgumentException if an operation names a column this store does not have
     * @throws IllegalStateException if the batch was already written or the store is closed
     * @throws StorageException if the engine fails; then nothing was applied
     */
    void write(WriteBatch batch);

    /**
     * Releases the store and every native resource it holds, closing any iterator still open. The data
     * stays (on disk, or in the factory for the in-memory store). Idempotent.
     */
    @Override
    void close();
}
