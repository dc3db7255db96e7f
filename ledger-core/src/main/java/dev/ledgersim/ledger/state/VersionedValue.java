package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.Version;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A committed value with the height that wrote it and its metadata (Fabric's {@code VersionedValue}).
 * For public and private state, {@code value} is the value; for hashed private state it is
 * {@code H(value)}.
 *
 * @param value the value bytes
 * @param version the {@code (blockNum, txNum)} of the last write of the value or of its metadata
 * @param metadata named metadata entries such as {@link KvMetadataEntry#VALIDATION_PARAMETER}, sorted by
 *     name; an entry is never empty (an empty value removes an entry, see {@link #metadataOf})
 */
public record VersionedValue(Bytes value, Version version, SortedMap<String, Bytes> metadata) {

    /** Validates and copies the metadata into an unmodifiable map in natural name order. */
    public VersionedValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(metadata, "metadata");
        TreeMap<String, Bytes> copy = new TreeMap<>();
        for (Map.Entry<String, Bytes> e : metadata.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "metadata name");
            Bytes entry = Objects.requireNonNull(e.getValue(), "metadata value");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("metadata entry names must not be empty");
            }
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("metadata entry '" + name + "' is empty; an empty value removes an entry,"
                        + " so leave it out (see VersionedValue.metadataOf)");
            }
            copy.put(name, entry);
        }
        metadata = Collections.unmodifiableSortedMap(copy);
    }

    /** A value without metadata. */
    public static VersionedValue of(Bytes value, Version version) {
        return new VersionedValue(value, version, Collections.emptySortedMap());
    }

    /**
     * The metadata map of a key whose metadata write carried {@code entries} (Fabric's
     * {@code KVMetadataWrite}): the entries by name, the last one winning, empty ones dropped.
     */
    public static SortedMap<String, Bytes> metadataOf(Collection<KvMetadataEntry> entries) {
        TreeMap<String, Bytes> map = new TreeMap<>();
        for (KvMetadataEntry entry : entries) {
            if (entry.value().isEmpty()) {
                map.remove(entry.name());
            } else {
                map.put(entry.name(), entry.value());
            }
        }
        return map;
    }

    /** The metadata as protocol entries, sorted by name. */
    public List<KvMetadataEntry> metadataEntries() {
        List<KvMetadataEntry> entries = new ArrayList<>(metadata.size());
        metadata.forEach((name, entry) -> entries.add(new KvMetadataEntry(name, entry)));
        return List.copyOf(entries);
    }
}
