package dev.ledgersim.bench.plot;

import java.util.List;

/**
 * A colour, 8 bits per channel.
 *
 * @param r red, 0–255
 * @param g green, 0–255
 * @param b blue, 0–255
 */
public record Rgb(int r, int g, int b) {

    /** Black. */
    public static final Rgb BLACK = new Rgb(0, 0, 0);
    /** The grey of grid lines. */
    public static final Rgb GRID = new Rgb(225, 225, 225);
    /** The grey of secondary text. */
    public static final Rgb TEXT_GREY = new Rgb(90, 90, 90);
    /** White. */
    public static final Rgb WHITE = new Rgb(255, 255, 255);

    /** The Okabe–Ito palette: distinguishable with every common colour-vision deficiency. */
    public static final List<Rgb> PALETTE = List.of(new Rgb(0, 114, 178), new Rgb(230, 159, 0), new Rgb(0, 158, 115),
            new Rgb(204, 121, 167), new Rgb(86, 180, 233), new Rgb(213, 94, 0), new Rgb(240, 228, 66), new Rgb(0, 0, 0));

    /** Validates. */
    public Rgb {
        for (int c : new int[] {r, g, b}) {
            if (c < 0 || c > 255) {
                throw new IllegalArgumentException("colour channels are 0-255, got " + r + "," + g + "," + b);
            }
        }
    }

    /** Colour {@code i} of the palette, cycling. */
    public static Rgb palette(int i) {
        return PALETTE.get(Math.floorMod(i, PALETTE.size()));
    }

    /** {@code #rrggbb}. */
    public String hex() {
        return String.format("#%02x%02x%02x", r, g, b);
    }
}
