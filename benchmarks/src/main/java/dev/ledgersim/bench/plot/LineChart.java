package dev.ledgersim.bench.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lines over a numeric or categorical x axis. With categories, a point's x is the index of its
 * category and the axis is labelled with the category names.
 *
 * @param title the title
 * @param xLabel the x axis label
 * @param yLabel the y axis label
 * @param series the lines
 * @param categories the x axis categories, or empty for a numeric axis
 */
public record LineChart(String title, String xLabel, String yLabel, List<Series> series, List<String> categories)
        implements Chart {

    /** Validates and copies. */
    public LineChart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        series = List.copyOf(series);
        categories = List.copyOf(categories);
    }

    /** Whether the x axis shows categories. */
    public boolean categorical() {
        return !categories.isEmpty();
    }

    /** A builder for a chart with these labels. */
    public static Builder builder(String title, String xLabel, String yLabel) {
        return new Builder(title, xLabel, yLabel);
    }

    /** Collects series. */
    public static final class Builder {
        private final String title;
        private final String xLabel;
        private final String yLabel;
        private final List<Series> series = new ArrayList<>();
        private List<String> categories = List.of();

        private Builder(String title, String xLabel, String yLabel) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
        }

        /** Adds a line. */
        public Builder series(String name, List<Point> points) {
            series.add(new Series(name, points));
            return this;
        }

        /** Makes the x axis categorical: point x values are indices into {@code names}. */
        public Builder categories(List<String> names) {
            this.categories = List.copyOf(names);
            return this;
        }

        /** The chart. */
        public LineChart build() {
            return new LineChart(title, xLabel, yLabel, series, categories);
        }
    }
}
