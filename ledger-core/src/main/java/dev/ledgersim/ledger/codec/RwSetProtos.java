package dev.ledgersim.ledger.codec;

import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.HashedRwSet;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.KvMetadataWrite;
import dev.ledgersim.ledger.protocol.KvMetadataWriteHash;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.KvReadHash;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.KvWriteHash;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.QueryReadsMerkleSummary;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.protocol.Version;
import java.util.List;

/** The messages of {@code fabric-protos ledger/rwset/rwset.proto} and {@code kvrwset/kv_rwset.proto}. */
final class RwSetProtos {
    private RwSetProtos() {
    }

    // TxReadWriteSet{data_model=1 (KV = 0, never written), ns_rwset=2 repeated NsReadWriteSet}
    static void write(WireWriter w, TxReadWriteSet s) {
        s.nsRwSets().forEach(ns -> w.message(2, () -> write(w, ns)));
    }

    static TxReadWriteSet readTxReadWriteSet(WireReader r) {
        return new TxReadWriteSet(r.repeatedMessage(2, "NsReadWriteSet", RwSetProtos::readNsReadWriteSet));
    }

    // NsReadWriteSet{namespace=1, rwset=2 bytes(KVRWSet), collection_hashed_rwset=3 repeated}
    static void write(WireWriter w, NsReadWriteSet ns) {
        w.string(1, ns.namespace());
        w.bytesOf(2, () -> write(w, ns.rwset()));
        ns.collectionHashedRwSets().forEach(c -> w.message(3, () -> write(w, c)));
    }

    static NsReadWriteSet readNsReadWriteSet(WireReader r) {
        return new NsReadWriteSet(r.string(1), r.bytesOf(2, "KVRWSet", RwSetProtos::readKvRwSet),
                r.repeatedMessage(3, "CollectionHashedReadWriteSet", RwSetProtos::readCollectionHashedRwSet));
    }

    // CollectionHashedReadWriteSet{collection_name=1, hashed_rwset=2 bytes(HashedRWSet), pvt_rwset_hash=3}
    static void write(WireWriter w, CollectionHashedRwSet c) {
        w.string(1, c.collectionName());
        w.bytesOf(2, () -> write(w, c.hashedRwSet()));
        w.bytes(3, c.pvtRwSetHash());
    }

    static CollectionHashedRwSet readCollectionHashedRwSet(WireReader r) {
        return new CollectionHashedRwSet(r.string(1), r.bytesOf(2, "HashedRWSet", RwSetProtos::readHashedRwSet),
                r.bytes(3));
    }

    // KVRWSet{reads=1, range_queries_info=2, writes=3, metadata_writes=4}
    static void write(WireWriter w, KvRwSet s) {
        s.reads().forEach(x -> w.message(1, () -> write(w, x)));
        s.rangeQueriesInfo().forEach(x -> w.message(2, () -> write(w, x)));
        s.writes().forEach(x -> w.message(3, () -> write(w, x)));
        s.metadataWrites().forEach(x -> w.message(4, () -> write(w, x)));
    }

    static KvRwSet readKvRwSet(WireReader r) {
        return new KvRwSet(r.repeatedMessage(1, "KVRead", RwSetProtos::readKvRead),
                r.repeatedMessage(2, "RangeQueryInfo", RwSetProtos::readRangeQueryInfo),
                r.repeatedMessage(3, "KVWrite", RwSetProtos::readKvWrite),
                r.repeatedMessage(4, "KVMetadataWrite", RwSetProtos::readKvMetadataWrite));
    }

    // HashedRWSet{hashed_reads=1, hashed_writes=2, metadata_writes=3}
    static void write(WireWriter w, HashedRwSet s) {
        s.hashedReads().forEach(x -> w.message(1, () -> write(w, x)));
        s.hashedWrites().forEach(x -> w.message(2, () -> write(w, x)));
        s.metadataWrites().forEach(x -> w.message(3, () -> write(w, x)));
    }

