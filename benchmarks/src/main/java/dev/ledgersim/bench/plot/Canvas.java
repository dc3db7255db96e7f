package dev.ledgersim.bench.plot;

/**
 * What {@link ChartRenderer} draws on: pixel coordinates, origin at the top left. Implemented by
 * {@link SvgCanvas} and {@link Java2dCanvas}, so both formats come from one layout.
 */
public interface Canvas {

    /** How text is placed relative to its anchor point. */
    enum Anchor {
        /** The anchor is the text's left end. */
        START,
        /** The anchor is the text's middle. */
        MIDDLE,
        /** The anchor is the text's right end. */
        END
    }

    /** Fills the whole canvas. */
    void background(Rgb colour);

    /** A straight line. */
    void line(double x1, double y1, double x2, double y2, Rgb colour, double width);

    /** Connected line segments through the points. */
    void polyline(double[] xs, double[] ys, Rgb colour, double width);

    /** A filled rectangle. */
    void fillRect(double x, double y, double width, double height, Rgb colour);

    /** A filled circle. */
    void fillCircle(double cx, double cy, double radius, Rgb colour);

    /**
     * Text on a baseline at {@code (x, y)}.
     *
     * @param rotation degrees clockwise around the anchor (-90 for a y axis label)
     */
    void text(double x, double y, String text, double size, Anchor anchor, Rgb colour, boolean bold, double rotation);
}
