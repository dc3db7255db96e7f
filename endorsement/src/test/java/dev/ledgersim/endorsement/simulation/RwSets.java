package dev.ledgersim.endorsement.simulation;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import java.util.List;

/** Lookups into a recorded rw-set, and the test CAs, shared by the simulator tests. */
final class RwSets {

    private RwSets() {
    }

    /** The namespace's rw-set; fails the test when the namespace recorded nothing. */
    static NsReadWriteSet ns(TxReadWriteSet rwSet, String namespace) {
        return rwSet.nsRwSets().stream().filter(n -> n.namespace().equals(namespace)).findFirst()
                .orElseGet(() -> fail("no rw-set for namespace " + namespace + " in " + rwSet));
    }

    /** The namespace's public KVRWSet. */
    static KvRwSet kv(TxReadWriteSet rwSet, String namespace) {
        return ns(rwSet, namespace).rwset();
    }

    /** The read of {@code key}; fails when there is none. */
    static KvRead read(KvRwSet kv, String key) {
        return kv.reads().stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseGet(() -> fail("no read of " + key + " in " + kv.reads()));
    }

    /** The write of {@code key}; fails when there is none. */
    static KvWrite write(KvRwSet kv, String key) {
        return kv.writes().stream().filter(w -> w.key().equals(key)).findFirst()
                .orElseGet(() -> fail("no write of " + key + " in " + kv.writes()));
    }

    /** The keys read, in rw-set order. */
    static List<String> readKeys(KvRwSet kv) {
        return kv.reads().stream().map(KvRead::key).toList();
    }

    /** The hashed rw-set of a collection; fails when there is none. */
    static CollectionHashedRwSet collection(TxReadWriteSet rwSet, String namespace, String collection) {
        return ns(rwSet, namespace).collectionHashedRwSets().stream()
                .filter(c -> c.collectionName().equals(collection)).findFirst()
                .orElseGet(() -> fail("no hashed rw-set for " + namespace + "/" + collection + " in " + rwSet));
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}. */
    static Bytes sha256(String text) {
        return Hashes.sha256(Bytes.utf8(text));
    }

    /** The seeded test CA of {@code mspId}. */
    static CertificateAuthority ca(String mspId) {
        return CertificateAuthority.create(CaConfig.defaults(mspId), DeterministicRandom.fromSeed(1, "ca/" + mspId),
                Crypto.ecdsa());
    }
}
