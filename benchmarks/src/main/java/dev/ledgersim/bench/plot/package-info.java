/**
 * A small plotting library for experiment results: line charts (throughput and latency against a swept
 * parameter) and stacked bar charts (where a transaction's time goes), rendered by one layout code onto
 * either an SVG document (text) or a PNG image (Java2D, headless). No dependency beyond the JDK.
 *
 * <pre>{@code
 * LineChart chart = LineChart.builder("Throughput", "batch size", "tx/s")
 *         .series("committed", List.of(new Point(10, 240), new Point(100, 250)))
 *         .build();
 * Plots.write(chart, outDir, "throughput");   // throughput.svg and throughput.png
 * }</pre>
 */
package dev.ledgersim.bench.plot;
