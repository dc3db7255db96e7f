package dev.ledgersim.ledger.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Puts and deletes collected in memory, applied atomically by {@link KvStore#write(WriteBatch)}.
 * Created by {@link KvStore#newBatch()}; an operation on a column that store does not have fails at
 * once. Keys and values are copied when added. Several typed stores can add to one batch so that,
 * for example, world state, history and savepoint of a block commit together.
 *
 * <p>Not thread-safe: a batch is built and written by one thread. It can be written once.
 */
public final class WriteBatch {

    /** One operation; {@code value == null} means delete. The arrays are private copies. */
    record Op(String column, byte[] key, byte[] value) {
    }

    private final Set<String> columns;
    private final List<Op> ops = new ArrayList<>();
    private boolean written;

    WriteBatch(Set<String> columns) {
        this.columns = columns;
    }

    /**
     * Sets {@code key} to {@code value} in {@code column} (an empty value is a value, not a delete).
     *
     * @return this batch
     * @throws IllegalArgumentException if the column is unknown to the store that made this batch
     */
    public WriteBatch put(String column, byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value");
        add(column, key, value.clone());
        return this;
    }

    /**
     * {@link #put} without the defensive copies: the batch keeps {@code key} and {@code value} as they
     * are, for freshly built arrays (an encoded block) that the caller hands over and never touches again.
     *
     * @return this batch
     * @throws IllegalArgumentException if the column is unknown to the store that made this batch
     */
    public WriteBatch putOwned(String column, byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value");
        checkNotWritten();
        Checks.column(column, columns);
        Objects.requireNonNull(key, "key");
        ops.add(new Op(column, key, value));
        return this;
    }

    /**
     * Removes {@code key} from {@code column}; removing an absent key is not an error.
     *
     * @return this batch
     * @throws IllegalArgumentException if the column is unknown to the store that made this batch
     */
    public WriteBatch delete(String column, byte[] key) {
        add(column, key, null);
        return this;
    }

    /** Number of operations added. */
    public int size() {
        return ops.size();
    }

    /** Whether no operation was added. */
    public boolean isEmpty() {
        return ops.isEmpty();
    }

    private void add(String column, byte[] key, byte[] valueCopy) {
        checkNotWritten();
        Checks.column(column, columns);
        Objects.requireNonNull(key, "key");
        ops.add(new Op(column, key.clone(), valueCopy));
    }

    /** The operations in insertion order, for the store applying them. */
    List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    /** Validates the whole batch against {@code known} before anything is applied. */
    void checkWritableTo(Set<String> known) {
        checkNotWritten();
        if (!known.containsAll(columns)) {
            for (Op op : ops) {
                Checks.column(op.column(), known);
            }
        }
    }

    /** Marks the batch as applied: it cannot be changed or written again. */
    void markWritten() {
        written = true;
    }

    private void checkNotWritten() {
        if (written) {
            throw new IllegalStateException("this batch was already written; create a new one with newBatch()");
        }
    }
}
