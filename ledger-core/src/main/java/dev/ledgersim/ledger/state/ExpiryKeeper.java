package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.storage.KvIterator;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The BlockToLive schedule of the private and hashed <em>state</em> (Fabric's
 * {@code pvtstatepurgemgmt/expiry_keeper.go}): for every hashed private key last written in block N of a
 * collection with BlockToLive b &gt; 0, an entry under the block {@code E = N + b + 1} in which its state
 * expires. When block E commits, the committer reads {@link #expiringAt E}, deletes the keys that were
 * not rewritten since (their committed hashed version is still the scheduled one) and drops the entries.
 *
 * <p><b>Layout.</b> One column ({@link #COLUMNS}):
 * <pre>
 * state_expiry  be64(expiringBlock) utf8(ns) 0x00 utf8(coll) 0x00 keyHash → be64(block) be64(tx)
 * </pre>
 * The schedule is derived state: it lives with the world state, is written in the block's commit batch
 * and is rebuilt with it. A key rewritten later gets a new entry; the old one stays and is skipped when
 * its block comes (its version no longer matches). Thread-safe as the store is.
 */
public final class ExpiryKeeper {

    /** The columns the keeper must have. */
    public static final Set<String> COLUMNS = Set.of("state_expiry");

    static final String EXPIRY = "state_expiry";
    private static final byte[] ZERO = {0};

    /**
     * A hashed private key whose state expires.
     *
     * @param namespace the chaincode
     * @param collection the collection
     * @param keyHash {@code H(key)}
     * @param version the height of the write that scheduled the expiry
     */
    public record Entry(String namespace, String collection, Bytes keyHash, Version version) {
        /** Validates. */
        public Entry {
            Names.namespace(namespace);
            Names.collection(collection);
            Objects.requireNonNull(keyHash, "keyHash");
            if (keyHash.isEmpty()) {
                throw new IllegalArgumentException("keyHash must not be empty");
            }
            Objects.requireNonNull(version, "version");
        }
    }

    private final KvStore store;

    /**
     * The schedule held in {@code store}.
     *
     * @throws IllegalArgumentException if the store lacks the column
     */
    public ExpiryKeeper(KvStore store) {
        this.store = StateDb.requireColumns(store, COLUMNS, "ExpiryKeeper");
    }

    /** Stages {@code entry} to expire when block {@code expiringBlock} commits. */
    public void schedule(WriteBatch batch, long expiringBlock, Entry entry) {
        Objects.requireNonNull(batch, "batch");
        batch.put(EXPIRY, key(expiringBlock, entry), new ByteWriter(16).fixed64(entry.version().blockNum())
                .fixed64(entry.version().txNum()).toByteArray());
    }

    /** Stages the removal of {@code entry} from block {@code expiringBlock}'s schedule. */
    public void remove(WriteBatch batch, long expiringBlock, Entry entry) {
        Objects.requireNonNull(batch, "batch");
        batch.delete(EXPIRY, key(expiringBlock, entry));
    }

    /** The committed entries that expire when block {@code block} commits, ordered by collection and key hash. */
    public List<Entry> expiringAt(long block) {
        checkBlock(block);
        byte[] prefix = new ByteWriter(8).fixed64(block).toByteArray();
        List<Entry> out = new ArrayList<>();
        try (KvIterator it = store.iterate(EXPIRY, prefix, ByteWriter.prefixEnd(prefix))) {
            while (it.next()) {
                byte[] key = it.key();
                ByteReader r = new ByteReader(key, 8, () -> "state expiry key");
                String ns = new String(r.untilZero(), StandardCharsets.US_ASCII);
                String coll = new String(r.untilZero(), StandardCharsets.US_ASCII);
                Bytes keyHash = Bytes.wrap(r.rest());
                ByteReader v = new ByteReader(it.value(), () -> "state expiry value of " + ns + "/" + coll);
                Version version = v.version();
                v.expectEnd();
                out.add(new Entry(ns, coll, keyHash, version));
            }
        }
        return out;
    }

    private static byte[] key(long expiringBlock, Entry entry) {
        checkBlock(expiringBlock);
        return ByteWriter.concat(new ByteWriter(8).fixed64(expiringBlock).toByteArray(), Names.namespace(entry.namespace()),
                ZERO, Names.collection(entry.collection()), ZERO, entry.keyHash().unsafeArray());
    }

    private static void checkBlock(long block) {
        if (block < 0) {
            throw new IllegalArgumentException("block numbers must be non-negative, got " + block);
        }
    }
}
