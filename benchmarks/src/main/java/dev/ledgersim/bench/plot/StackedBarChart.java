package dev.ledgersim.bench.plot;

import java.util.List;
import java.util.Objects;

/**
 * One bar per category, each split into stacked segments (e.g. the stages of a transaction).
 *
 * @param title the title
 * @param xLabel the label under the categories
 * @param yLabel the y axis label
 * @param categories the bars, left to right
 * @param segments the segment names, bottom to top
 * @param values {@code values.get(category).get(segment)}, non-negative
 */
public record StackedBarChart(String title, String xLabel, String yLabel, List<String> categories, List<String> segments,
                              List<List<Double>> values) implements Chart {

    /** Validates and copies. */
    public StackedBarChart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        categories = List.copyOf(categories);
        segments = List.copyOf(segments);
        values = values.stream().map(List::copyOf).toList();
        if (values.size() != categories.size()) {
            throw new IllegalArgumentException(categories.size() + " categories but " + values.size() + " rows of values");
        }
        for (List<Double> row : values) {
            if (row.size() != segments.size()) {
                throw new IllegalArgumentException(segments.size() + " segments but a row of " + row.size() + " values");
            }
            for (double v : row) {
                if (!(v >= 0)) {
                    throw new IllegalArgumentException("stacked values must be non-negative, got " + v);
                }
            }
        }
    }
}
