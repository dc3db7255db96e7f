package dev.ledgersim.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A composite key: an object type and attributes encoded into one state key with Fabric's encoding
 * ({@code fabric-chaincode-go/shim} {@code CreateCompositeKey}):
 *
 * <pre>
 * U+0000 objectType U+0000 attribute1 U+0000 ... attributeN U+0000
 * </pre>
 *
 * Every component, including the last, is followed by U+0000, so the key of a prefix of the
 * attributes is a prefix of the full key: that is what makes {@link ChaincodeStub#getStateByPartialCompositeKey}
 * a range query from {@link #toString()} to {@link #partialKeyRangeEnd()}. Simple keys must not start
 * with U+0000 (see {@link #validateSimpleKeys}), so composite and simple keys never collide.
 *
 * <p>Components must not contain {@link #MIN_UNICODE_RUNE_VALUE U+0000} or
 * {@link #MAX_UNICODE_RUNE_VALUE U+10FFFF} and must be valid Unicode (Fabric requires valid UTF-8; a
 * Java string is invalid when it holds an unpaired surrogate). Violations throw
 * {@link IllegalArgumentException} with Fabric's messages, whose positions are UTF-8 byte offsets as
 * in Go.
 *
 * <p>Immutable; equality is by the encoded key.
 */
public final class CompositeKey {

    /** U+0000: the separator after every component, and the first character of every composite key. */
    public static final String MIN_UNICODE_RUNE_VALUE = "\u0000";

    /**
     * U+10FFFF (the largest code point, unassigned): appended to a partial key to bound its range
     * (UTF-8 {@code F4 8F BF BF}); not allowed inside components.
     */
    public static final String MAX_UNICODE_RUNE_VALUE = new String(Character.toChars(Character.MAX_CODE_POINT));

    /** The composite-key namespace marker, U+0000, with Fabric Java's name. */
    public static final String NAMESPACE = MIN_UNICODE_RUNE_VALUE;

    private final String objectType;
    private final List<String> attributes;
    private final String key;

    /**
     * The composite key of {@code objectType} and {@code attributes} (none gives the partial key of the
     * whole object type).
     *
     * @throws IllegalArgumentException if a component contains U+0000 or U+10FFFF or is not valid Unicode
     * @throws NullPointerException if {@code objectType} or an attribute is null
     */
    public CompositeKey(String objectType, String... attributes) {
        this(objectType, attributes == null ? List.of() : Arrays.asList(attributes));
    }

    /**
     * The composite key of {@code objectType} and {@code attributes} (copied).
     *
     * @throws IllegalArgumentException if a component contains U+0000 or U+10FFFF or is not valid Unicode
     * @throws NullPointerException if {@code objectType}, the list or an attribute is null
     */
    public CompositeKey(String objectType, List<String> attributes) {
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(attributes, "attributes");
        validateComponent(objectType);
        StringBuilder out = new StringBuilder(NAMESPACE).append(objectType).append(MIN_UNICODE_RUNE_VALUE);
        List<String> copy = new ArrayList<>(attributes.size());
        for (int i = 0; i < attributes.size(); i++) {
            String attribute = Objects.requireNonNull(attributes.get(i), "attribute " + i);
            validateComponent(attribute);
            out.append(attribute).append(MIN_UNICODE_RUNE_VALUE);
            copy.add(attribute);
        }
        this.objectType = objectType;
        this.attributes = List.copyOf(copy);
        this.key = out.toString();
    }

    /**
     * Splits an encoded composite key back into its object type and attributes (Fabric's
     * {@code SplitCompositeKey}: components are read from index 1, each ending at a U+0000).
     * Unlike Fabric Java's {@code String.split}, empty trailing attributes are kept, as in Go.
     *
     * @throws IllegalArgumentException if {@code compositeKey} does not start and end with U+0000, or a
     *     component is invalid
     * @throws NullPointerException if {@code compositeKey} is null
     */
    public static CompositeKey parseCompositeKey(String compositeKey) {
        Objects.requireNonNull(compositeKey, "compositeKey");
        if (!compositeKey.startsWith(NAMESPACE)) {
            throw new IllegalArgumentException("not a composite key: [" + printable(compositeKey)
                    + "] does not start with U+0000");
        }
        if (compositeKey.length() < 2 || !compositeKey.endsWith(MIN_UNICODE_RUNE_VALUE)) {
            throw new IllegalArgumentException("not a composite key: [" + printable(compositeKey)
                    + "] does not end with U+0000 after its object type and attributes");
        }
        List<String> components = new ArrayList<>();
        int start = 1;
        for (int i = 1; i < compositeKey.length(); i++) {
            if (compositeKey.charAt(i) == '\u0000') {
                components.add(compositeKey.substring(start, i));
                start = i + 1;
            }
        }
        return new CompositeKey(components.get(0), components.subList(1, components.size()));
    }

    /**
     * Checks that none of {@code keys} starts with U+0000, which would put a simple key into the
     * composite-key namespace; empty keys pass (they mean "unbounded" in range queries).
     *
     * @throws IllegalArgumentException with Fabric's message
     *     {@code first character of the key [%s] contains a null character which is not allowed}
     */
    public static void validateSimpleKeys(String... keys) {
        for (String key : keys) {
            if (key != null && key.startsWith(NAMESPACE)) {
                throw new IllegalArgumentException("first character of the key [" + printable(key)
                        + "] contains a null character which is not allowed");
            }
        }
    }

    /** Whether {@code key} is in the composite-key namespace (starts with U+0000). */
    public static boolean isCompositeKey(String key) {
        return key != null && key.startsWith(NAMESPACE);
    }

    /** The object type. */
    public String getObjectType() {
        return objectType;
    }

    /** The attributes, in order (immutable). */
    public List<String> getAttributes() {
        return attributes;
    }

    /**
     * The exclusive end of the range of all keys that extend this (partial) key: the key followed by
     * U+10FFFF, as Fabric's {@code GetStateByPartialCompositeKey}. The key itself is the inclusive start;
     * a full key therefore matches only longer keys, never itself.
     */
    public String partialKeyRangeEnd() {
        return key + MAX_UNICODE_RUNE_VALUE;
    }

    /** The encoded key, as stored in state. */
    @Override
    public String toString() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompositeKey other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /**
     * Fabric's {@code validateCompositeKeyAttribute}: valid UTF-8 (here: no unpaired surrogate), then no
     * U+0000 or U+10FFFF, reporting the UTF-8 byte offset as Go's {@code range} over a string does.
     */
    private static void validateComponent(String component) {
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < component.length()
                    && Character.isLowSurrogate(component.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("not a valid utf8 string: [" + wtf8Hex(component)
                        + "] (unpaired UTF-16 surrogate " + String.format("U+%04X", (int) c) + " at index " + i + ")");
            }
        }
        int byteOffset = 0;
        for (int i = 0; i < component.length(); ) {
            int codePoint = component.codePointAt(i);
            if (codePoint == 0 || codePoint == Character.MAX_CODE_POINT) {
                throw new IllegalArgumentException(String.format(
                        "input contains unicode %s starting at position [%d]. %s and %s are not allowed in the input"
                                + " attribute of a composite key",
                        goUnicode(codePoint), byteOffset, goUnicode(0), goUnicode(Character.MAX_CODE_POINT)));
            }
            byteOffset += utf8Length(codePoint);
            i += Character.charCount(codePoint);
        }
    }

    /** Go's {@code %#U} for the two code points it is used with here (neither is printable, so no quoted glyph). */
    private static String goUnicode(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        } else if (codePoint < 0x800) {
            return 2;
        } else if (codePoint < 0x10000) {
            return 3;
        }
        return 4;
    }

    /**
     * Hex of the string's generalized UTF-8 bytes, a lone surrogate encoded as its three bytes
     * (ED A0 80 ...): the bytes Go would have seen and printed with {@code %x}.
     */
    private static String wtf8Hex(String s) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            byte[] bytes;
            if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
                bytes = new byte[] {(byte) (0xE0 | (cp >> 12)), (byte) (0x80 | ((cp >> 6) & 0x3F)), (byte) (0x80 | (cp & 0x3F))};
            } else {
                bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            }
            for (byte b : bytes) {
                hex.append(String.format("%02x", b & 0xFF));
            }
        }
        return hex.toString();
    }

    /** The key with U+0000 shown as {@code \u0000}, for messages. */
    private static String printable(String key) {
        return key.replace("\u0000", "\\u0000");
    }
}
