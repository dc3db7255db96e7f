package dev.ledgersim.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RaftConfigTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(1);

    /** FABRIC.md §7.3: TickInterval 500 ms, ElectionTick 10, HeartbeatTick 1, MaxInflightBlocks 5, SnapshotIntervalSize 16 MB; PreVote and CheckQuorum on. */
    @Test
    void defaultsAreFabricsEtcdraftSettings() {
        RaftConfig c = RaftConfig.defaults(2, Set.of(3L, 1L, 2L), RANDOM);

        assertEquals(2, c.id());
        assertEquals(10, c.electionTick());
        assertEquals(1, c.heartbeatTick());
        assertTrue(c.preVote());
        assertTrue(c.checkQuorum());
        assertEquals(5, c.maxInflightMessages());
        assertEquals(2L * 1024 * 1024, c.maxSizePerMessageBytes());
        assertEquals(64, c.maxEntriesPerMessage());
        assertSame(RANDOM, c.random());
        assertEquals(Duration.ofMillis(500), RaftConfig.FABRIC_TICK_INTERVAL);
        assertEquals(16L * 1024 * 1024, RaftConfig.FABRIC_SNAPSHOT_INTERVAL_SIZE_BYTES);
        assertEquals(List.of(1L, 2L, 3L), new ArrayList<>(c.peers()), "peers iterate in id order");
    }

    @Test
    void peersAreCopiedAndUnmodifiable() {
        Set<Long> peers = new TreeSet<>(Set.of(1L, 2L));
        RaftConfig c = RaftConfig.defaults(1, peers, RANDOM);
        peers.add(3L);

        assertEquals(Set.of(1L, 2L), c.peers());
        assertThrows(UnsupportedOperationException.class, () -> c.peers().add(4L));
    }

    @Test
    void withersChangeOneSettingAndKeepTheRest() {
        RaftConfig c = RaftConfig.defaults(1, Set.of(1L, 2L, 3L), RANDOM)
                .withPreVote(false).withCheckQuorum(false).withTicks(20, 2).withMaxInflightMessages(9).withMessageLimits(100, 3);

        assertFalse(c.preVote());
        assertFalse(c.checkQuorum());
        assertEquals(20, c.electionTick());
        assertEquals(2, c.heartbeatTick());
        assertEquals(9, c.maxInflightMessages());
        assertEquals(100, c.maxSizePerMessageBytes());
        assertEquals(3, c.maxEntriesPerMessage());
        assertEquals(Set.of(1L, 2L, 3L), c.peers());
        assertEquals(1, c.id());
    }

    static Stream<Arguments> invalidConfigs() {
        RaftConfig ok = RaftConfig.defaults(1, Set.of(1L, 2L, 3L), RANDOM);
        return Stream.of(
                Arguments.of((Supplier<RaftConfig>) () -> RaftConfig.defaults(0, Set.of(1L), RANDOM),
                        "id must be > 0 (0 means 'no node'), was 0"),
                Arguments.of((Supplier<RaftConfig>) () -> RaftConfig.defaults(1, Set.of(1L, -2L), RANDOM),
                        "node ids must be > 0, got -2"),
                Arguments.of((Supplier<RaftConfig>) () -> ok.withTicks(1, 1),
                        "electionTick (1) must be greater than heartbeatTick (1)"),
                Arguments.of((Supplier<RaftConfig>) () -> ok.withTicks(5, 10),
                        "electionTick (5) must be greater than heartbeatTick (10)"),
                Arguments.of((Supplier<RaftConfig>) () -> ok.withTicks(10, 0), "heartbeatTick must be >= 1, was 0"),
                Arguments.of((Supplier<RaftConfig>) () -> ok.withMaxInflightMessages(0), "maxInflightMessages must be >= 1, was 0"),
                Arguments.of((Supplier<RaftConfig>) () -> ok.withMessageLimits(0, 1), "maxSizePerMessageBytes must be >= 1, was 0"),
                Arguments.of((Supplier<RaftConfig>) () -> ok.withMessageLimits(1, 0), "maxEntriesPerMessage must be >= 1, was 0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidConfigs")
    void invalidValuesAreRejectedWithAClearMessage(Supplier<RaftConfig> config, String message) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, config::get);
        assertEquals(message, ex.getMessage());
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> RaftConfig.defaults(1, null, RANDOM));
        assertThrows(NullPointerException.class, () -> RaftConfig.defaults(1, Set.of(1L), null));
    }
}
