package dev.ledgersim.bench.experiment;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar for people, on the stream it is given (the CLI passes standard error):
 * <pre>
 * [2/4] batchSize=25  [##########..........]  50%   500 tx   243 tx/s
 * </pre>
 * On a terminal the line is redrawn in place; elsewhere (CI logs) only every 25 %.
 */
public final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean interactive;
    private final String parameter;
    private String prefix = "";
    private int lastPercent = -1;

    /**
     * A bar on {@code out}.
     *
     * @param parameter the swept field, shown before each value (may be empty)
     * @param interactive whether {@code out} is a terminal (redraw in place)
     */
    public ProgressBar(PrintStream out, String parameter, boolean interactive) {
        this.out = out;
        this.parameter = parameter;
        this.interactive = interactive;
    }

    @Override
    public void pointStarted(int index, int count, String label) {
        prefix = "[" + (index + 1) + "/" + count + "] " + (parameter.isEmpty() ? label : parameter + "=" + label);
        lastPercent = -1;
        progress(0, 0, 0);
    }

    @Override
    public void progress(double fraction, long transactions, double tps) {
        int percent = (int) Math.floor(fraction * 100);
        if (percent == lastPercent || (!interactive && percent % 25 != 0 && percent != 100)) {
            return;
        }
        lastPercent = percent;
        int filled = (int) Math.round(fraction * WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String line = String.format(Locale.ROOT, "%s  [%s] %3d%%  %7d tx  %8.1f tx/s", prefix, bar, percent, transactions, tps);
        out.print(interactive ? "\r" + line : line + "\n");
        out.flush();
    }

    @Override
    public void pointFinished(PointResult r) {
        if (interactive) {
            out.println();
        }
        out.printf(Locale.ROOT, "      -> %.1f tx/s (%.1f valid, %.0f wall tx/s), latency p50 %.1f ms p99 %.1f ms, conflicts %.1f%%%s%n",
                r.tps(), r.validTps(), r.wallTps(), r.latency("total").p50(), r.latency("total").p99(), r.conflictRate() * 100,
                r.endorseFailed() + r.submitFailed() + r.statusFailed() > 0
                        ? ", failed " + (r.endorseFailed() + r.submitFailed() + r.statusFailed()) : "");
        out.flush();
    }
}
