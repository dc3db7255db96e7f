package dev.ledgersim.bench.plot;

import java.util.List;
import java.util.Objects;

/**
 * A named line of a {@link LineChart}.
 *
 * @param name its legend entry
 * @param points its points, drawn in this order; non-finite y values leave a gap
 */
public record Series(String name, List<Point> points) {
    /** Validates and copies. */
    public Series {
        Objects.requireNonNull(name, "name");
        points = List.copyOf(points);
    }
}
