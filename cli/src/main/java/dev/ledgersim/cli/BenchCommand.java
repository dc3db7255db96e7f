package dev.ledgersim.cli;

import dev.ledgersim.bench.experiment.ExperimentException;
import dev.ledgersim.bench.experiment.ExperimentResult;
import dev.ledgersim.bench.experiment.ExperimentRunner;
import dev.ledgersim.bench.experiment.ExperimentSpec;
import dev.ledgersim.bench.experiment.Percentiles;
import dev.ledgersim.bench.experiment.PointResult;
import dev.ledgersim.bench.experiment.ProgressBar;
import dev.ledgersim.bench.experiment.ResultWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ledgersim bench}: runs an experiment — a preset or a JSON file — with a progress bar on standard
 * error, and writes its results, environment and plots into a directory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs an experiment (a preset or a JSON file: network, workload, load, warm-up, duration, sweep) and "
                + "writes results CSV/JSON, the environment and PNG/SVG plots.",
        footer = {"", "Presets: quick, batch-size, contention, load, rate, orgs, policy, storage, private, smallbank, "
                + "healthcare, e2e-memory, e2e-rocksdb, ecdsa-concurrent, million-rocksdb. 'ledgersim bench --list' describes them; "
                + "'--preset NAME --show' prints one as JSON to start a file from."})
final class BenchCommand implements Callable<Integer> {

    /** Which experiment: exactly one of these, or --list. */
    static final class Which {
        @Option(names = "--quick", description = "the smoke run: a small batch-size sweep, simulated crypto, in memory "
                + "(under a minute)")
        boolean quick;

        @Option(names = "--preset", paramLabel = "NAME", description = "a named experiment (see --list)")
        String preset;

        @Option(names = "--file", paramLabel = "FILE", description = "an experiment described in JSON")
        Path file;

        @Option(names = "--list", description = "list the presets and exit")
        boolean list;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Which which;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the results (default: target/experiments/<name>)")
    private Path out;

    @Option(names = "--show", description = "print the experiment as JSON, with every default filled in, and exit")
    private boolean show;

    @Option(names = "--seed", paramLabel = "N", converter = Converters.WholeNumber.class,
            description = "override the experiment's seed")
    private Long seed;

    private final PrintStream stdout;
    private final PrintStream stderr;

    BenchCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        if (which != null && which.list) {
            for (String name : ExperimentSpec.PRESETS) {
                stdout.printf("  %-18s %s%n", name, ExperimentSpec.preset(name).description());
            }
            return 0;
        }
        ExperimentSpec spec = load();
        if (show) {
            stdout.println(spec.toJson());
            return 0;
        }
        Path dir = out != null ? out : Path.of("target", "experiments", spec.name());
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--out " + dir + " is a file, not a directory");
        }
        stdout.println("Experiment " + spec.name() + ": " + spec.description());
        stdout.println("  " + spec.workload().create().describe() + "; " + spec.load().model() + ", " + spec.load().clients()
                + " clients x " + spec.load().outstanding() + " in flight" + (spec.load().model().equals("fixed-rate")
                ? ", " + spec.load().rate() + " tx/s" : "") + "; warm-up " + spec.warmup() + ", measured " + spec.duration()
                + "; " + spec.network().runtime() + " runtime, " + spec.network().crypto() + " crypto (" + spec.network().verification() + " verification), " + spec.network().storage()
                + " storage; seed " + spec.seed());
        ProgressBar bar = new ProgressBar(stderr, spec.sweep() == null ? "" : spec.sweep().parameter(), System.console() != null);
        long started = System.nanoTime();
        ExperimentResult result;
        try {
            result = new ExperimentRunner(bar).run(spec, dir);
        } catch (ExperimentException e) {
            throw new IllegalStateException("experiment " + spec.name() + " failed: " + e.getMessage(), e);
        }
        printTable(result);
        stdout.printf(Locale.ROOT, "%nWrote %s and %s (.png, .svg) to %s in %.1f s%n", String.join(", ", ResultWriter.FILES),
                String.join(", ", ResultWriter.PLOTS), dir, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private ExperimentSpec load() {
        ExperimentSpec spec;
        try {
            if (which == null) {
                throw new UsageException("give --quick, --preset NAME or --file FILE (presets: "
                        + String.join(", ", ExperimentSpec.PRESETS) + ")");
            } else if (which.quick) {
                spec = ExperimentSpec.preset("quick");
            } else if (which.preset != null) {
                spec = ExperimentSpec.preset(which.preset);
            } else {
                spec = ExperimentSpec.fromFile(which.file);
            }
        } catch (ExperimentException e) {
            throw new UsageException(e.getMessage());
        }
        if (seed != null) {
            spec = new ExperimentSpec(spec.name(), spec.description(), seed, spec.network(), spec.workload(), spec.load(),
                    spec.warmup(), spec.duration(), spec.sweep());
        }
        return spec;
    }

    private void printTable(ExperimentResult result) {
        String parameter = result.experiment().sweep() == null ? "experiment" : result.experiment().sweep().parameter();
        stdout.println();
        stdout.printf(Locale.ROOT, "%-22s %10s %10s %10s %9s %9s %9s %9s %8s %8s%n", Text.cut(parameter, 22), "tx/s", "valid/s",
                "wall tx/s", "p50 ms", "p95 ms", "p99 ms", "endorse", "conflict", "failed");
        for (PointResult p : result.points()) {
            Percentiles.Summary total = p.latency("total");
            stdout.printf(Locale.ROOT, "%-22s %10.1f %10.1f %10.0f %9.1f %9.1f %9.1f %9.2f %7.2f%% %8d%n", Text.cut(p.value(), 22),
                    p.tps(), p.validTps(), p.wallTps(), total.p50(), total.p95(), total.p99(), p.latency("endorse").mean(),
                    p.conflictRate() * 100, p.endorseFailed() + p.submitFailed() + p.statusFailed());
        }
        stdout.println("(tx/s and latencies in " + (result.experiment().network().runtime().equals("simulated")
                ? "simulated time; wall tx/s is how fast the simulator ran)" : "wall time)"));
    }
}
