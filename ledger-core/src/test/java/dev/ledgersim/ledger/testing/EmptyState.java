package dev.ledgersim.ledger.testing;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.validation.CommittedState;
import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;

/** The committed state of a ledger that holds nothing yet: for validator tests that need no storage. */
public final class EmptyState implements CommittedState {
    @Override public Version version(String namespace, String key) { return null; }
    @Override public Optional<Bytes> metadata(String namespace, String key, String entry) { return Optional.empty(); }
    @Override public Version hashedVersion(String namespace, String collection, Bytes keyHash) { return null; }
    @Override public Optional<Bytes> hashedMetadata(String namespace, String collection, Bytes keyHash, String entry) {
        return Optional.empty();
    }
    @Override public Iterator<KvRead> range(String namespace, String startKey, String endKey) { return Collections.emptyIterator(); }
    @Override public boolean txIdExists(String txId) { return false; }
    @Override public Optional<String> txIdAt(Version version) { return Optional.empty(); }
}
