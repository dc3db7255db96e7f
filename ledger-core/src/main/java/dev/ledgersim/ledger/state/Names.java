package dev.ledgersim.ledger.state;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Validation and UTF-8 encoding of the names and keys the typed stores put into storage keys.
 * Namespaces (chaincode names) and collection names never contain U+0000, so they can be terminated
 * by a 0x00 byte; keys can contain any character, U+0000 included (composite keys).
 */
final class Names {

    private Names() {
    }

    /**
     * Checks a namespace (chaincode name, {@code _lifecycle}, ...): {@code [A-Za-z0-9_.+-]+}.
     *
     * @return its UTF-8 (= ASCII) bytes
     */
    static byte[] namespace(String namespace) {
        return name(namespace, "namespace");
    }

    /** Checks a collection name ({@code [A-Za-z0-9_.+-]+}, e.g. {@code _implicit_org_Org1MSP}); returns its bytes. */
    static byte[] collection(String collection) {
        return name(collection, "collection");
    }

    private static byte[] name(String name, String what) {
        Objects.requireNonNull(name, what);
        boolean ok = !name.isEmpty();
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '+' || c == '-';
        }
        if (!ok) {
            throw new IllegalArgumentException("invalid " + what + " name '" + printable(name)
                    + "': must be non-empty and match [A-Za-z0-9_.+-]+");
        }
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Checks a state key (non-empty, well-formed UTF-16: no unpaired surrogate, which UTF-8 cannot
     * carry) and returns its UTF-8 bytes. U+0000 and U+10FFFF are allowed.
     */
    static byte[] key(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return utf8(key, "key");
    }

    /** The UTF-8 bytes of {@code text}, which may be empty but must be well-formed UTF-16. */
    static byte[] utf8(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " '" + printable(text) + "' has an unpaired surrogate U+"
                        + Integer.toHexString(c).toUpperCase() + " at index " + i + "; it cannot be encoded as UTF-8");
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A transaction id: non-empty, without U+0000, well-formed; returns its UTF-8 bytes. */
    static byte[] txId(String txId) {
        Objects.requireNonNull(txId, "txId");
        if (txId.isEmpty() || txId.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("invalid txId '" + printable(txId) + "': must be non-empty and without U+0000");
        }
        return utf8(txId, "txId");
    }

    /** {@code text} with control characters escaped, for error messages. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x10FFFF) {
                sb.append(String.format("\\u{%X}", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
