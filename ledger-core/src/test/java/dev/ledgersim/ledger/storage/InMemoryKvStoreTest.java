package dev.ledgersim.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@link KvStore} contract on {@link InMemoryKvStore}, plus what is particular to it. */
class InMemoryKvStoreTest extends AbstractKvStoreContractTest {

    @Override
    protected KvStoreFactory newFactory() {
        return KvStoreFactory.inMemory();
    }

    @Test
    void aStandaloneStoreWorksWithoutAFactory() {
        try (InMemoryKvStore store = new InMemoryKvStore(Set.of("a"))) {
            put(store, "a", "k", "v");
            assertEquals("v", s(store.get("a", b("k"))));
            assertNull(store.get("a", b("other")));
        }
    }

    @Test
    void factoriesAreSeparateDisks() {
        KvStoreFactory other = KvStoreFactory.inMemory();
        KvStore mine = open("node", "a");
        put(mine, "a", "k", "mine");
        try (KvStore theirs = other.open("node", Set.of("a"))) {
            assertNull(theirs.get("a", b("k")));
        }
        assertThrows(IllegalStateException.class, () -> factory().discard("node"));
    }
}
