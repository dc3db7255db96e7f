package dev.ledgersim.bench.plot;

import dev.ledgersim.bench.plot.Canvas.Anchor;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out and draws a {@link Chart} on a {@link Canvas}: title, legend, axes with round ticks, grid,
 * then the data. Both output formats share this code, so an SVG and a PNG of one chart look alike.
 */
public final class ChartRenderer {

    private static final double LEFT = 74;
    private static final double RIGHT = 24;
    private static final double TITLE_Y = 24;
    private static final double LEGEND_Y = 46;
    private static final double LEGEND_ROW = 18;
    private static final double BOTTOM = 54;
    private static final double FONT = 11;

    private ChartRenderer() {
    }

    /** Draws {@code chart} filling a {@code width} × {@code height} canvas. */
    public static void render(Chart chart, Canvas canvas, int width, int height) {
        canvas.background(Rgb.WHITE);
        canvas.text(width / 2.0, TITLE_Y, chart.title(), 15, Anchor.MIDDLE, Rgb.BLACK, true, 0);
        if (chart instanceof LineChart line) {
            renderLines(line, canvas, width, height);
        } else if (chart instanceof StackedBarChart bars) {
            renderBars(bars, canvas, width, height);
        }
    }

    /** Estimated width of {@code text} at {@code size} (the same estimate for both formats). */
    static double textWidth(String text, double size) {
        return text.length() * size * 0.58;
    }

    /** Draws the legend entries in rows; returns the y where the plot may start. */
    private static double legend(Canvas canvas, List<String> names, int width) {
        double x = LEFT;
        double y = LEGEND_Y;
        for (int i = 0; i < names.size(); i++) {
            double w = 26 + textWidth(names.get(i), FONT) + 16;
            if (x + w > width - RIGHT && x > LEFT) {
                x = LEFT;
                y += LEGEND_ROW;
            }
            canvas.fillRect(x, y - 8, 18, 8, Rgb.palette(i));
            canvas.text(x + 24, y, names.get(i), FONT, Anchor.START, Rgb.BLACK, false, 0);
            x += w;
        }
        return names.isEmpty() ? LEGEND_Y : y + 14;
    }

    private record Frame(double left, double top, double right, double bottom, double yMin, double yMax) {
        double y(double v) {
            return bottom - (v - yMin) / (yMax - yMin) * (bottom - top);
        }

        double width() {
            return right - left;
        }
    }

    /** The y axis, its grid and both labels; returns the frame mapping values to pixels. */
    private static Frame axes(Canvas canvas, double top, int width, int height, double dataMin, double dataMax,
                              String xLabel, String yLabel) {
        double lo = Math.min(0, dataMin);
        double hi = dataMax <= lo ? lo + 1 : dataMax;
        List<Double> ticks = Ticks.nice(lo, hi, 6);
        Frame f = new Frame(LEFT, top, width - RIGHT, height - BOTTOM, ticks.get(0), ticks.get(ticks.size() - 1));
        for (double t : ticks) {
            double y = f.y(t);
            canvas.line(f.left(), y, f.right(), y, Rgb.GRID, 1);
            canvas.text(f.left() - 8, y + 4, Ticks.label(t), FONT, Anchor.END, Rgb.TEXT_GREY, false, 0);
        }
        canvas.line(f.left(), f.top(), f.left(), f.bottom(), Rgb.BLACK, 1);
        canvas.line(f.left(), f.bottom(), f.right(), f.bottom(), Rgb.BLACK, 1);
        canvas.text(18, (f.top() + f.bottom()) / 2, yLabel, 12, Anchor.MIDDLE, Rgb.BLACK, false, -90);
        canvas.text((f.left() + f.right()) / 2, height - 12, xLabel, 12, Anchor.MIDDLE, Rgb.BLACK, false, 0);
        return f;
    }

    /** Font size that fits {@code labels} into bands of {@code band} pixels. */
    private static double categoryFont(List<String> labels, double band) {
        int longest = labels.stream().mapToInt(String::length).max().orElse(1);
        return Math.max(7, Math.min(FONT, band * 0.95 / (Math.max(1, longest) * 0.58)));
    }

