package dev.ledgersim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledgersim.ledger.TxValidationCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Polling the metrics' recent transactions without copying the whole window. */
class MetricsTest {

    private static Metrics.TransactionTiming timing(int i) {
        return new Metrics.TransactionTiming("tx" + i, "ch", Instant.EPOCH.plusSeconds(i), Duration.ofMillis(1),
                Duration.ofMillis(2), Duration.ofMillis(3), Duration.ofMillis(4), TxValidationCode.VALID);
    }

    @Test
    void transactionsAfterGivesExactlyTheNewOnesOldestFirst() {
        Metrics metrics = new Metrics();
        assertEquals(List.of(), metrics.transactionsAfter(0));
        for (int i = 0; i < 5; i++) {
            metrics.recordTransaction(timing(i));
        }
        assertEquals(5, metrics.recordedTransactions());
        assertEquals(List.of("tx3", "tx4"), metrics.transactionsAfter(3).stream().map(Metrics.TransactionTiming::txId).toList());
        assertEquals(5, metrics.transactionsAfter(0).size());
        assertEquals(List.of(), metrics.transactionsAfter(5));
        assertEquals(List.of(), metrics.transactionsAfter(9), "asking past the end gives nothing");
    }

    @Test
    void aReaderThatFellBehindTheWindowGetsWhatIsStillKept() {
        Metrics metrics = new Metrics();
        for (int i = 0; i < Metrics.RECENT + 10; i++) {
            metrics.recordTransaction(timing(i));
        }
        List<Metrics.TransactionTiming> after = metrics.transactionsAfter(0);
        assertEquals(Metrics.RECENT, after.size());
        assertEquals("tx10", after.get(0).txId());
        assertEquals("tx" + (Metrics.RECENT + 9), after.get(after.size() - 1).txId());
    }
}
