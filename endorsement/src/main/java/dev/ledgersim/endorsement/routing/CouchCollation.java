package dev.ledgersim.endorsement.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/**
 * CouchDB's collation order of JSON values, which Mango selectors use for every comparison and for
 * {@code sort}. Internal to LedgerSim.
 *
 * <ol>
 *   <li>{@code null} &lt; {@code false} &lt; {@code true} &lt; numbers &lt; strings &lt; arrays &lt;
 *       objects, whatever the values;</li>
 *   <li>numbers by numeric value ({@code 1} equals {@code 1.0}); integers are compared exactly, other
 *       numbers as decimals of their double value;</li>
 *   <li>strings by Unicode code point. <b>Simplification:</b> CouchDB uses ICU's collation (UCA), where
 *       for example {@code "a" < "B" < "b"}; code point order puts all capitals first
 *       ({@code "B" < "a"}). Queries over ASCII data of one case order identically;</li>
 *   <li>arrays element by element, a prefix first;</li>
 *   <li>objects pair by pair in document order, each pair key first, then value; fewer pairs first.</li>
 * </ol>
 * Thread-safe (stateless).
 */
public final class CouchCollation {

    /** {@link #compare} as a comparator. */
    public static final Comparator<JsonNode> ORDER = CouchCollation::compare;

    private CouchCollation() {
    }

    /**
     * Negative, zero or positive as {@code a} sorts before, with or after {@code b}.
     *
     * @throws IllegalArgumentException for nodes that are not plain JSON (binary, POJO or missing nodes)
     */
    public static int compare(JsonNode a, JsonNode b) {
        int rankA = rank(a);
        int rankB = rank(b);
        if (rankA != rankB) {
            return Integer.compare(rankA, rankB);
        }
        switch (rankA) {
            case 3:
                if (a.isIntegralNumber() && b.isIntegralNumber()) {
                    return a.bigIntegerValue().compareTo(b.bigIntegerValue());
                }
                return a.decimalValue().compareTo(b.decimalValue());
            case 4:
                return compareCodePoints(a.textValue(), b.textValue());
            case 5:
                for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                    int c = compare(a.get(i), b.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(a.size(), b.size());
            case 6:
                Iterator<Map.Entry<String, JsonNode>> left = a.properties().iterator();
                Iterator<Map.Entry<String, JsonNode>> right = b.properties().iterator();
                while (left.hasNext() && right.hasNext()) {
                    Map.Entry<String, JsonNode> l = left.next();
                    Map.Entry<String, JsonNode> r = right.next();
                    int c = compareCodePoints(l.getKey(), r.getKey());
                    if (c == 0) {
                        c = compare(l.getValue(), r.getValue());
                    }
                    if (c != 0) {
                        return c;
                    }
                }
                return Boolean.compare(left.hasNext(), right.hasNext());
            default:
                return 0;
        }
    }

    /** The position of a value's type in the collation: null 0, false 1, true 2, number 3, string 4, array 5, object 6. */
    static int rank(JsonNode node) {
        if (node.isNull()) {
            return 0;
        } else if (node.isBoolean()) {
            return node.booleanValue() ? 2 : 1;
        } else if (node.isNumber()) {
            return 3;
        } else if (node.isTextual()) {
            return 4;
        } else if (node.isArray()) {
            return 5;
        } else if (node.isObject()) {
            return 6;
        }
        throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }

    /** Strings by code point (not by UTF-16 unit, which misorders supplementary characters). */
    static int compareCodePoints(String a, String b) {
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
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
