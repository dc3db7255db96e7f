package dev.ledgersim.ledger.commit;

import dev.ledgersim.ledger.blocks.BlockStore;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.state.ResultsIterator;
import dev.ledgersim.ledger.state.StateDb;
import dev.ledgersim.ledger.state.StateEntry;
import dev.ledgersim.ledger.state.VersionedValue;
import dev.ledgersim.ledger.validation.CommittedState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The {@link CommittedState} of a channel ledger: its state database and block store. */
final class LedgerStateView implements CommittedState {

    private final StateDb state;
    private final BlockStore blocks;

    LedgerStateView(StateDb state, BlockStore blocks) {
        this.state = state;
        this.blocks = blocks;
    }

    @Override
    public Version version(String namespace, String key) {
        return state.get(namespace, key).map(VersionedValue::version).orElse(null);
    }

    @Override
    public Optional<Bytes> metadata(String namespace, String key, String entry) {
        return state.get(namespace, key).map(v -> v.metadata().get(entry));
    }

    @Override
    public Version hashedVersion(String namespace, String collection, Bytes keyHash) {
        return state.getHashed(namespace, collection, keyHash).map(VersionedValue::version).orElse(null);
    }

    @Override
    public Optional<Bytes> hashedMetadata(String namespace, String collection, Bytes keyHash, String entry) {
        return state.getHashed(namespace, collection, keyHash).map(v -> v.metadata().get(entry));
    }

    @Override
    public Iterator<KvRead> range(String namespace, String startKey, String endKey) {
        List<KvRead> reads = new ArrayList<>();
        try (ResultsIterator<StateEntry> it = state.range(namespace, startKey, endKey)) {
            while (it.hasNext()) {
                StateEntry entry = it.next();
                reads.add(new KvRead(entry.key(), entry.value().version()));
            }
        }
        return reads.iterator();
    }

    @Override
    public boolean txIdExists(String txId) {
        return blocks.txIdExists(txId);
    }

    @Override
    public Optional<String> txIdAt(Version version) {
        return blocks.txIdAt(version.blockNum(), version.txNum());
    }
}
