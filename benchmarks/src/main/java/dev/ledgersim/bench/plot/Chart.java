package dev.ledgersim.bench.plot;

/** Something {@link ChartRenderer} can draw: a {@link LineChart} or a {@link StackedBarChart}. */
public sealed interface Chart permits LineChart, StackedBarChart {

    /** The title drawn above the plot. */
    String title();
}
