package dev.ledgersim.bench.experiment;

import java.util.Arrays;

/** A growable array of longs: a million latencies cost 8 MB, not 24. Not thread-safe. */
final class LongList {

    private long[] values = new long[1024];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
