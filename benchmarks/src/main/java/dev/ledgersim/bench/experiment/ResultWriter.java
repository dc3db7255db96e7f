package dev.ledgersim.bench.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgersim.bench.plot.LineChart;
import dev.ledgersim.bench.plot.Plots;
import dev.ledgersim.bench.plot.Point;
import dev.ledgersim.bench.plot.StackedBarChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Writes an experiment's results into a directory:
 * <ul>
 *   <li>{@code results.csv} — one row per point (columns: see {@link #CSV_HEADER});</li>
 *   <li>{@code results.json} — {@code {"experiment": .., "environment": .., "points": [..]}};</li>
 *   <li>{@code environment.json} — JDK, OS, CPU, cores, git commit, seed;</li>
 *   <li>{@code throughput}, {@code latency} and {@code stages} as {@code .png} and {@code .svg}:
 *       throughput against the swept parameter, total latency percentiles, and the mean time per stage.</li>
 * </ul>
 */
public final class ResultWriter {

    /** The files written, besides the plots. */
    public static final List<String> FILES = List.of("results.csv", "results.json", "environment.json");
    /** The plots written, each as {@code .png} and {@code .svg}. */
    public static final List<String> PLOTS = List.of("throughput", "latency", "stages");

    /** The CSV header. */
    public static final String CSV_HEADER;

    static {
        List<String> columns = new ArrayList<>(List.of("point", "parameter", "value", "submitted", "committed", "valid",
                "endorse_failed", "submit_failed", "status_failed", "conflict_rate", "tps", "valid_tps", "wall_tps",
                "runtime_s", "wall_s", "blocks", "mean_block_size"));
        for (String stage : StageTimings.STAGES) {
            for (String stat : List.of("mean", "p50", "p95", "p99", "max")) {
                columns.add(stage + "_" + stat + "_ms");
            }
        }
        columns.addAll(List.of("timed", "cpu_s", "cpu_us_per_tx", "heap_used_mb", "heap_peak_mb", "heap_after_gc_peak_mb", "validation_codes"));
        CSV_HEADER = String.join(",", columns);
    }

    private final Path dir;

    /** A writer into {@code dir} (created when needed). */
    public ResultWriter(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes every file; returns their paths.
     *
     * @throws UncheckedIOException if a file cannot be written
     */
    public List<Path> write(ExperimentResult result) {
        try {
            Files.createDirectories(dir);
            List<Path> out = new ArrayList<>();
            out.add(Files.writeString(dir.resolve("results.csv"), csv(result), StandardCharsets.UTF_8));
            ObjectNode json = ExperimentSpec.MAPPER.createObjectNode();
            json.set("experiment", ExperimentSpec.MAPPER.valueToTree(result.experiment()));
            json.set("environment", ExperimentSpec.MAPPER.valueToTree(result.environment()));
            json.set("points", ExperimentSpec.MAPPER.valueToTree(result.points()));
            out.add(Files.writeString(dir.resolve("results.json"), ExperimentSpec.MAPPER.writeValueAsString(json) + "\n",
                    StandardCharsets.UTF_8));
            out.add(Files.writeString(dir.resolve("environment.json"),
                    ExperimentSpec.MAPPER.writeValueAsString(result.environment()) + "\n", StandardCharsets.UTF_8));
            out.addAll(Plots.write(throughputChart(result), dir, "throughput"));
            out.addAll(Plots.write(latencyChart(result), dir, "latency"));
            out.addAll(Plots.write(stagesChart(result), dir, "stages"));
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode results as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir, e);
        }
    }

    /** The CSV text: a header and one row per point. */
    public static String csv(ExperimentResult result) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (PointResult p : result.points()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(p.index()), p.parameter(), p.value(),
                    Long.toString(p.submitted()), Long.toString(p.committed()), Long.toString(p.valid()),
                    Long.toString(p.endorseFailed()), Long.toString(p.submitFailed()), Long.toString(p.statusFailed()),
                    num(p.conflictRate()), num(p.tps()), num(p.validTps()), num(p.wallTps()), num(p.runtimeSeconds()),
                    num(p.wallSeconds()), Long.toString(p.blocks()), num(p.meanBlockSize())));
            for (String stage : StageTimings.STAGES) {
                Percentiles.Summary s = p.latency(stage);
                row.addAll(List.of(num(s.mean()), num(s.p50()), num(s.p95()), num(s.p99()), num(s.max())));
            }
            row.addAll(List.of(Long.toString(p.timedTransactions()), num(p.cpuSeconds()), num(p.cpuMicrosPerTx()),
                    num(p.heapUsedMb()), num(p.heapPeakMb()), num(p.heapAfterGcPeakMb()),
                    p.validationCodes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(";"))));
            sb.append(row.stream().map(ResultWriter::cell).collect(Collectors.joining(","))).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
    }

    /** A CSV cell, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    static String cell(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String xLabel(ExperimentResult r) {
        return r.experiment().sweep() == null ? "experiment" : r.experiment().sweep().parameter();
    }

    private static String clock(ExperimentResult r) {
        boolean simulated = r.experiment().points().stream().allMatch(p -> p.spec().network().runtime().equals("simulated"));
        boolean concurrent = r.experiment().points().stream().allMatch(p -> p.spec().network().runtime().equals("concurrent"));
        return simulated ? "simulated time" : concurrent ? "wall time" : "runtime's time";
    }

    /** The x positions: numeric sweep values, or category indices. */
    private static boolean numeric(ExperimentResult r) {
        return r.experiment().sweep() != null && r.experiment().sweep().values().stream().allMatch(v -> v.isNumber());
    }

    private static LineChart.Builder lines(ExperimentResult r, String title, String yLabel) {
        LineChart.Builder b = LineChart.builder(r.experiment().name() + ": " + title, xLabel(r), yLabel);
        if (!numeric(r)) {
            b.categories(r.points().stream().map(PointResult::value).toList());
        }
        return b;
    }

    private static List<Point> series(ExperimentResult r, ToDoubleFunction<PointResult> y) {
        boolean numeric = numeric(r);
        List<Point> out = new ArrayList<>();
        for (PointResult p : r.points()) {
            double x = numeric ? r.experiment().sweep().values().get(p.index()).asDouble() : p.index();
            out.add(new Point(x, y.applyAsDouble(p)));
        }
        return out;
    }

    static LineChart throughputChart(ExperimentResult r) {
        return lines(r, "throughput", "tx/s (" + clock(r) + ")")
                .series("committed", series(r, PointResult::tps))
                .series("valid", series(r, PointResult::validTps))
                .build();
    }

    static LineChart latencyChart(ExperimentResult r) {
        return lines(r, "latency, proposal to commit", "ms (" + clock(r) + ")")
                .series("p50", series(r, p -> p.latency("total").p50()))
                .series("p95", series(r, p -> p.latency("total").p95()))
                .series("p99", series(r, p -> p.latency("total").p99()))
                .build();
    }

    static StackedBarChart stagesChart(ExperimentResult r) {
        List<String> stages = StageTimings.pipelineStages();
        List<List<Double>> values = new ArrayList<>();
        for (PointResult p : r.points()) {
            List<Double> row = new ArrayList<>();
            for (String s : stages) {
                double mean = p.latency(s).mean();
                row.add(Double.isFinite(mean) ? Math.max(0, mean) : 0.0);
            }
            values.add(row);
        }
        return new StackedBarChart(r.experiment().name() + ": mean time per stage", xLabel(r), "ms (" + clock(r) + ")",
                r.points().stream().map(PointResult::value).toList(), stages, values);
    }
}
