package dev.ledgersim.ledger.validation;

import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.codec.RangeQueryResultsHelper;
import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.KeyOrder;
import dev.ledgersim.ledger.protocol.KvMetadataWrite;
import dev.ledgersim.ledger.protocol.KvMetadataWriteHash;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.KvReadHash;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.KvWriteHash;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.QueryReadsMerkleSummary;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.protocol.Version;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;

/**
 * Fabric's MVCC and phantom validation ({@code core/ledger/kvledger/txmgmt/validation/validator.go}),
 * run sequentially over the transactions of one block in block order.
 *
 * <p>For each transaction still valid after the earlier stages, for each namespace in rw-set order,
 * the first failing check decides:
 * <ol>
 *   <li>public reads: a key written by an earlier valid transaction of this block conflicts whatever
 *       version was read; otherwise the read version must equal the committed version ({@code null}
 *       equals {@code null}: reading an absent key that is still absent is valid);</li>
 *   <li>range queries are re-executed over the committed state merged with the earlier in-block
 *       writes (deletes hide keys, in-block writes take precedence; the end key is included when the
 *       iterator was not exhausted) and must give exactly the recorded keys and versions, or the same
 *       Merkle summary → {@code PHANTOM_READ_CONFLICT};</li>
 *   <li>hashed (private) reads: as public reads, by key hash.</li>
 * </ol>
 * Writes are never checked: blind writes do not conflict. A valid transaction's writes join the
 * in-block set at version {@code (blockNumber, txNum)}. One instance validates one block.
 */
public final class MvccValidator {

    private final CommittedState state;
    private final long blockNumber;
    private final InBlockWrites updates = new InBlockWrites();

    /** A validator for block {@code blockNumber} over {@code state}. */
    public MvccValidator(CommittedState state, long blockNumber) {
        this.state = Objects.requireNonNull(state, "state");
        this.blockNumber = blockNumber;
    }

    /**
     * Validates the next transaction in block order. Call it for every transaction that is still valid
     * after the earlier stages, in increasing {@code txNum}; a valid one's writes are then visible to
     * the following calls.
     *
     * @return {@code VALID}, {@code MVCC_READ_CONFLICT} or {@code PHANTOM_READ_CONFLICT}, explained
     */
    public TxValidationResult validate(int txNum, String txId, TxReadWriteSet rwset) {
        for (NsReadWriteSet ns : rwset.nsRwSets()) {
            String conflict = checkReads(ns);
            if (conflict != null) {
                return new TxValidationResult(txNum, txId, TxValidationCode.MVCC_READ_CONFLICT, conflict);
            }
            for (RangeQueryInfo rq : ns.rwset().rangeQueriesInfo()) {
                String phantom = checkRange(ns.namespace(), rq);
                if (phantom != null) {
                    return new TxValidationResult(txNum, txId, TxValidationCode.PHANTOM_READ_CONFLICT, phantom);
                }
            }
            String hashedConflict = checkHashedReads(ns);
            if (hashedConflict != null) {
                return new TxValidationResult(txNum, txId, TxValidationCode.MVCC_READ_CONFLICT, hashedConflict);
            }
        }
        recordWrites(txNum, txId, rwset);
        return new TxValidationResult(txNum, txId, TxValidationCode.VALID, "");
    }

    private String checkReads(NsReadWriteSet ns) {
        for (KvRead read : ns.rwset().reads()) {
            InBlockWrites.Write earlier = updates.get(ns.namespace(), read.key());
            if (earlier != null) {
                return "key '" + printable(read.key()) + "' of " + ns.namespace() + " was read at version "
                        + describe(read.version()) + " but transaction " + earlier.txId()
                        + " earlier in this block " + (earlier.deleted() ? "deleted" : "wrote") + " it";
            }
            Version committed = state.version(ns.namespace(), read.key());
            if (!Objects.equals(committed, read.version())) {
                return "key '" + printable(read.key()) + "' of " + ns.namespace() + " was read at version "
                        + describe(read.version()) + " but the committed version is " + describe(committed)
                        + writer(committed);
            }
        }
        return null;
    }

    private String checkHashedReads(NsReadWriteSet ns) {
        for (CollectionHashedRwSet coll : ns.collectionHashedRwSets()) {
            for (KvReadHash read : coll.hashedRwSet().hashedReads()) {
                InBlockWrites.Write earlier = updates.getHashed(ns.namespace(), coll.collectionName(), read.keyHash());
                String key = "private key with hash " + read.keyHash().toHex() + " of " + ns.namespace() + "/"
                        + coll.collectionName();
                if (earlier != null) {
                    return key + " was read at version " + describe(read.version()) + " but transaction "
                            + earlier.txId() + " earlier in this block wrote it";
                }
                Version committed = state.hashedVersion(ns.namespace(), coll.collectionName(), read.keyHash());
                if (!Objects.equals(committed, read.version())) {
                    return key + " was read at version " + describe(read.version()) + " but the committed version is "
                            + describe(committed) + writer(committed);
                }
            }
        }
        return null;
    }

