package dev.ledgersim.network;

import dev.ledgersim.network.runtime.TraceEvent;
import dev.ledgersim.network.runtime.TraceRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What happened in a run, in order: every message sent (and whether it was dropped or duplicated),
 * delivered, every timer, crash, restart, fault, and every state change the nodes report (block cut,
 * block committed, leader elected), stamped with the runtime's time (virtual in the simulated runtime).
 * With the simulated runtime the same seed and workload give the same trace, byte for byte.
 *
 * <p>Memory is bounded: the most recent events are kept (one million by default) and older ones are
 * counted in {@link #discarded()}.
 *
 * <pre>{@code
 * sim.trace().writeJson(Path.of("target/trace.json"));
 * }</pre>
 */
public final class Trace {

    private final TraceRecorder recorder;

    private Trace(TraceRecorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /** The trace over a recorder (used by the {@code LedgerSim} builder). */
    public static Trace of(TraceRecorder recorder) {
        return new Trace(recorder);
    }

    /**
     * Writes the trace as JSON: {@code {"format":"ledgersim-trace/1","seed":..,"runtime":..,
     * "recorded":..,"discarded":..,"events":[{"seq","time","kind","node","peer","type","details"}, ...]}},
     * one event per line, detail keys sorted. Parent directories are created.
     *
     * @throws java.io.UncheckedIOException if writing fails
     */
    public void writeJson(Path path) {
        recorder.writeJson(path);
    }

    /** The events kept, oldest first: an unmodifiable snapshot. */
    public List<TraceEvent> events() {
        return recorder.events();
    }

    /** How many events are kept. */
    public int size() {
        return recorder.size();
    }

    /** How many old events were discarded to bound memory. */
    public long discarded() {
        return recorder.discarded();
    }

    /** Whether the trace is recording (it can be disabled for throughput runs). */
    public boolean isEnabled() {
        return recorder.isEnabled();
    }
}
