package dev.ledgersim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A trace written by {@code sim.trace().writeJson(path)} ({@code ledgersim-trace/1}): the run's seed and
 * runtime, and its events in order.
 *
 * @param file where it was read from
 * @param seed the run's seed
 * @param runtime {@code simulated} or {@code concurrent}
 * @param recorded events recorded in the run
 * @param discarded old events the recorder dropped to bound memory
 * @param events the events kept
 */
record TraceFile(Path file, long seed, String runtime, long recorded, long discarded, List<TraceFile.Event> events) {

    /** The format this reader understands. */
    static final String FORMAT = "ledgersim-trace/1";

    /**
     * One event.
     *
     * @param seq its sequence number in the run
     * @param time when it happened (the runtime's time)
     * @param kind START, SEND, DELIVER, DISCARD, TIMER, CALL, CRASH, RESTART, FAULT, STATE or FAILURE
     * @param node where it happened (sender of a SEND, receiver of a DELIVER), or null
     * @param peer the other end of a message, or null
     * @param type the message class, timer key class, state change or fault name, or null
     * @param details further facts
     */
    record Event(long seq, Instant time, String kind, String node, String peer, String type, JsonNode details) {
        /** The message id of a SEND or DELIVER, or -1. */
        long messageId() {
            return details.path("id").asLong(-1);
        }
    }

    /**
     * Reads a trace file.
     *
     * @throws UsageException if the file is missing, is not JSON, or is not a LedgerSim trace
     */
    static TraceFile read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UsageException("no such trace file: " + file);
        } catch (JsonProcessingException e) {
            throw new UsageException(file + " is not a JSON trace: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new UsageException(file + " is not a LedgerSim trace (expected \"format\": \"" + FORMAT
                    + "\", as sim.trace().writeJson(path) writes)");
        }
        List<Event> events = new ArrayList<>();
        for (JsonNode e : root.path("events")) {
            try {
                events.add(new Event(e.path("seq").asLong(), Instant.parse(e.path("time").asText()), e.path("kind").asText(),
                        text(e, "node"), text(e, "peer"), text(e, "type"), e.path("details")));
            } catch (DateTimeParseException ex) {
                throw new UsageException(file + ": event " + e.path("seq").asText() + " has a bad time: " + ex.getMessage());
            }
        }
        return new TraceFile(file, root.path("seed").asLong(), root.path("runtime").asText("?"), root.path("recorded").asLong(),
                root.path("discarded").asLong(), List.copyOf(events));
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The nodes that appear, as actors or message ends, sorted. */
    List<String> nodes() {
        TreeSet<String> nodes = new TreeSet<>();
        for (Event e : events) {
            if (e.node() != null) {
                nodes.add(e.node());
            }
            if (e.peer() != null) {
                nodes.add(e.peer());
            }
        }
        return List.copyOf(nodes);
    }

    /** How many events of each kind, in order of first appearance. */
    Map<String, Integer> kindCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Event e : events) {
            counts.merge(e.kind(), 1, Integer::sum);
        }
        return counts;
    }

    /** The time of the first event, or the epoch for an empty trace. */
    Instant start() {
        return events.isEmpty() ? Instant.EPOCH : events.get(0).time();
    }

    /** Milliseconds from the first event to {@code t}. */
    double offsetMillis(Instant t) {
        return Duration.between(start(), t).toNanos() / 1e6;
    }
}