    private String checkRange(String namespace, RangeQueryInfo rq) {
        String range = "range ['" + printable(rq.startKey()) + "', '" + printable(rq.endKey()) + "'"
                + (rq.itrExhausted() ? ")" : "]") + " of " + namespace;
        Iterator<KvRead> now = combined(namespace, rq);
        if (rq.rawReads() != null) {
            for (KvRead recorded : rq.rawReads()) {
                if (!now.hasNext()) {
                    return range + ": key '" + printable(recorded.key()) + "' read at version "
                            + describe(recorded.version()) + " is gone";
                }
                KvRead current = now.next();
                if (!current.key().equals(recorded.key())) {
                    return range + ": expected key '" + printable(recorded.key()) + "' but found '"
                            + printable(current.key()) + "' (a key was inserted or deleted)";
                }
                if (!Objects.equals(current.version(), recorded.version())) {
                    return range + ": key '" + printable(recorded.key()) + "' was read at version "
                            + describe(recorded.version()) + " but is now at " + describe(current.version());
                }
            }
            if (now.hasNext()) {
                return range + ": key '" + printable(now.next().key()) + "' appeared (phantom insert)";
            }
            return null;
        }
        QueryReadsMerkleSummary recorded = rq.merkleSummary();
        RangeQueryResultsHelper helper = new RangeQueryResultsHelper(recorded.maxDegree());
        while (now.hasNext()) {
            helper.addResult(now.next());
        }
        QueryReadsMerkleSummary current = helper.done().merkleSummary();
        if (!recorded.equals(current)) {
            return range + ": the results changed (recorded a Merkle summary at level " + recorded.maxLevel()
                    + " with " + recorded.maxLevelHashes().size() + " hashes, now "
                    + (current == null ? "no more than " + recorded.maxDegree() + " results"
                    : "level " + current.maxLevel() + " with " + current.maxLevelHashes().size() + " hashes")
                    + ")";
        }
        return null;
    }

    /** Committed keys of the range merged with the in-block writes, as (key, version) in key order. */
    private Iterator<KvRead> combined(String namespace, RangeQueryInfo rq) {
        // The end key is exclusive, except that it is included when the iterator was not exhausted.
        String end = rq.endKey().isEmpty() ? null : rq.itrExhausted() ? rq.endKey() : rq.endKey() + '\u0000';
        NavigableMap<String, InBlockWrites.Write> inBlock = updates.range(namespace, rq.startKey(), end);
        Iterator<KvRead> committed = state.range(namespace, rq.startKey(), end == null ? "" : end);
        List<KvRead> merged = new ArrayList<>();
        Iterator<Map.Entry<String, InBlockWrites.Write>> pending = inBlock.entrySet().iterator();
        Map.Entry<String, InBlockWrites.Write> nextWrite = pending.hasNext() ? pending.next() : null;
        KvRead nextCommitted = committed.hasNext() ? committed.next() : null;
        while (nextWrite != null || nextCommitted != null) {
            int c = nextWrite == null ? 1 : nextCommitted == null ? -1
                    : KeyOrder.compare(nextWrite.getKey(), nextCommitted.key());
            if (c <= 0) {
                if (!nextWrite.getValue().deleted()) {
                    merged.add(new KvRead(nextWrite.getKey(), nextWrite.getValue().version()));
                }
                if (c == 0) {
                    nextCommitted = committed.hasNext() ? committed.next() : null;
                }
                nextWrite = pending.hasNext() ? pending.next() : null;
            } else {
                merged.add(nextCommitted);
                nextCommitted = committed.hasNext() ? committed.next() : null;
            }
        }
        return merged.iterator();
    }

    private void recordWrites(int txNum, String txId, TxReadWriteSet rwset) {
        Version version = new Version(blockNumber, txNum);
        for (NsReadWriteSet ns : rwset.nsRwSets()) {
            for (KvWrite write : ns.rwset().writes()) {
                updates.put(ns.namespace(), write.key(), new InBlockWrites.Write(write.deletes(), version, txId));
            }
            for (KvMetadataWrite meta : ns.rwset().metadataWrites()) {
                // A metadata-only update of an absent key is a no-op; of an existing key it bumps the version.
                InBlockWrites.Write earlier = updates.get(ns.namespace(), meta.key());
                boolean present = earlier != null ? !earlier.deleted() : exists(ns.namespace(), meta.key());
                if (present) {
                    updates.put(ns.namespace(), meta.key(), new InBlockWrites.Write(false, version, txId));
                }
            }
            for (CollectionHashedRwSet coll : ns.collectionHashedRwSets()) {
                for (KvWriteHash write : coll.hashedRwSet().hashedWrites()) {
                    updates.putHashed(ns.namespace(), coll.collectionName(), write.keyHash(),
                            new InBlockWrites.Write(write.isDelete() || write.isPurge(), version, txId));
                }
                for (KvMetadataWriteHash meta : coll.hashedRwSet().metadataWrites()) {
                    InBlockWrites.Write earlier = updates.getHashed(ns.namespace(), coll.collectionName(), meta.keyHash());
                    boolean present = earlier != null ? !earlier.deleted()
                            : state.hashedVersion(ns.namespace(), coll.collectionName(), meta.keyHash()) != null;
                    if (present) {
                        updates.putHashed(ns.namespace(), coll.collectionName(), meta.keyHash(),
                                new InBlockWrites.Write(false, version, txId));
                    }
                }
            }
        }
    }

    private boolean exists(String namespace, String key) {
        return state.version(namespace, key) != null;
    }

    private String writer(Version committed) {
        if (committed == null) {
            return " (absent)";
        }
        Optional<String> txId = state.txIdAt(committed);
        return txId.map(id -> ", written by transaction " + id).orElse("");
    }

    private static String describe(Version version) {
        return version == null ? "<absent>" : version.toString();
    }

    /** Keys may hold U+0000 (composite keys); show them readably. */
    static String printable(String key) {
        return key.replace("\u0000", "\\u0000");
    }
}
