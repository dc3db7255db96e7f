package dev.ledgersim.bench.plot;

import java.util.Locale;

/** A {@link Canvas} that writes a standalone SVG 1.1 document. */
public final class SvgCanvas implements Canvas {

    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();

    /** An empty canvas of {@code width} × {@code height} pixels. */
    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void background(Rgb colour) {
        fillRect(0, 0, width, height, colour);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgb colour, double w) {
        body.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
                x1, y1, x2, y2, colour.hex(), w));
    }

    @Override
    public void polyline(double[] xs, double[] ys, Rgb colour, double w) {
        body.append("<polyline fill=\"none\" stroke=\"").append(colour.hex()).append("\" stroke-width=\"")
                .append(String.format(Locale.ROOT, "%.1f", w)).append("\" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            body.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", xs[i], ys[i]));
        }
        body.append("\"/>\n");
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgb colour) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                x, y, w, h, colour.hex()));
    }

    @Override
    public void fillCircle(double cx, double cy, double radius, Rgb colour) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>%n",
                cx, cy, radius, colour.hex()));
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, Rgb colour, boolean bold, double rotation) {
        String a = switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        body.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" text-anchor=\"%s\" fill=\"%s\"%s%s>",
                x, y, size, a, colour.hex(), bold ? " font-weight=\"bold\"" : "",
                rotation == 0 ? "" : String.format(Locale.ROOT, " transform=\"rotate(%.1f %.1f %.1f)\"", rotation, x, y)));
        body.append(escape(text)).append("</text>\n");
    }

    /** The document. */
    public String toSvg() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
                + body + "</svg>\n";
    }

    /** {@code text} with XML's special characters escaped. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
