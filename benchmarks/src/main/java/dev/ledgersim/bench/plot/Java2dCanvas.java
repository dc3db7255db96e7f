package dev.ledgersim.bench.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A {@link Canvas} drawing into an RGB image with Java2D, headless; {@link #toPng()} encodes it. */
public final class Java2dCanvas implements Canvas {

    static {
        // Plots are made on servers and in CI: never try to open a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final BufferedImage image;
    private final Graphics2D g;

    /** An empty canvas of {@code width} × {@code height} pixels. */
    public Java2dCanvas(int width, int height) {
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    private static Color awt(Rgb c) {
        return new Color(c.r(), c.g(), c.b());
    }

    @Override
    public void background(Rgb colour) {
        fillRect(0, 0, image.getWidth(), image.getHeight(), colour);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgb colour, double width) {
        g.setColor(awt(colour));
        g.setStroke(new BasicStroke((float) width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, Rgb colour, double width) {
        if (xs.length == 0) {
            return;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            path.lineTo(xs[i], ys[i]);
        }
        g.setColor(awt(colour));
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
    }

    @Override
    public void fillRect(double x, double y, double width, double height, Rgb colour) {
        g.setColor(awt(colour));
        g.fill(new Rectangle2D.Double(x, y, width, height));
    }

    @Override
    public void fillCircle(double cx, double cy, double radius, Rgb colour) {
        g.setColor(awt(colour));
        g.fill(new Ellipse2D.Double(cx - radius, cy - radius, 2 * radius, 2 * radius));
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, Rgb colour, boolean bold, double rotation) {
        Font font = new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        int w = metrics.stringWidth(text);
        double dx = switch (anchor) {
            case START -> 0;
            case MIDDLE -> -w / 2.0;
            case END -> -w;
        };
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (rotation != 0) {
            g.rotate(Math.toRadians(rotation));
        }
        g.setColor(awt(colour));
        g.drawString(text, (float) dx, 0f);
        g.setTransform(saved);
    }

    /** The image. */
    public BufferedImage image() {
        return image;
    }

    /** The image as PNG bytes. */
    public byte[] toPng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG", e);
        }
        return out.toByteArray();
    }
}
