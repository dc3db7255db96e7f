package dev.ledgersim.bench.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an experiment: each point of the sweep on a fresh network built from the seed, its load driven by
 * the {@link LoadDriver}, then writes everything with
 * {@link ResultWriter} (after every point, so an interrupted sweep keeps what it measured).
 *
 * <pre>{@code
 * ExperimentResult result = new ExperimentRunner(ProgressListener.none())
 *         .run(ExperimentSpec.preset("quick"), Path.of("target/experiments/quick"));
 * }</pre>
 */
public final class ExperimentRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

    private final ProgressListener progress;

    /** A runner reporting to {@code progress}. */
    public ExperimentRunner(ProgressListener progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Runs every point of {@code spec} and writes the results into {@code outDir}.
     *
     * @throws ExperimentException if the experiment is invalid or a point fails
     */
    public ExperimentResult run(ExperimentSpec spec, Path outDir) {
        spec.validate();
        Environment environment = Environment.capture(spec.seed());
        List<ExperimentSpec.Point> points = spec.points();
        String parameter = spec.sweep() == null ? "" : spec.sweep().parameter();
        List<PointResult> results = new ArrayList<>();
        ResultWriter writer = new ResultWriter(outDir);
        for (int i = 0; i < points.size(); i++) {
            ExperimentSpec.Point point = points.get(i);
            progress.pointStarted(i, points.size(), point.label());
            LOG.info("experiment {}: point {}/{} {}{}", spec.name(), i + 1, points.size(),
                    parameter.isEmpty() ? "" : parameter + "=", point.label());
            PointResult result = runPoint(point.spec(), i, parameter, point.label(),
                    point.spec().network().trace() ? outDir.resolve("trace-" + i + ".json") : null);
            results.add(result);
            progress.pointFinished(result);
            writer.write(new ExperimentResult(spec, environment, results));
        }
        return new ExperimentResult(spec, environment, results);
    }

    /** Runs one point on its own network. */
    PointResult runPoint(ExperimentSpec spec, int index, String parameter, String value, Path traceFile) {
        try (PointRun run = new PointRun(spec, traceFile)) {
            Duration interval = spec.load().model().equals("fixed-rate")
                    ? Duration.ofNanos(Math.max(1, Math.round(1e9 / spec.load().rate()))) : null;
            Schedule schedule = new Schedule(spec.warmup(), spec.duration(), run.sim.now(), interval);
            Measurement measurement = new Measurement(run, schedule, progress);
            new LoadDriver(run, measurement).run();
            return measurement.result(index, parameter, value);
        } catch (ExperimentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExperimentException("point " + (parameter.isEmpty() ? value : parameter + "=" + value) + " failed: " + e, e);
        }
    }
}