    private static void renderLines(LineChart chart, Canvas canvas, int width, int height) {
        double top = legend(canvas, chart.series().stream().map(Series::name).toList(), width) + 10;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (Series s : chart.series()) {
            for (Point p : s.points()) {
                if (Double.isFinite(p.y()) && Double.isFinite(p.x())) {
                    yMin = Math.min(yMin, p.y());
                    yMax = Math.max(yMax, p.y());
                    xMin = Math.min(xMin, p.x());
                    xMax = Math.max(xMax, p.x());
                }
            }
        }
        if (yMin > yMax) {
            yMin = 0;
            yMax = 1;
            xMin = 0;
            xMax = 1;
        }
        Frame f = axes(canvas, top, width, height, yMin, yMax * 1.05, chart.xLabel(), chart.yLabel());
        java.util.function.DoubleUnaryOperator xPos;
        if (chart.categorical()) {
            int n = chart.categories().size();
            double band = f.width() / n;
            xPos = i -> f.left() + (i + 0.5) * band;
            double size = categoryFont(chart.categories(), band);
            for (int i = 0; i < n; i++) {
                double x = xPos.applyAsDouble(i);
                canvas.line(x, f.bottom(), x, f.bottom() + 4, Rgb.BLACK, 1);
                canvas.text(x, f.bottom() + 18, chart.categories().get(i), size, Anchor.MIDDLE, Rgb.TEXT_GREY, false, 0);
            }
        } else {
            List<Double> ticks = Ticks.nice(xMin, xMax, 7);
            double lo = ticks.get(0);
            double hi = ticks.get(ticks.size() - 1);
            xPos = v -> f.left() + (v - lo) / (hi - lo) * f.width();
            for (double t : ticks) {
                double x = xPos.applyAsDouble(t);
                canvas.line(x, f.bottom(), x, f.bottom() + 4, Rgb.BLACK, 1);
                canvas.text(x, f.bottom() + 18, Ticks.label(t), FONT, Anchor.MIDDLE, Rgb.TEXT_GREY, false, 0);
            }
        }
        for (int s = 0; s < chart.series().size(); s++) {
            Rgb colour = Rgb.palette(s);
            List<double[]> run = new ArrayList<>();
            for (Point p : chart.series().get(s).points()) {
                if (Double.isFinite(p.y()) && Double.isFinite(p.x())) {
                    run.add(new double[] {xPos.applyAsDouble(p.x()), f.y(p.y())});
                } else {
                    drawRun(canvas, run, colour);
                    run.clear();
                }
            }
            drawRun(canvas, run, colour);
        }
    }

    private static void drawRun(Canvas canvas, List<double[]> run, Rgb colour) {
        if (run.size() > 1) {
            canvas.polyline(run.stream().mapToDouble(p -> p[0]).toArray(), run.stream().mapToDouble(p -> p[1]).toArray(),
                    colour, 2);
        }
        for (double[] p : run) {
            canvas.fillCircle(p[0], p[1], 3.5, colour);
        }
    }

    private static void renderBars(StackedBarChart chart, Canvas canvas, int width, int height) {
        double top = legend(canvas, chart.segments(), width) + 10;
        double max = 0;
        for (List<Double> row : chart.values()) {
            max = Math.max(max, row.stream().mapToDouble(Double::doubleValue).sum());
        }
        Frame f = axes(canvas, top, width, height, 0, max * 1.05, chart.xLabel(), chart.yLabel());
        int n = Math.max(1, chart.categories().size());
        double band = f.width() / n;
        double size = categoryFont(chart.categories(), band);
        for (int c = 0; c < chart.categories().size(); c++) {
            double x = f.left() + c * band + band * 0.2;
            double base = 0;
            for (int s = 0; s < chart.segments().size(); s++) {
                double v = chart.values().get(c).get(s);
                if (v > 0) {
                    double y0 = f.y(base);
                    double y1 = f.y(base + v);
                    canvas.fillRect(x, y1, band * 0.6, y0 - y1, Rgb.palette(s));
                }
                base += v;
            }
            canvas.text(f.left() + (c + 0.5) * band, f.bottom() + 18, chart.categories().get(c), size, Anchor.MIDDLE,
                    Rgb.TEXT_GREY, false, 0);
        }
    }
}
