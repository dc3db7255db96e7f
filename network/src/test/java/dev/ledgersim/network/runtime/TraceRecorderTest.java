package dev.ledgersim.network.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgersim.network.Trace;
import dev.ledgersim.network.runtime.TestNodes.LambdaNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceRecorderTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    enum Color { RED }

    @Test
    void keepsTheNewestEventsUpToItsCapacityAndCountsTheRest() {
        TraceRecorder r = new TraceRecorder(1, "simulated", 3, true);
        for (int i = 0; i < 5; i++) {
            r.record(T0.plusSeconds(i), TraceEvent.Kind.STATE, "n", null, "e" + i, Map.of());
        }
        assertEquals(3, r.size());
        assertEquals(2, r.discarded());
        assertEquals(5, r.recorded());
        assertEquals(List.of(2L, 3L, 4L), r.events().stream().map(TraceEvent::sequence).toList());
        assertEquals("e4", r.events().get(2).type());
    }

    @Test
    void recordsNothingWhenDisabled() {
        TraceRecorder r = new TraceRecorder(1, "simulated", 10, false);
        r.record(T0, TraceEvent.Kind.STATE, "n", null, "e", Map.of());
        assertEquals(0, r.size());
        r.setEnabled(true);
        r.record(T0, TraceEvent.Kind.STATE, "n", null, "e", Map.of());
        assertEquals(1, r.size());

        try (SimulatedEngine sim = new SimulatedEngine(EngineConfig.defaults().withTraceEnabled(false))) {
            sim.register("a", () -> new LambdaNode(n -> n.ctx.send("a", "x"), null, null));
            sim.runUntilIdle();
            assertEquals(0, sim.trace().size());
            assertFalse(Trace.of(sim.trace()).isEnabled());
        }
    }

    @Test
    void detailsAreCopiedSortedAndPlain() {
        TraceRecorder r = new TraceRecorder(1, "simulated", 10, true);
        Map<String, Object> details = new HashMap<>();
        details.put("zeta", 1);
        details.put("alpha", new byte[] {1, 2, (byte) 0xff});
        details.put("color", Color.RED);
        details.put("timeout", Duration.ofSeconds(2));
        details.put("list", List.of(1, "two"));
        details.put("nan", Double.NaN);
        r.record(T0, TraceEvent.Kind.STATE, "n", null, "e", details);
        details.put("late", "not seen");
        Map<String, Object> kept = r.events().get(0).details();
        assertEquals(List.of("alpha", "color", "list", "nan", "timeout", "zeta"), List.copyOf(kept.keySet()));
        assertEquals("0102ff", kept.get("alpha"));
        assertEquals("RED", kept.get("color"));
        assertEquals("PT2S", kept.get("timeout"));
        assertEquals(1L, kept.get("zeta"));
        assertEquals(List.of(1L, "two"), kept.get("list"));
        assertEquals("NaN", kept.get("nan"));
    }

    @Test
    void writesParseableDeterministicJson(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/trace.json");
        byte[] first;
        try (SimulatedEngine sim = new SimulatedEngine(EngineConfig.defaults().withSeed(12))) {
            sim.register("b", () -> new LambdaNode(null, (n, m) -> n.ctx.record("block cut",
                    Map.of("number", 3L, "txs", List.of("t1", "t2"))), null));
            sim.register("a", () -> new LambdaNode(n -> {
                n.ctx.send("b", new byte[] {9, 9});
                n.ctx.schedule(Duration.ofMillis(5), "batch");
            }, null, null));
            sim.runUntilIdle();
            Trace trace = Trace.of(sim.trace());
            trace.writeJson(file);
            first = Files.readAllBytes(file);
            trace.writeJson(file);
            assertEquals(new String(first, java.nio.charset.StandardCharsets.UTF_8),
                    Files.readString(file), "writing twice gives the same bytes");
            assertEquals(sim.trace().size(), trace.size());
        }
        JsonNode root = new ObjectMapper().readTree(first);
        assertEquals(TraceRecorder.FORMAT, root.get("format").asText());
        assertEquals(12, root.get("seed").asLong());
        assertEquals("simulated", root.get("runtime").asText());
        JsonNode events = root.get("events");
        assertEquals(root.get("recorded").asLong(), events.size());
        // START b, START a, SEND a->b, DELIVER, STATE, TIMER
        assertEquals(List.of("START", "START", "SEND", "DELIVER", "STATE", "TIMER"),
                List.of(events.get(0).get("kind").asText(), events.get(1).get("kind").asText(),
                        events.get(2).get("kind").asText(), events.get(3).get("kind").asText(),
                        events.get(4).get("kind").asText(), events.get(5).get("kind").asText()));
        JsonNode send = events.get(2);
        assertEquals("a", send.get("node").asText());
        assertEquals("b", send.get("peer").asText());
        assertEquals("byte[]", send.get("type").asText());
        assertEquals(2, send.get("details").get("size").asLong());
        assertEquals(1_000_000L, send.get("details").get("delaysNanos").get(0).asLong());
        JsonNode state = events.get(4);
        assertEquals("block cut", state.get("type").asText());
        assertEquals("2025-01-01T00:00:00.001Z", state.get("time").asText());
        assertEquals(3, state.get("details").get("number").asLong());
        assertEquals("t2", state.get("details").get("txs").get(1).asText());
        JsonNode timer = events.get(5);
        assertEquals("batch", timer.get("details").get("key").asText());
        assertFalse(timer.get("details").get("background").asBoolean());
        assertTrue(timer.get("peer") == null, "null fields are omitted");
    }
}
