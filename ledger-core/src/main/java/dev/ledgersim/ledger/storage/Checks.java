package dev.ledgersim.ledger.storage;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Argument checks shared by the implementations, so that every store fails with the same message. */
final class Checks {

    private Checks() {
    }

    /** Throws the unknown-column error of the SPI if {@code column} is not in {@code known}. */
    static void column(String column, Set<String> known) {
        Objects.requireNonNull(column, "column");
        if (!known.contains(column)) {
            throw new IllegalArgumentException("unknown column '" + column + "'; known columns: " + new TreeSet<>(known));
        }
    }

    /** A defensive, immutable copy of a column set; at least one column, none null or empty. */
    static Set<String> columnNames(Set<String> columns) {
        Objects.requireNonNull(columns, "columns");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a store needs at least one column");
        }
        for (String c : columns) {
            if (c == null || c.isEmpty()) {
                throw new IllegalArgumentException("column names must be non-empty, got " + columns);
            }
        }
        return Set.copyOf(columns);
    }

    /** Rejects {@code from > to}; equal bounds are an empty range. */
    static void range(byte[] fromInclusive, byte[] toExclusive) {
        if (fromInclusive != null && toExclusive != null && Arrays.compareUnsigned(fromInclusive, toExclusive) > 0) {
            throw new IllegalArgumentException("inverted range: from " + hex(fromInclusive) + " is above to " + hex(toExclusive));
        }
    }

    /**
     * A store name usable as a relative path: segments of {@code [A-Za-z0-9_.-]+} separated by
     * {@code /}, none of them {@code .} or {@code ..} (for example {@code peer0/mychannel/state}).
     */
    static String storeName(String name) {
        Objects.requireNonNull(name, "name");
        boolean ok = !name.isEmpty();
        for (String segment : name.split("/", -1)) {
            ok &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
            for (int i = 0; ok && i < segment.length(); i++) {
                char c = segment.charAt(i);
                ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("invalid store name '" + name
                    + "': use segments of [A-Za-z0-9_.-]+ separated by '/', without '.' or '..' (it names a directory)");
        }
        return name;
    }

    /** Whether store {@code name} is {@code root} or lies under it ({@code root/...}). */
    static boolean isUnder(String name, String root) {
        return name.equals(root) || name.startsWith(root + "/");
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
