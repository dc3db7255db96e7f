package dev.ledgersim.ledger.commit;

import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.KvMetadataWrite;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.state.PrivateWriteSet;
import dev.ledgersim.ledger.storage.StorageException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Helpers over encoded private write sets: purging keys out of them, and finding a key by its hash. */
final class PrivateWriteSets {

    private PrivateWriteSets() {
    }

    /**
     * {@code stored} without the reads, writes and metadata writes of the keys whose hashes are in
     * {@code keyHashes}: the same bytes when it has none of them, {@link Bytes#EMPTY} when nothing remains
     * (a {@link dev.ledgersim.ledger.state.PrivateDataStore.KeyRemover}).
     */
    static Bytes withoutKeys(PrivateWriteSet stored, Set<Bytes> keyHashes) {
        KvRwSet rwSet = decode(stored);
        List<KvRead> reads = rwSet.reads().stream().filter(r -> !keyHashes.contains(hash(r.key()))).toList();
        List<KvWrite> writes = rwSet.writes().stream().filter(w -> !keyHashes.contains(hash(w.key()))).toList();
        List<KvMetadataWrite> metadata = rwSet.metadataWrites().stream().filter(m -> !keyHashes.contains(hash(m.key()))).toList();
        if (reads.size() == rwSet.reads().size() && writes.size() == rwSet.writes().size()
                && metadata.size() == rwSet.metadataWrites().size()) {
            return stored.rwSet();
        }
        if (reads.isEmpty() && writes.isEmpty() && metadata.isEmpty() && rwSet.rangeQueriesInfo().isEmpty()) {
            return Bytes.EMPTY;
        }
        return ProtoCodec.encode(new KvRwSet(reads, rwSet.rangeQueriesInfo(), writes, metadata));
    }

    /** The clear key of {@code stored} whose hash is {@code keyHash}, if it writes (or sets metadata of) it. */
    static Optional<String> keyOf(PrivateWriteSet stored, Bytes keyHash) {
        KvRwSet rwSet = decode(stored);
        for (KvWrite w : rwSet.writes()) {
            if (hash(w.key()).equals(keyHash)) {
                return Optional.of(w.key());
            }
        }
        for (KvMetadataWrite m : rwSet.metadataWrites()) {
            if (hash(m.key()).equals(keyHash)) {
                return Optional.of(m.key());
            }
        }
        return Optional.empty();
    }

    static Bytes hash(String key) {
        return Hashes.sha256(Bytes.utf8(key));
    }

    private static KvRwSet decode(PrivateWriteSet stored) {
        try {
            return ProtoCodec.decodeKvRwSet(stored.rwSet());
        } catch (CodecException e) {
            throw new StorageException("the private write set of " + stored.collectionId() + " at " + stored.version()
                    + " cannot be decoded: " + e.getMessage(), e);
        }
    }
}
