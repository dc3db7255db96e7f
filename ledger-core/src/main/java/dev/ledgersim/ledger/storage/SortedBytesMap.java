package dev.ledgersim.ledger.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A sorted map from byte-array keys to byte-array values, in unsigned lexicographic order (RocksDB's
 * bytewise order, {@link Arrays#compareUnsigned(byte[], byte[])}: a key that is a prefix of another sorts
 * first): the column map of {@link InMemoryKvStore}.
 *
 * <p><b>Layout.</b> A B+tree. Every node keeps its keys in a sorted array, and beside it a {@code long[]}
 * of each key's first eight bytes (big-endian, zero-padded): the binary search in a node compares those
 * longs, which lie in one contiguous array, and dereferences a key array only when two prefixes are
 * equal. Leaves hold the values in a parallel array and are linked both ways for range reads. A lookup
 * among a million random 64-byte keys visits four levels of nodes, a few cache misses each, where a
 * {@link java.util.concurrent.ConcurrentSkipListMap} makes some twenty dependent ones (node, key array,
 * compare).
 *
 * <p><b>Invariants.</b> A node holds at most {@code nodeCapacity} keys (leaf) or children (inner); every
 * node but the root at least half of that (an underfull node borrows from a sibling or is merged with
 * it). All leaves are at the same depth. In an inner node, child {@code i} holds the keys {@code k} with
 * {@code separator[i-1] <= k < separator[i]}.
 *
 * <p><b>Ownership.</b> Keys and values are stored and returned as given, never copied: the caller copies
 * what it hands over or hands out. Not thread-safe: {@link InMemoryKvStore} guards each map with the
 * lock of its {@link InMemoryDisk}.
 */
final class SortedBytesMap {

    /**
     * Keys per leaf and children per inner node. Measured with a million random 64-byte hex keys, 64 was
     * faster for both get and put than 16, 32 or 128.
     */
    static final int DEFAULT_NODE_CAPACITY = 64;

    private static final VarHandle LONG_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final int nodeCapacity;
    private final int minLeafKeys;
    private final int minInnerChildren;
    private Node root;
    private int size;

    /** Set by {@link #put} and {@link #remove}: the value replaced or removed, or {@code null}. */
    private byte[] displaced;
    /** Set by a node split: the separator (and its prefix) that the parent gets for the new right node. */
    private byte[] splitKey;
    private long splitPrefix;

    /** An empty map with nodes of {@link #DEFAULT_NODE_CAPACITY}. */
    SortedBytesMap() {
        this(DEFAULT_NODE_CAPACITY);
    }

    /** An empty map whose nodes hold up to {@code nodeCapacity} keys or children (at least 4; tests use small ones). */
    SortedBytesMap(int nodeCapacity) {
        if (nodeCapacity < 4) {
            throw new IllegalArgumentException("node capacity must be at least 4, got " + nodeCapacity);
        }
        this.nodeCapacity = nodeCapacity;
        this.minLeafKeys = nodeCapacity / 2;
        this.minInnerChildren = nodeCapacity / 2;
        this.root = new Leaf(nodeCapacity);
    }

    /** Number of entries. */
    int size() {
        return size;
    }

    /** The value of {@code key}, or {@code null} if absent. */
    byte[] get(byte[] key) {
        long prefix = prefixOf(key);
        Node node = root;
        while (node instanceof Inner inner) {
            node = inner.children[childIndex(inner, prefix, key)];
        }
        int i = search(node, prefix, key);
        return i >= 0 ? ((Leaf) node).values[i] : null;
    }

    /** Maps {@code key} to {@code value}; returns the value replaced, or {@code null} if the key was new. */
    byte[] put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        displaced = null;
        Node right = insert(root, prefixOf(key), key, value);
        if (right != null) {
            Inner newRoot = new Inner(nodeCapacity);
            newRoot.children[0] = root;
            newRoot.children[1] = right;
            newRoot.keys[0] = splitKey;
            newRoot.prefixes[0] = splitPrefix;
            newRoot.count = 1;
            root = newRoot;
        }
        splitKey = null;
        byte[] previous = displaced;
        displaced = null;
        return previous;
    }

    /** Removes {@code key}; returns its value, or {@code null} if it was absent. */
    byte[] remove(byte[] key) {
        Objects.requireNonNull(key, "key");
        displaced = null;
        delete(root, prefixOf(key), key);
        if (root instanceof Inner inner && inner.count == 0) {
            root = inner.children[0];
        }
        byte[] previous = displaced;
        displaced = null;
        return previous;
    }

    /**
     * Passes to {@code sink}, in ascending (or, if {@code descending}, descending) key order, up to
     * {@code max} entries, walking from {@code start} towards {@code end}, and returns how many it passed.
     * A {@code null} {@code start} is the first key in the walking direction (the least ascending, the
     * greatest descending); a {@code null} {@code end} is no end. Each bound is included or not as told.
     *
     * <p>A cursor reads a chunk, and later continues from its last key with {@code startInclusive} false:
     * strictly after it ascending, strictly before it descending, whatever was written in between.
     */
    int collect(byte[] start, boolean startInclusive, byte[] end, boolean endInclusive, boolean descending, int max,
                BiConsumer<byte[], byte[]> sink) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, got " + max);
        }
        long endPrefix = end == null ? 0 : prefixOf(end);
        int passed = 0;
        if (!descending) {
            Leaf leaf;
            int i;
            if (start == null) {
                leaf = edgeLeaf(false);
                i = 0;
            } else {
                long startPrefix = prefixOf(start);
                leaf = leafFor(startPrefix, start);
                int found = search(leaf, startPrefix, start);
                i = found >= 0 ? (startInclusive ? found : found + 1) : -found - 1;
            }
            while (passed < max && leaf != null) {
                if (i >= leaf.count) {
                    leaf = leaf.next;
                    i = 0;
                    continue;
                }
                if (end != null) {
                    int c = compare(leaf.prefixes[i], leaf.keys[i], endPrefix, end);
                    if (c > 0 || (c == 0 && !endInclusive)) {
                        break;
                    }
                }
                sink.accept(leaf.keys[i], leaf.values[i]);
                passed++;
                i++;
            }
        } else {
            Leaf leaf;
            int i;
            if (start == null) {
                leaf = edgeLeaf(true);
                i = leaf.count - 1;
            } else {
                long startPrefix = prefixOf(start);
                leaf = leafFor(startPrefix, start);
                int found = search(leaf, startPrefix, start);
                i = found >= 0 ? (startInclusive ? found : found - 1) : -found - 2;
            }
            while (passed < max && leaf != null) {
                if (i < 0) {
                    leaf = leaf.prev;
                    i = leaf == null ? -1 : leaf.count - 1;
                    continue;
                }
                if (end != null) {
                    int c = compare(leaf.prefixes[i], leaf.keys[i], endPrefix, end);
                    if (c < 0 || (c == 0 && !endInclusive)) {
                        break;
                    }
                }
                sink.accept(leaf.keys[i], leaf.values[i]);
                passed++;
                i--;
            }
        }
        return passed;
    }

    /**
     * The first eight bytes of {@code key} as a big-endian long, zero-padded when the key is shorter.
     * If {@code prefixOf(a) < prefixOf(b)} (unsigned) then {@code a < b}; equal prefixes say nothing
     * ({@code 61} and {@code 6100} both pad to {@code 6100000000000000}), so ties compare the arrays.
     */
    static long prefixOf(byte[] key) {
        if (key.length >= Long.BYTES) {
            return (long) LONG_BIG_ENDIAN.get(key, 0);
        }
        long prefix = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            prefix = (prefix << 8) | (i < key.length ? key[i] & 0xFF : 0);
        }
        return prefix;
    }

    /**
     * Checks every structural invariant (order, prefixes, separators, fill, equal leaf depth, leaf links,
     * size, no stale references past a node's count) and throws {@link IllegalStateException} naming the
     * first one broken. Linear in the size: for tests.
     */
    void checkInvariants() {
        int depth = checkNode(root, null, null, true);
        Leaf leaf = edgeLeaf(false);
        if (leaf.prev != null) {
            throw new IllegalStateException("the first leaf has a previous leaf");
        }
        int counted = 0;
        byte[] previous = null;
        for (Leaf prev = null; leaf != null; prev = leaf, leaf = leaf.next) {
            if (leaf.prev != prev) {
                throw new IllegalStateException("leaf links disagree");
            }
            for (int i = 0; i < leaf.count; i++) {
                if (previous != null && Arrays.compareUnsigned(previous, leaf.keys[i]) >= 0) {
                    throw new IllegalStateException("leaf chain out of order at " + Checks.hex(leaf.keys[i]));
                }
                previous = leaf.keys[i];
                counted++;
            }
        }
        if (counted != size) {
            throw new IllegalStateException("size is " + size + " but the leaves hold " + counted);
        }
        if (depth < 1) {
            throw new IllegalStateException("bad depth " + depth);
        }
    }

    /** Returns the depth of {@code node}'s leaves after checking it and its subtree against {@code [low, high)}. */
    private int checkNode(Node node, byte[] low, byte[] high, boolean isRoot) {
        boolean leaf = node instanceof Leaf;
        int fill = leaf ? node.count : node.count + 1;
        int min = isRoot ? (leaf ? 0 : 2) : (leaf ? minLeafKeys : minInnerChildren);
        if (fill < min || fill > nodeCapacity) {
            throw new IllegalStateException((leaf ? "leaf" : "inner node") + " holds " + fill + ", outside [" + min + ", " + nodeCapacity + "]");
        }
        for (int i = 0; i < node.keys.length; i++) {
            if (i < node.count) {
                byte[] key = node.keys[i];
                if (node.prefixes[i] != prefixOf(key)) {
                    throw new IllegalStateException("stale prefix for key " + Checks.hex(key));
                }
                if (i > 0 && Arrays.compareUnsigned(node.keys[i - 1], key) >= 0) {
                    throw new IllegalStateException("keys out of order at " + Checks.hex(key));
                }
                if ((low != null && Arrays.compareUnsigned(key, low) < 0) || (high != null && Arrays.compareUnsigned(key, high) >= 0)) {
                    throw new IllegalStateException("key " + Checks.hex(key) + " outside its separators");
                }
            } else if (node.keys[i] != null || (leaf && ((Leaf) node).values[i] != null)) {
                throw new IllegalStateException("stale reference past the count of a node");
            }
        }
        if (leaf) {
            return 1;
        }
        Inner inner = (Inner) node;
        int depth = -1;
        for (int i = 0; i < inner.children.length; i++) {
            if (i > inner.count) {
                if (inner.children[i] != null) {
                    throw new IllegalStateException("stale child past the count of an inner node");
                }
                continue;
            }
            byte[] childLow = i == 0 ? low : inner.keys[i - 1];
            byte[] childHigh = i == inner.count ? high : inner.keys[i];
            int d = checkNode(inner.children[i], childLow, childHigh, false);
            if (depth != -1 && d != depth) {
                throw new IllegalStateException("leaves at depths " + depth + " and " + d);
            }
            depth = d;
        }
        return depth + 1;
    }

    // ---- search ------------------------------------------------------------------------------------

    /** Unsigned order of {@code a} and {@code b}, given their prefixes: the arrays are read only on a tie. */
    private static int compare(long prefixA, byte[] a, long prefixB, byte[] b) {
        if (prefixA != prefixB) {
            return Long.compareUnsigned(prefixA, prefixB);
        }
        return Arrays.compareUnsigned(a, b);
    }

    /** Index of {@code key} among the node's keys, or {@code -(insertion point) - 1}, as {@link Arrays#binarySearch}. */
    private static int search(Node node, long prefix, byte[] key) {
        long[] prefixes = node.prefixes;
        int low = 0;
        int high = node.count - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long p = prefixes[mid];
            int c = p != prefix ? Long.compareUnsigned(p, prefix) : Arrays.compareUnsigned(node.keys[mid], key);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    /** The child of {@code inner} whose range holds {@code key}. */
    private static int childIndex(Inner inner, long prefix, byte[] key) {
        int i = search(inner, prefix, key);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private Leaf leafFor(long prefix, byte[] key) {
        Node node = root;
        while (node instanceof Inner inner) {
            node = inner.children[childIndex(inner, prefix, key)];
        }
        return (Leaf) node;
    }

    /** The first leaf, or the last one if {@code last}. */
    private Leaf edgeLeaf(boolean last) {
        Node node = root;
        while (node instanceof Inner inner) {
            node = inner.children[last ? inner.count : 0];
        }
        return (Leaf) node;
    }

    // ---- insertion ---------------------------------------------------------------------------------

    /** Inserts into the subtree of {@code node}; returns the new right sibling if {@code node} split (separator in {@link #splitKey}). */
    private Node insert(Node node, long prefix, byte[] key, byte[] value) {
        if (node instanceof Leaf leaf) {
            return insertIntoLeaf(leaf, prefix, key, value);
        }
        Inner inner = (Inner) node;
        int child = childIndex(inner, prefix, key);
        Node right = insert(inner.children[child], prefix, key, value);
        if (right == null) {
            return null;
        }
        // The child split: its separator goes in at `child`, the new node right after the child.
        int movedKeys = inner.count - child;
        System.arraycopy(inner.prefixes, child, inner.prefixes, child + 1, movedKeys);
        System.arraycopy(inner.keys, child, inner.keys, child + 1, movedKeys);
        System.arraycopy(inner.children, child + 1, inner.children, child + 2, movedKeys);
        inner.prefixes[child] = splitPrefix;
        inner.keys[child] = splitKey;
        inner.children[child + 1] = right;
        inner.count++;
        return inner.count + 1 > nodeCapacity ? splitInner(inner) : null;
    }

    private Leaf insertIntoLeaf(Leaf leaf, long prefix, byte[] key, byte[] value) {
        int i = search(leaf, prefix, key);
        if (i >= 0) {
            displaced = leaf.values[i];
            leaf.values[i] = value;
            return null;
        }
        i = -i - 1;
        int moved = leaf.count - i;
        System.arraycopy(leaf.prefixes, i, leaf.prefixes, i + 1, moved);
        System.arraycopy(leaf.keys, i, leaf.keys, i + 1, moved);
        System.arraycopy(leaf.values, i, leaf.values, i + 1, moved);
        leaf.prefixes[i] = prefix;
        leaf.keys[i] = key;
        leaf.values[i] = value;
        leaf.count++;
        size++;
        return leaf.count > nodeCapacity ? splitLeaf(leaf) : null;
    }

    /** Moves the upper half of an overfull leaf to a new leaf linked after it. */
    private Leaf splitLeaf(Leaf leaf) {
        Leaf right = new Leaf(nodeCapacity);
        int keep = leaf.count / 2;
        int moved = leaf.count - keep;
        moveEntries(leaf, keep, right, 0, moved);
        clearEntries(leaf, keep, moved);
        leaf.count = keep;
        right.count = moved;
        right.next = leaf.next;
        if (right.next != null) {
            right.next.prev = right;
        }
        right.prev = leaf;
        leaf.next = right;
        splitKey = right.keys[0];
        splitPrefix = right.prefixes[0];
        return right;
    }

    /** Moves the upper half of an overfull inner node to a new one; the middle separator goes up. */
    private Inner splitInner(Inner inner) {
        Inner right = new Inner(nodeCapacity);
        int keepChildren = (inner.count + 1) / 2;
        int up = keepChildren - 1;
        int movedKeys = inner.count - keepChildren;
        splitKey = inner.keys[up];
        splitPrefix = inner.prefixes[up];
        moveEntries(inner, keepChildren, right, 0, movedKeys);
        System.arraycopy(inner.children, keepChildren, right.children, 0, movedKeys + 1);
        clearEntries(inner, up, movedKeys + 1);
        Arrays.fill(inner.children, keepChildren, inner.count + 1, null);
        inner.count = up;
        right.count = movedKeys;
        return right;
    }

    // ---- removal -----------------------------------------------------------------------------------

    /** Removes from the subtree of {@code node}; returns whether {@code node} is now underfull. */
    private boolean delete(Node node, long prefix, byte[] key) {
        if (node instanceof Leaf leaf) {
            int i = search(leaf, prefix, key);
            if (i < 0) {
                return false;
            }
            displaced = leaf.values[i];
            moveEntries(leaf, i + 1, leaf, i, leaf.count - i - 1);
            leaf.count--;
            clearEntries(leaf, leaf.count, 1);
            size--;
            return leaf.count < minLeafKeys;
        }
        Inner inner = (Inner) node;
        int child = childIndex(inner, prefix, key);
        if (!delete(inner.children[child], prefix, key)) {
            return false;
        }
        rebalance(inner, child);
        return inner.count + 1 < minInnerChildren;
    }

    /** Refills the underfull child {@code child} of {@code parent} from a sibling, or merges it with one. */
    private void rebalance(Inner parent, int child) {
        // Every inner node has at least two children (the root collapses when it has one), so a sibling exists.
        if (child > 0 && canLend(parent.children[child - 1])) {
            borrowFromLeft(parent, child);
        } else if (child < parent.count && canLend(parent.children[child + 1])) {
            borrowFromRight(parent, child);
        } else if (child > 0) {
            merge(parent, child - 1);
        } else {
            merge(parent, child);
        }
    }

    private boolean canLend(Node node) {
        return node instanceof Leaf ? node.count > minLeafKeys : node.count + 1 > minInnerChildren;
    }

    private void borrowFromLeft(Inner parent, int child) {
        Node left = parent.children[child - 1];
        Node node = parent.children[child];
        int separator = child - 1;
        if (node instanceof Leaf) {
            moveEntries(node, 0, node, 1, node.count);
            moveEntries(left, left.count - 1, node, 0, 1);
            left.count--;
            clearEntries(left, left.count, 1);
            node.count++;
            copyKey(node, 0, parent, separator);
        } else {
            Inner leftInner = (Inner) left;
            Inner inner = (Inner) node;
            moveEntries(inner, 0, inner, 1, inner.count);
            System.arraycopy(inner.children, 0, inner.children, 1, inner.count + 1);
            copyKey(parent, separator, inner, 0);
            inner.children[0] = leftInner.children[leftInner.count];
            inner.count++;
            copyKey(leftInner, leftInner.count - 1, parent, separator);
            leftInner.children[leftInner.count] = null;
            leftInner.count--;
            clearEntries(leftInner, leftInner.count, 1);
        }
    }

    private void borrowFromRight(Inner parent, int child) {
        Node node = parent.children[child];
        Node right = parent.children[child + 1];
        int separator = child;
        if (node instanceof Leaf) {
            moveEntries(right, 0, node, node.count, 1);
            node.count++;
            moveEntries(right, 1, right, 0, right.count - 1);
            right.count--;
            clearEntries(right, right.count, 1);
            copyKey(right, 0, parent, separator);
        } else {
            Inner inner = (Inner) node;
            Inner rightInner = (Inner) right;
            copyKey(parent, separator, inner, inner.count);
            inner.children[inner.count + 1] = rightInner.children[0];
            inner.count++;
            copyKey(rightInner, 0, parent, separator);
            moveEntries(rightInner, 1, rightInner, 0, rightInner.count - 1);
            System.arraycopy(rightInner.children, 1, rightInner.children, 0, rightInner.count);
            rightInner.children[rightInner.count] = null;
            rightInner.count--;
            clearEntries(rightInner, rightInner.count, 1);
        }
    }

    /** Merges child {@code left + 1} of {@code parent} into child {@code left} and drops their separator. */
    private void merge(Inner parent, int left) {
        Node into = parent.children[left];
        Node from = parent.children[left + 1];
        if (into instanceof Leaf intoLeaf) {
            Leaf fromLeaf = (Leaf) from;
            moveEntries(fromLeaf, 0, intoLeaf, intoLeaf.count, fromLeaf.count);
            intoLeaf.count += fromLeaf.count;
            intoLeaf.next = fromLeaf.next;
            if (intoLeaf.next != null) {
                intoLeaf.next.prev = intoLeaf;
            }
        } else {
            Inner intoInner = (Inner) into;
            Inner fromInner = (Inner) from;
            copyKey(parent, left, intoInner, intoInner.count);
            moveEntries(fromInner, 0, intoInner, intoInner.count + 1, fromInner.count);
            System.arraycopy(fromInner.children, 0, intoInner.children, intoInner.count + 1, fromInner.count + 1);
            intoInner.count += fromInner.count + 1;
        }
        int movedKeys = parent.count - left - 1;
        moveEntries(parent, left + 1, parent, left, movedKeys);
        System.arraycopy(parent.children, left + 2, parent.children, left + 1, movedKeys);
        parent.count--;
        clearEntries(parent, parent.count, 1);
        parent.children[parent.count + 1] = null;
    }

    // ---- node array helpers ------------------------------------------------------------------------

    /** Copies {@code n} keys with their prefixes (and values, between leaves) from {@code src} to {@code dst}. */
    private static void moveEntries(Node src, int srcPos, Node dst, int dstPos, int n) {
        System.arraycopy(src.prefixes, srcPos, dst.prefixes, dstPos, n);
        System.arraycopy(src.keys, srcPos, dst.keys, dstPos, n);
        if (src instanceof Leaf srcLeaf) {
            System.arraycopy(srcLeaf.values, srcPos, ((Leaf) dst).values, dstPos, n);
        }
    }

    /** Copies one key with its prefix (no value: separators in inner nodes have none). */
    private static void copyKey(Node src, int srcPos, Node dst, int dstPos) {
        dst.keys[dstPos] = src.keys[srcPos];
        dst.prefixes[dstPos] = src.prefixes[srcPos];
    }

    /** Drops the references in {@code n} key (and value) slots from {@code from}, so that removed arrays can be collected. */
    private static void clearEntries(Node node, int from, int n) {
        Arrays.fill(node.keys, from, from + n, null);
        if (node instanceof Leaf leaf) {
            Arrays.fill(leaf.values, from, from + n, null);
        }
    }

    /** Keys with their prefixes in parallel sorted arrays, each one slot larger than the node may keep (a node overflows by one, then splits). */
    private abstract static class Node {
        final long[] prefixes;
        final byte[][] keys;
        int count;

        Node(int slots) {
            prefixes = new long[slots];
            keys = new byte[slots][];
        }
    }

    /** Up to {@code nodeCapacity} entries, linked to the neighbouring leaves. */
    private static final class Leaf extends Node {
        final byte[][] values;
        Leaf prev;
        Leaf next;

        Leaf(int nodeCapacity) {
            super(nodeCapacity + 1);
            values = new byte[nodeCapacity + 1][];
        }
    }

    /** Up to {@code nodeCapacity} children and one separator key fewer ({@code count} is the number of separators). */
    private static final class Inner extends Node {
        final Node[] children;

        Inner(int nodeCapacity) {
            super(nodeCapacity);
            children = new Node[nodeCapacity + 1];
        }
    }
}