    static HashedRwSet readHashedRwSet(WireReader r) {
        return new HashedRwSet(r.repeatedMessage(1, "KVReadHash", RwSetProtos::readKvReadHash),
                r.repeatedMessage(2, "KVWriteHash", RwSetProtos::readKvWriteHash),
                r.repeatedMessage(3, "KVMetadataWriteHash", RwSetProtos::readKvMetadataWriteHash));
    }

    // KVRead{key=1, version=2}
    static void write(WireWriter w, KvRead x) {
        w.string(1, x.key());
        if (x.version() != null) {
            w.message(2, () -> write(w, x.version()));
        }
    }

    static KvRead readKvRead(WireReader r) {
        return new KvRead(r.string(1), r.message(2, "Version", RwSetProtos::readVersion));
    }

    // KVReadHash{key_hash=1, version=2}
    static void write(WireWriter w, KvReadHash x) {
        w.bytes(1, x.keyHash());
        if (x.version() != null) {
            w.message(2, () -> write(w, x.version()));
        }
    }

    static KvReadHash readKvReadHash(WireReader r) {
        return new KvReadHash(r.bytes(1), r.message(2, "Version", RwSetProtos::readVersion));
    }

    // KVWrite{key=1, is_delete=2, value=3}
    static void write(WireWriter w, KvWrite x) {
        w.string(1, x.key());
        w.bool(2, x.isDelete());
        w.bytes(3, x.value());
    }

    static KvWrite readKvWrite(WireReader r) {
        return new KvWrite(r.string(1), r.bool(2), r.bytes(3));
    }

    // KVWriteHash{key_hash=1, is_delete=2, value_hash=3, is_purge=4}
    static void write(WireWriter w, KvWriteHash x) {
        w.bytes(1, x.keyHash());
        w.bool(2, x.isDelete());
        w.bytes(3, x.valueHash());
        w.bool(4, x.isPurge());
    }

    static KvWriteHash readKvWriteHash(WireReader r) {
        return new KvWriteHash(r.bytes(1), r.bool(2), r.bytes(3), r.bool(4));
    }

    // KVMetadataWrite{key=1, entries=2}
    static void write(WireWriter w, KvMetadataWrite x) {
        w.string(1, x.key());
        x.entries().forEach(e -> w.message(2, () -> write(w, e)));
    }

    static KvMetadataWrite readKvMetadataWrite(WireReader r) {
        return new KvMetadataWrite(r.string(1), r.repeatedMessage(2, "KVMetadataEntry", RwSetProtos::readKvMetadataEntry));
    }

    // KVMetadataWriteHash{key_hash=1, entries=2}
    static void write(WireWriter w, KvMetadataWriteHash x) {
        w.bytes(1, x.keyHash());
        x.entries().forEach(e -> w.message(2, () -> write(w, e)));
    }

    static KvMetadataWriteHash readKvMetadataWriteHash(WireReader r) {
        return new KvMetadataWriteHash(r.bytes(1),
                r.repeatedMessage(2, "KVMetadataEntry", RwSetProtos::readKvMetadataEntry));
    }

    // KVMetadataEntry{name=1, value=2}
    static void write(WireWriter w, KvMetadataEntry x) {
        w.string(1, x.name());
        w.bytes(2, x.value());
    }

    static KvMetadataEntry readKvMetadataEntry(WireReader r) {
        return new KvMetadataEntry(r.string(1), r.bytes(2));
    }

    // Version{block_num=1 uint64, tx_num=2 uint64}
    static void write(WireWriter w, Version v) {
        w.uint64(1, v.blockNum());
        w.uint64(2, v.txNum());
    }

    static Version readVersion(WireReader r) {
        return new Version(r.uint64(1), r.uint64(2));
    }

