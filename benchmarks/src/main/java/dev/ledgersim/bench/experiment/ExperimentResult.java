package dev.ledgersim.bench.experiment;

import java.util.List;

/**
 * An experiment and what each of its points measured.
 *
 * @param experiment the experiment as run
 * @param environment where it ran
 * @param points the results, in sweep order
 */
public record ExperimentResult(ExperimentSpec experiment, Environment environment, List<PointResult> points) {
    /** Copies. */
    public ExperimentResult {
        points = List.copyOf(points);
    }
}
