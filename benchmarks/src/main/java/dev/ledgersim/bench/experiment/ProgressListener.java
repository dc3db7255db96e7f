package dev.ledgersim.bench.experiment;

/** Hears how an experiment advances (the CLI draws a progress bar from it). */
public interface ProgressListener {

    /** Point {@code index} of {@code count} starts. */
    void pointStarted(int index, int count, String label);

    /**
     * The running point has done {@code fraction} of its measured phase: {@code transactions} measured
     * transactions finished, at {@code tps} committed per second of the runtime's time so far.
     */
    void progress(double fraction, long transactions, double tps);

    /** A point finished. */
    void pointFinished(PointResult result);

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return new ProgressListener() {
            @Override
            public void pointStarted(int index, int count, String label) {
            }

            @Override
            public void progress(double fraction, long transactions, double tps) {
            }

            @Override
            public void pointFinished(PointResult result) {
            }
        };
    }
}
