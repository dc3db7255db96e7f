package dev.ledgersim.ledger.testing;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.KvMetadataWrite;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.protocol.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small builder of read-write sets for tests: {@code RwSets.ns("mycc").read("a", v(1,0)).write("b", "x").build()}. */
public final class RwSets {

    private final Map<String, Ns> namespaces = new TreeMap<>();
    private Ns current;

    private static final class Ns {
        final List<KvRead> reads = new ArrayList<>();
        final List<RangeQueryInfo> ranges = new ArrayList<>();
        final List<KvWrite> writes = new ArrayList<>();
        final List<KvMetadataWrite> metadata = new ArrayList<>();
        final List<CollectionHashedRwSet> collections = new ArrayList<>();
    }

    /** Starts a builder with namespace {@code name}. */
    public static RwSets ns(String name) {
        return new RwSets().and(name);
    }

    /** Continues with namespace {@code name}. */
    public RwSets and(String name) {
        current = namespaces.computeIfAbsent(name, n -> new Ns());
        return this;
    }

    public static Version v(long block, long tx) {
        return new Version(block, tx);
    }

    public RwSets read(String key, Version version) { current.reads.add(new KvRead(key, version)); return this; }
    public RwSets write(String key, String value) { current.writes.add(new KvWrite(key, false, Bytes.utf8(value))); return this; }
    public RwSets delete(String key) { current.writes.add(new KvWrite(key, true, Bytes.EMPTY)); return this; }
    public RwSets range(RangeQueryInfo info) { current.ranges.add(info); return this; }
    public RwSets collection(CollectionHashedRwSet coll) { current.collections.add(coll); return this; }

    /** A metadata write setting the key-level endorsement policy of {@code key}. */
    public RwSets validationParameter(String key, String policy) {
        current.metadata.add(new KvMetadataWrite(key, List.of(new KvMetadataEntry(KvMetadataEntry.VALIDATION_PARAMETER,
                Bytes.utf8(policy)))));
        return this;
    }

    /** A range read of {@code [start, end)} that read {@code reads} and was exhausted. */
    public static RangeQueryInfo exhaustedRange(String start, String end, KvRead... reads) {
        return new RangeQueryInfo(start, end, true, List.of(reads), null);
    }

    public static KvRead kv(String key, Version version) {
        return new KvRead(key, version);
    }

    public TxReadWriteSet build() {
        List<NsReadWriteSet> out = new ArrayList<>();
        namespaces.forEach((name, ns) -> out.add(new NsReadWriteSet(name,
                new KvRwSet(ns.reads, ns.ranges, ns.writes, ns.metadata), ns.collections)));
        return new TxReadWriteSet(out);
    }
}
