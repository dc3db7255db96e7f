package dev.ledgersim.ledger.validation;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.Version;
import java.util.Iterator;
import java.util.Optional;

/**
 * What the validator reads of a peer's committed ledger. Implementations read a consistent snapshot:
 * the validator runs while no block is being committed.
 */
public interface CommittedState {

    /** The committed version of a public key, or {@code null} when absent. */
    Version version(String namespace, String key);

    /** A committed metadata entry of a public key (e.g. {@code VALIDATION_PARAMETER}), if present. */
    Optional<Bytes> metadata(String namespace, String key, String entry);

    /** The committed version of a private key by its hash, or {@code null} when absent. */
    Version hashedVersion(String namespace, String collection, Bytes keyHash);

    /** A committed metadata entry of a private key, by key hash, if present. */
    Optional<Bytes> hashedMetadata(String namespace, String collection, Bytes keyHash, String entry);

    /**
     * The committed keys of {@code namespace} in {@code [startKey, endKey)} with their versions, in key
     * order; an empty {@code endKey} means unbounded.
     */
    Iterator<KvRead> range(String namespace, String startKey, String endKey);

    /** Whether a transaction with {@code txId} is already in the block store, valid or not. */
    boolean txIdExists(String txId);

    /** The txid of the transaction at {@code version}, when known (for explanations only). */
    Optional<String> txIdAt(Version version);
}
