/**
 * The experiment runner: an {@link dev.ledgersim.bench.experiment.ExperimentSpec} (a named preset or a
 * JSON file) describes a network, a workload, a load model, a warm-up, a duration and optionally a sweep
 * over one parameter; {@link dev.ledgersim.bench.experiment.ExperimentRunner} runs each point on a fresh
 * network and {@link dev.ledgersim.bench.experiment.ResultWriter} writes the results (CSV, JSON), the
 * environment and the plots (PNG and SVG) into a directory.
 */
package dev.ledgersim.bench.experiment;
