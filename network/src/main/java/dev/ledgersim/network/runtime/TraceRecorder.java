package dev.ledgersim.network.runtime;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The trace of one run: every message send (with its fate), delivery, timer, call, crash, restart,
 * fault and node state change, in the order the engine processed them, stamped with the engine's time.
 * In the simulated engine the same seed and the same calls give the same trace, and
 * {@link #writeJson(Path)} the same bytes.
 *
 * <p><b>Bounded memory.</b> At most {@code capacity} events are kept: beyond it the <em>oldest</em> are
 * discarded (the end of a run is what explains a failure) and counted in {@link #discarded()}; sequence
 * numbers keep counting, so the first kept event's {@link TraceEvent#sequence()} tells how many went.
 *
 * <p>Thread-safe: events are numbered and appended under one lock, so in the concurrent engine the
 * trace order is a valid interleaving. When disabled ({@link #setEnabled(boolean)}) recording costs one
 * volatile read.
 */
public final class TraceRecorder {

    /** Default capacity: 1,000,000 events. */
    public static final int DEFAULT_CAPACITY = 1_000_000;

    /** The {@code format} field of the JSON output. */
    public static final String FORMAT = "ledgersim-trace/1";

    private static final int MAX_BYTES_SHOWN = 64;

    private final long seed;
    private final String runtime;
    private final int capacity;
    private volatile boolean enabled;
    private final ArrayDeque<TraceEvent> events = new ArrayDeque<>();
    private long nextSequence;
    private long discarded;

    /**
     * Creates a recorder.
     *
     * @param seed the run's seed (written to the JSON)
     * @param runtime {@code "simulated"} or {@code "concurrent"} (written to the JSON)
     * @param capacity the most events kept
     * @param enabled whether it records
     */
    public TraceRecorder(long seed, String runtime, int capacity, boolean enabled) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.seed = seed;
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.capacity = capacity;
        this.enabled = enabled;
    }

    /** Whether events are recorded. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Turns recording on or off (events already recorded stay). */
    public void setEnabled(boolean on) {
        this.enabled = on;
    }

    /** The most events kept. */
    public int capacity() {
        return capacity;
    }

    /**
     * Records one event (a no-op when disabled). {@code details} are sanitized (see
     * {@link NodeContext#record}) and copied with sorted keys. Engines call this; API code may too, e.g.
     * to mark a workload phase.
     */
    public void record(Instant time, TraceEvent.Kind kind, String node, String peer, String type,
            Map<String, ?> details) {
        if (!enabled) {
            return;
        }
        Map<String, Object> clean = sanitizeMap(details == null ? Map.of() : details);
        synchronized (this) {
            events.addLast(new TraceEvent(nextSequence++, time, kind, node, peer, type, clean));
            if (events.size() > capacity) {
                events.removeFirst();
                discarded++;
            }
        }
    }

    /** The events kept, oldest first; an unmodifiable snapshot. */
    public synchronized List<TraceEvent> events() {
        return Collections.unmodifiableList(new ArrayList<>(events));
    }

    /** How many events are kept. */
    public synchronized int size() {
        return events.size();
    }

    /** How many events were recorded in all (kept or discarded). */
    public synchronized long recorded() {
        return nextSequence;
    }

    /** How many of the oldest events were discarded to respect the capacity. */
    public synchronized long discarded() {
        return discarded;
    }

    /** Forgets every event kept (sequence numbers continue). */
    public synchronized void clear() {
        discarded += events.size();
        events.clear();
    }

    /**
     * Writes the trace as JSON (UTF-8), one event per line:
     * <pre>{@code
     * {"format":"ledgersim-trace/1","seed":42,"runtime":"simulated","recorded":1234,"discarded":0,"events":[
     * {"seq":0,"time":"2025-01-01T00:00:00Z","kind":"START","node":"peer0.org1msp","details":{}},
     * {"seq":1,"time":"2025-01-01T00:00:00Z","kind":"SEND","node":"a","peer":"b","type":"Ping","details":{"id":0,"outcome":"sent"}}
     * ]}
     * }</pre>
     * Null fields are omitted; detail keys are sorted. The output depends only on the events, so equal
     * traces give equal bytes. Parent directories are created.
     *
     * @throws UncheckedIOException if writing fails
     */
    public void writeJson(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(path)) {
                writeJson(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace to " + path, e);
        }
    }

    /** Writes the JSON of {@link #writeJson(Path)} to a stream (left open). */
    public void writeJson(OutputStream out) throws IOException {
        List<TraceEvent> snapshot;
        long recordedCount;
        long discardedCount;
        synchronized (this) {
            snapshot = new ArrayList<>(events);
            recordedCount = nextSequence;
            discardedCount = discarded;
        }
        JsonFactory factory = new JsonFactory();
        factory.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("seed", seed);
            g.writeStringField("runtime", runtime);
            g.writeNumberField("recorded", recordedCount);
            g.writeNumberField("discarded", discardedCount);
            g.writeFieldName("events");
            g.writeStartArray();
            for (TraceEvent e : snapshot) {
                g.writeRaw('\n');
                g.writeStartObject();
                g.writeNumberField("seq", e.sequence());
                g.writeStringField("time", e.time().toString());
                g.writeStringField("kind", e.kind().name());
                if (e.node() != null) {
                    g.writeStringField("node", e.node());
                }
                if (e.peer() != null) {
                    g.writeStringField("peer", e.peer());
                }
                if (e.type() != null) {
                    g.writeStringField("type", e.type());
                }
                g.writeFieldName("details");
                writeValue(g, e.details());
                g.writeEndObject();
            }
            g.writeRaw('\n');
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> en : m.entrySet()) {
                g.writeFieldName(String.valueOf(en.getKey()));
                writeValue(g, en.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    /** Sanitized copy of a details map: sorted keys, plain values. */
    static Map<String, Object> sanitizeMap(Map<?, ?> details) {
        if (details.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, Object> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : details.entrySet()) {
            out.put(String.valueOf(e.getKey()), sanitize(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * A plain, immutable, deterministic rendering of {@code v}: null, String, Boolean, Long, Double
     * (finite; else its text), BigInteger, BigDecimal, List, sorted Map, or else its text; byte arrays as
     * hex (at most 64 bytes shown).
     */
    static Object sanitize(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof BigInteger
                || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? (Object) d : Double.toString(d);
        }
        if (v instanceof Character || v instanceof Duration || v instanceof Instant) {
            return v.toString();
        }
        if (v instanceof Enum<?> en) {
            return en.name();
        }
        if (v instanceof byte[] bytes) {
            return hex(bytes);
        }
        if (v instanceof Map<?, ?> m) {
            return sanitizeMap(m);
        }
        if (v instanceof Collection<?> c) {
            List<Object> l = new ArrayList<>(c.size());
            for (Object o : c) {
                l.add(sanitize(o));
            }
            return Collections.unmodifiableList(l);
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            List<Object> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                l.add(sanitize(Array.get(v, i)));
            }
            return Collections.unmodifiableList(l);
        }
        return String.valueOf(v);
    }

    private static String hex(byte[] bytes) {
        if (bytes.length <= MAX_BYTES_SHOWN) {
            return HexFormat.of().formatHex(bytes);
        }
        return HexFormat.of().formatHex(bytes, 0, MAX_BYTES_SHOWN) + "...(" + bytes.length + " bytes)";
    }
}
