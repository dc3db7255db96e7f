package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.Version;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The stored form of the typed stores' values. Deterministic: equal values encode to equal bytes.
 *
 * <pre>
 * VersionedValue  = 0x01 varint(blockNum) varint(txNum) lp(value) varint(n) n × (lp(utf8(name)) lp(entry))
 *                   (metadata entries in ascending name order, entries non-empty)
 * KeyModification = 0x01 flags(bit 0 = isDelete) lp(utf8(txId)) varint(zigzag(seconds)) varint(nanos) lp(value)
 *                   (its version is in the key)
 * lp(x)           = varint(length of x) x;   varint = unsigned LEB128
 * </pre>
 *
 * The leading format byte lets a later format coexist; decoding rejects anything else, truncation,
 * out-of-range numbers and trailing bytes, naming the key.
 */
final class ValueCodec {

    private static final int FORMAT = 1;

    private ValueCodec() {
    }

    static byte[] encode(VersionedValue v) {
        ByteWriter w = new ByteWriter(v.value().size() + 24);
        w.u8(FORMAT).varint(v.version().blockNum()).varint(v.version().txNum()).lengthPrefixed(v.value().unsafeArray());
        w.varint(v.metadata().size());
        v.metadata().forEach((name, entry) -> w.lengthPrefixed(name.getBytes(StandardCharsets.UTF_8)).lengthPrefixed(entry.unsafeArray()));
        return w.toByteArray();
    }

    static VersionedValue decodeVersionedValue(byte[] bytes, Supplier<String> what) {
        ByteReader r = new ByteReader(bytes, what);
        checkFormat(r);
        Version version = new Version(r.varint(Long.MAX_VALUE, "blockNum"), r.varint(Long.MAX_VALUE, "txNum"));
        Bytes value = Bytes.wrap(r.lengthPrefixed());
        long n = r.varint(bytes.length, "metadata count");
        SortedMap<String, Bytes> metadata = new TreeMap<>();
        String previous = null;
        for (long i = 0; i < n; i++) {
            String name = new String(r.lengthPrefixed(), StandardCharsets.UTF_8);
            Bytes entry = Bytes.wrap(r.lengthPrefixed());
            if (name.isEmpty() || entry.isEmpty() || (previous != null && previous.compareTo(name) >= 0)) {
                throw r.corrupt("metadata entry '" + name + "' is empty or out of order");
            }
            metadata.put(name, entry);
            previous = name;
        }
        r.expectEnd();
        return new VersionedValue(value, version, metadata);
    }

    static byte[] encode(KeyModification m) {
        byte[] txId = m.txId().getBytes(StandardCharsets.UTF_8);
        ByteWriter w = new ByteWriter(txId.length + m.value().size() + 24);
        long seconds = m.timestamp().seconds();
        w.u8(FORMAT).u8(m.isDelete() ? 1 : 0).lengthPrefixed(txId)
                .varint((seconds << 1) ^ (seconds >> 63)).varint(m.timestamp().nanos())
                .lengthPrefixed(m.value().unsafeArray());
        return w.toByteArray();
    }

    static KeyModification decodeKeyModification(Version version, byte[] bytes, Supplier<String> what) {
        ByteReader r = new ByteReader(bytes, what);
        checkFormat(r);
        int flags = r.u8();
        if ((flags & ~1) != 0) {
            throw r.corrupt("unknown flags " + flags);
        }
        String txId = new String(r.lengthPrefixed(), StandardCharsets.UTF_8);
        long zigzag = r.varint();
        long seconds = (zigzag >>> 1) ^ -(zigzag & 1);
        int nanos = (int) r.varint(999_999_999, "nanos");
        Bytes value = Bytes.wrap(r.lengthPrefixed());
        r.expectEnd();
        try {
            return new KeyModification(version, txId, value, new Timestamp(seconds, nanos), flags == 1);
        } catch (IllegalArgumentException e) {
            throw r.corrupt(e.getMessage());
        }
    }

    private static void checkFormat(ByteReader r) {
        int format = r.u8();
        if (format != FORMAT) {
            throw r.corrupt("unknown format " + format + " (expected " + FORMAT + ")");
        }
    }
}
