package dev.ledgersim.ledger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.Version;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link UpdateBatch} and {@link VersionedValue} as values. Pure, no storage. */
class UpdateBatchTest {

    private static VersionedValue v(String text, long block) {
        return VersionedValue.of(Bytes.utf8(text), new Version(block, 0));
    }

    @Test
    void theLastUpdateOfAKeyWins() {
        UpdateBatch batch = new UpdateBatch()
                .put("cc", "k", v("1", 1))
                .delete("cc", "k", new Version(1, 1))
                .put("cc", "k", v("2", 1))
                .deletePrivate("cc", "c", "k", new Version(1, 3))
                .putHashed("cc", "c", Bytes.fromHex("aa"), v("h", 1));
        assertEquals(Optional.of(new UpdateBatch.Put(v("2", 1))), batch.get("cc", "k"));
        assertEquals(Optional.of(new UpdateBatch.Delete(new Version(1, 3))), batch.getPrivate("cc", "c", "k"));
        assertEquals(new Version(1, 0), batch.getHashed("cc", "c", Bytes.fromHex("aa")).orElseThrow().version());
        assertEquals(Optional.empty(), batch.get("cc", "other"));
        assertEquals(3, batch.size());
    }

    @Test
    void batchesWithTheSameUpdatesAreEqual() {
        UpdateBatch one = new UpdateBatch().put("cc", "a", v("1", 1)).put("cc", "b", v("2", 1));
        UpdateBatch two = new UpdateBatch().put("cc", "b", v("2", 1)).put("cc", "a", v("1", 1));
        assertEquals(one, two);
        assertEquals(one.hashCode(), two.hashCode());
        assertEquals(List.of("a", "b"), List.copyOf(one.publicUpdates("cc").keySet()));
        assertTrue(new UpdateBatch().publicUpdates("none").isEmpty());
    }

    @Test
    void refusedUpdatesLeaveTheBatchUnchanged() {
        UpdateBatch batch = new UpdateBatch();
        assertThrows(IllegalArgumentException.class, () -> batch.put("cc", "", v("x", 1)));
        assertThrows(IllegalArgumentException.class, () -> batch.put("cc", "k", v("", 1)));
        assertThrows(IllegalArgumentException.class, () -> batch.delete("c c", "k", new Version(1, 0)));
        assertThrows(IllegalArgumentException.class, () -> batch.putHashed("cc", "c", Bytes.EMPTY, v("x", 1)));
        assertThrows(NullPointerException.class, () -> batch.delete("cc", "k", null));
        assertTrue(batch.isEmpty());
        assertEquals(new UpdateBatch(), batch);
    }

    @Test
    void metadataWritesBecomeAMapWithoutEmptyEntries() {
        var map = VersionedValue.metadataOf(List.of(
                new KvMetadataEntry(KvMetadataEntry.VALIDATION_PARAMETER, Bytes.utf8("p")),
                new KvMetadataEntry("gone", Bytes.EMPTY),
                new KvMetadataEntry("b", Bytes.utf8("1")),
                new KvMetadataEntry("b", Bytes.utf8("2"))));
        assertEquals(new TreeMap<>(Map.of(KvMetadataEntry.VALIDATION_PARAMETER, Bytes.utf8("p"), "b", Bytes.utf8("2"))), map);
        VersionedValue value = new VersionedValue(Bytes.utf8("x"), new Version(1, 0), map);
        assertEquals(List.of(new KvMetadataEntry(KvMetadataEntry.VALIDATION_PARAMETER, Bytes.utf8("p")),
                new KvMetadataEntry("b", Bytes.utf8("2"))), value.metadataEntries());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VersionedValue(Bytes.utf8("x"),
                new Version(1, 0), new TreeMap<>(Map.of("empty", Bytes.EMPTY))));
        assertTrue(e.getMessage().contains("metadata entry 'empty' is empty"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> value.metadata().put("x", Bytes.utf8("y")));
    }
}
