package dev.ledgersim.bench.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Renders charts to SVG text and PNG bytes, and writes both next to each other. */
public final class Plots {

    /** The default size of a plot, in pixels. */
    public static final int WIDTH = 720;
    /** The default size of a plot, in pixels. */
    public static final int HEIGHT = 420;

    private Plots() {
    }

    /** The chart as a standalone SVG document. */
    public static String toSvg(Chart chart, int width, int height) {
        SvgCanvas canvas = new SvgCanvas(width, height);
        ChartRenderer.render(chart, canvas, width, height);
        return canvas.toSvg();
    }

    /** The chart as a PNG image. */
    public static byte[] toPng(Chart chart, int width, int height) {
        Java2dCanvas canvas = new Java2dCanvas(width, height);
        ChartRenderer.render(chart, canvas, width, height);
        return canvas.toPng();
    }

    /**
     * Writes {@code dir/name.svg} and {@code dir/name.png} at the default size; returns both paths.
     *
     * @throws UncheckedIOException if a file cannot be written
     */
    public static List<Path> write(Chart chart, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path svg = dir.resolve(name + ".svg");
            Path png = dir.resolve(name + ".png");
            Files.writeString(svg, toSvg(chart, WIDTH, HEIGHT), StandardCharsets.UTF_8);
            Files.write(png, toPng(chart, WIDTH, HEIGHT));
            return List.of(svg, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + name + " to " + dir, e);
        }
    }
}
