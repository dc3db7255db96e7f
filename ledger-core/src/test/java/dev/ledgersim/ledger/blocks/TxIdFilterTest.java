package dev.ledgersim.ledger.blocks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The in-memory filter in front of the txid index: never a false "absent", rarely a false "maybe". */
class TxIdFilterTest {

    @Test
    void everyAddedTxidIsAMaybeAndFewOthersAre() {
        TxIdFilter filter = new TxIdFilter();
        for (int i = 0; i < 10_000; i++) {
            filter.add("stored-" + i);
        }
        for (int i = 0; i < 10_000; i++) {
            assertTrue(filter.mightContain("stored-" + i), "stored-" + i);
        }
        int falseMaybes = 0;
        for (int i = 0; i < 10_000; i++) {
            falseMaybes += filter.mightContain("new-" + i) ? 1 : 0;
        }
        assertTrue(falseMaybes < 100, falseMaybes + " of 10,000 new txids were a maybe (expected well under 1 %)");
    }

    @Test
    void aFullFilterStartsAnotherAndForgetsNothing() {
        TxIdFilter filter = new TxIdFilter();
        int total = TxIdFilter.PER_FILTER + 1_000;
        for (int i = 0; i < total; i++) {
            filter.add("tx" + i);
        }
        assertTrue(filter.mightContain("tx0"), "from the first filter");
        assertTrue(filter.mightContain("tx" + (total - 1)), "from the second filter");
        for (int i = TxIdFilter.PER_FILTER - 10; i < total; i += 97) {
            assertTrue(filter.mightContain("tx" + i), "tx" + i);
        }
        assertFalse(filter.mightContain("never stored") && filter.mightContain("never stored either")
                && filter.mightContain("nor this one"), "three unrelated txids are not all false positives");
    }
}
