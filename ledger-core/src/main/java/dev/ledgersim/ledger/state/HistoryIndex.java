package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.WriteBatch;
import java.util.Objects;
import java.util.Set;

/**
 * The history of public keys: every committed change of {@code (namespace, key)} with its height,
 * txid, value and timestamp, for {@code GetHistoryForKey}. Unlike Fabric's history DB, which keeps only
 * heights and reads values back from the block store, the value is stored here, so a lookup needs
 * nothing else.
 *
 * <p><b>Layout.</b> One column ({@link #COLUMNS}):
 * <pre>
 * history   utf8(namespace) 0x00 be32(len) utf8(key) be64(blockNum) be64(txNum)  → KeyModification (see ValueCodec)
 * </pre>
 * The key's length prefix keeps a key that is a prefix of another ({@code "a"} and {@code "a"} + U+0000 + {@code "b"})
 * from sharing its range; big-endian heights make a descending scan of the prefix "newest first".
 *
 * <p><b>Atomicity.</b> {@link #add} only stages into a {@link WriteBatch}; the committer writes the
 * same batch with the state and savepoint ({@link StateDb#apply(UpdateBatch, long, WriteBatch)}), so
 * history and state never disagree after a crash. Thread-safe as the store is.
 */
public final class HistoryIndex {

    /** The columns the store must have. */
    public static final Set<String> COLUMNS = Set.of("history");

    static final String HISTORY = "history";
    private static final byte[] ZERO = {0};

    private final KvStore store;

    /**
     * The history held in {@code store}.
     *
     * @throws IllegalArgumentException if the store lacks one of {@link #COLUMNS}
     */
    public HistoryIndex(KvStore store) {
        this.store = StateDb.requireColumns(store, COLUMNS, "HistoryIndex");
    }

    /**
     * Stages the change {@code modification} of {@code (namespace, key)} into {@code batch}; it is
     * stored when the batch is written. Adding the same height twice overwrites.
     */
    public void add(WriteBatch batch, String namespace, String key, KeyModification modification) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(modification, "modification");
        byte[] prefix = keyPrefix(namespace, key);
        Version v = modification.version();
        byte[] k = new ByteWriter(prefix.length + 16).raw(prefix).fixed64(v.blockNum()).fixed64(v.txNum()).toByteArray();
        batch.put(HISTORY, k, ValueCodec.encode(modification));
    }

    /** The committed changes of {@code (namespace, key)}, newest (highest version) first. */
    public ResultsIterator<KeyModification> getHistoryForKey(String namespace, String key) {
        byte[] prefix = keyPrefix(namespace, key);
        return new KvResults<>(store.iterateDescending(HISTORY, prefix, ByteWriter.prefixEnd(prefix)), (k, v) -> {
            ByteReader r = new ByteReader(k, prefix.length, () -> "history key of (" + namespace + ", " + Names.printable(key) + ")");
            Version version = r.version();
            r.expectEnd();
            return ValueCodec.decodeKeyModification(version, v,
                    () -> "history entry " + version + " of (" + namespace + ", " + Names.printable(key) + ")");
        });
    }

    private static byte[] keyPrefix(String namespace, String key) {
        byte[] ns = Names.namespace(namespace);
        byte[] k = Names.key(key);
        return new ByteWriter(ns.length + k.length + 5).raw(ns).raw(ZERO).fixed32(k.length).raw(k).toByteArray();
    }
}
