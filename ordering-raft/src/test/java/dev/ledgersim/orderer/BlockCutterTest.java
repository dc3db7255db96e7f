package dev.ledgersim.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BlockCutterTest {

    /** An envelope of {@code size} bytes as Fabric counts them (payload + 8-byte signature). */
    private static Envelope env(String name, int size) {
        byte[] payload = new byte[size - 8];
        byte[] tag = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(tag, 0, payload, 0, Math.min(tag.length, payload.length));
        return new Envelope(Bytes.wrap(payload), Bytes.wrap(new byte[8]));
    }

    private static final BatchConfig SMALL = new BatchConfig(3, 1000, 100, Duration.ofSeconds(2));

    /**
     * Table: envelopes (name:size) fed in order, and after each one the batches cut (names joined by
     * '+', batches by '|') and whether something is pending.
     */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("below every limit stays pending", List.of("a:20"), List.of("-/pending")),
                Arguments.of("MaxMessageCount cuts", List.of("a:20", "b:20", "c:20"), List.of("-/pending", "-/pending", "a+b+c/none")),
                Arguments.of("preferred size overflow cuts the pending batch first",
                        List.of("a:40", "b:40", "c:40"), List.of("-/pending", "-/pending", "a+b/pending")),
                Arguments.of("exactly preferred still fits", List.of("a:50", "b:50"), List.of("-/pending", "-/pending")),
                Arguments.of("oversized message: pending cut, then itself alone",
                        List.of("a:30", "big:150"), List.of("-/pending", "a|big/none")),
                Arguments.of("oversized message with nothing pending", List.of("big:101"), List.of("big/none")),
                Arguments.of("overflow cut then count cut in one call is impossible with count 3; overflow leaves pending",
                        List.of("a:60", "b:60", "c:60"), List.of("-/pending", "a/pending", "b/pending")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void cutsAsFabric(String name, List<String> inputs, List<String> expected) {
        BlockCutter cutter = new BlockCutter(SMALL);
        for (int i = 0; i < inputs.size(); i++) {
            String[] parts = inputs.get(i).split(":");
            BlockCutter.Ordered ordered = cutter.ordered(env(parts[0], Integer.parseInt(parts[1])));
            String batches = ordered.batches().isEmpty() ? "-" : String.join("|", ordered.batches().stream()
                    .map(b -> String.join("+", b.stream().map(e -> e.payload().toUtf8().replace("\0", "")).toList()))
                    .toList());
            assertEquals(expected.get(i), batches + "/" + (ordered.pending() ? "pending" : "none"), "after " + inputs.get(i));
        }
    }

    @Test
    void cutEmptiesThePendingBatchAndAnEmptyCutIsEmpty() {
        BlockCutter cutter = new BlockCutter(SMALL);
        assertTrue(cutter.cut().isEmpty());
        cutter.ordered(env("a", 20));
        cutter.ordered(env("b", 20));
        assertEquals(2, cutter.pendingCount());
        assertEquals(2, cutter.cut().size());
        assertFalse(cutter.hasPending());
        assertTrue(cutter.cut().isEmpty());
    }

    @Test
    void configIsValidatedAsFabricDoes() {
        assertThrows(IllegalArgumentException.class, () -> new BatchConfig(0, 10, 10, Duration.ofSeconds(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchConfig(10, 10, 11, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("must not exceed AbsoluteMaxBytes"));
        assertThrows(IllegalArgumentException.class, () -> new BatchConfig(10, 10, 10, Duration.ZERO));
        assertEquals(500, BatchConfig.defaults().maxMessageCount());
        assertEquals(2L * 1024 * 1024, BatchConfig.defaults().preferredMaxBytes());
        assertEquals(10, BatchConfig.testNetwork().maxMessageCount());
        assertEquals(512L * 1024, BatchConfig.testNetwork().preferredMaxBytes());
    }
}
