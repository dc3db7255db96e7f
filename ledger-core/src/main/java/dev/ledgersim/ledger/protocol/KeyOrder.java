package dev.ledgersim.ledger.protocol;

import java.util.Comparator;

/**
 * The order of keys everywhere it reaches bytes or is compared across peers: the unsigned byte order of
 * their UTF-8 encodings, which is Fabric's (Go compares strings bytewise) and RocksDB's. It equals
 * Unicode code point order, and differs from {@link String#compareTo} (UTF-16 code units) for keys
 * that mix supplementary characters with characters in U+E000..U+FFFF.
 */
public final class KeyOrder {

    /** Compares strings by code point, i.e. by the unsigned bytes of their UTF-8 encoding. */
    public static final Comparator<String> UTF8 = KeyOrder::compare;

    private KeyOrder() {
    }

    /** Negative, zero or positive as {@code a} sorts before, with or after {@code b} in UTF-8 byte order. */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
