package dev.ledgersim.bench.plot;

/**
 * One data point.
 *
 * @param x the abscissa (for a categorical axis: the category's index)
 * @param y the ordinate
 */
public record Point(double x, double y) {
}
