package dev.ledgersim.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankIsAlwaysAnObservedValue() {
        long[] sorted = {15, 20, 35, 40, 50};
        assertEquals(15, Percentiles.nearestRank(sorted, 0));
        assertEquals(15, Percentiles.nearestRank(sorted, 5));
        assertEquals(20, Percentiles.nearestRank(sorted, 30));
        assertEquals(20, Percentiles.nearestRank(sorted, 40));
        assertEquals(35, Percentiles.nearestRank(sorted, 50));
        assertEquals(50, Percentiles.nearestRank(sorted, 95));
        assertEquals(50, Percentiles.nearestRank(sorted, 100));
    }

    @Test
    void ninetyNinthOfAHundredIsTheNinetyNinthValue() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms, unsorted
        }
        Percentiles.Summary s = Percentiles.summarize(values);
        assertEquals(100, s.count());
        assertEquals(50.0, s.p50(), 1e-9);
        assertEquals(95.0, s.p95(), 1e-9);
        assertEquals(99.0, s.p99(), 1e-9);
        assertEquals(100.0, s.max(), 1e-9);
        assertEquals(50.5, s.mean(), 1e-9);
        assertEquals(100_000_000L, values[0], "the input is not sorted in place");
    }

    @Test
    void emptyAndInvalidInputs() {
        assertEquals(0, Percentiles.summarize(new long[0]).count());
        assertTrue(Double.isNaN(Percentiles.summarize(new long[0]).p50()));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(new long[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(new long[] {1}, 101));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(new long[] {1}, -1));
    }
}