    // RangeQueryInfo{start_key=1, end_key=2, itr_exhausted=3,
    //                oneof reads_info {raw_reads=4 QueryReads, reads_merkle_hashes=5 QueryReadsMerkleSummary}}
    // Fabric (query_executor.go addRangeQueryInfo) sets raw_reads only when there were results: an empty
    // range leaves the oneof unset. So empty raw reads are written as "unset", and read back from it.
    static void write(WireWriter w, RangeQueryInfo q) {
        w.string(1, q.startKey());
        w.string(2, q.endKey());
        w.bool(3, q.itrExhausted());
        if (q.rawReads() != null && !q.rawReads().isEmpty()) {
            w.message(4, () -> writeQueryReads(w, q.rawReads()));
        }
        if (q.merkleSummary() != null) {
            w.message(5, () -> write(w, q.merkleSummary()));
        }
    }

    static RangeQueryInfo readRangeQueryInfo(WireReader r) {
        String start = r.string(1);
        String end = r.string(2);
        boolean exhausted = r.bool(3);
        List<KvRead> raw = r.message(4, "QueryReads", RwSetProtos::readQueryReads);
        if (raw != null && raw.isEmpty()) {
            throw r.error("field 4 (raw_reads) is set but empty; an empty range leaves the oneof unset, as Fabric does");
        }
        QueryReadsMerkleSummary summary = r.message(5, "QueryReadsMerkleSummary", RwSetProtos::readMerkleSummary);
        if (raw != null && summary != null) {
            throw r.error("both members of oneof reads_info are set (fields 4 and 5)");
        }
        if (raw == null && summary == null) {
            raw = List.of();
        }
        return new RangeQueryInfo(start, end, exhausted, raw, summary);
    }

    // QueryReads{kv_reads=1 repeated KVRead}
    static void writeQueryReads(WireWriter w, List<KvRead> reads) {
        reads.forEach(x -> w.message(1, () -> write(w, x)));
    }

    static List<KvRead> readQueryReads(WireReader r) {
        return r.repeatedMessage(1, "KVRead", RwSetProtos::readKvRead);
    }

    // QueryReadsMerkleSummary{max_degree=1 uint32, max_level=2 uint32, max_level_hashes=3 repeated bytes}
    static void write(WireWriter w, QueryReadsMerkleSummary s) {
        w.uint32(1, s.maxDegree());
        w.uint32(2, s.maxLevel());
        s.maxLevelHashes().forEach(h -> w.bytesAlways(3, h));
    }

    static QueryReadsMerkleSummary readMerkleSummary(WireReader r) {
        return new QueryReadsMerkleSummary(r.uint32(1), r.uint32(2), r.repeatedBytes(3));
    }

    // TxPvtReadWriteSet{data_model=1 (KV = 0, never written), ns_pvt_rwset=2 repeated NsPvtReadWriteSet}
    static void write(WireWriter w, TxPvtReadWriteSet s) {
        s.nsPvtRwSets().forEach(ns -> w.message(2, () -> write(w, ns)));
    }

    static TxPvtReadWriteSet readTxPvtReadWriteSet(WireReader r) {
        return new TxPvtReadWriteSet(r.repeatedMessage(2, "NsPvtReadWriteSet", RwSetProtos::readNsPvtReadWriteSet));
    }

    // NsPvtReadWriteSet{namespace=1, collection_pvt_rwset=2 repeated CollectionPvtReadWriteSet}
    static void write(WireWriter w, NsPvtReadWriteSet ns) {
        w.string(1, ns.namespace());
        ns.collectionPvtRwSets().forEach(c -> w.message(2, () -> write(w, c)));
    }

    static NsPvtReadWriteSet readNsPvtReadWriteSet(WireReader r) {
        return new NsPvtReadWriteSet(r.string(1),
                r.repeatedMessage(2, "CollectionPvtReadWriteSet", RwSetProtos::readCollectionPvtReadWriteSet));
    }

    // CollectionPvtReadWriteSet{collection_name=1, rwset=2 bytes(KVRWSet)}
    static void write(WireWriter w, CollectionPvtReadWriteSet c) {
        w.string(1, c.collectionName());
        w.bytesOf(2, () -> write(w, c.rwset()));
    }

    static CollectionPvtReadWriteSet readCollectionPvtReadWriteSet(WireReader r) {
        return new CollectionPvtReadWriteSet(r.string(1), r.bytesOf(2, "KVRWSet", RwSetProtos::readKvRwSet));
    }
}
