package dev.ledgersim.bench.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** "Nice" axis ticks (1, 2, 2.5, 5 × 10^k steps) and their labels. */
public final class Ticks {

    private Ticks() {
    }

    /**
     * About {@code target} evenly spaced round values covering {@code [min, max]}: the first tick is at or
     * below {@code min}, the last at or above {@code max}.
     *
     * @throws IllegalArgumentException if the bounds are not finite or {@code target < 2}
     */
    public static List<Double> nice(double min, double max, int target) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("axis bounds must be finite: " + min + ", " + max);
        }
        if (target < 2) {
            throw new IllegalArgumentException("at least 2 ticks, got " + target);
        }
        if (max < min) {
            double t = min;
            min = max;
            max = t;
        }
        if (max == min) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = step((max - min) / (target - 1));
        double first = Math.floor(min / step) * step;
        double last = Math.ceil(max / step) * step;
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; first + i * step <= last + step * 1e-9; i++) {
            double v = first + i * step;
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks;
    }

    private static double step(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice;
        if (fraction <= 1) {
            nice = 1;
        } else if (fraction <= 2) {
            nice = 2;
        } else if (fraction <= 2.5) {
            nice = 2.5;
        } else if (fraction <= 5) {
            nice = 5;
        } else {
            nice = 10;
        }
        return nice * magnitude;
    }

    /** A short label: thousands as "12k", millions as "1.5M", small numbers with up to 3 decimals. */
    public static String label(double v) {
        double a = Math.abs(v);
        if (a >= 1_000_000) {
            return trim(String.format(Locale.ROOT, "%.2f", v / 1_000_000)) + "M";
        }
        if (a >= 10_000) {
            return trim(String.format(Locale.ROOT, "%.2f", v / 1_000)) + "k";
        }
        if (a >= 100 || v == Math.rint(v)) {
            return trim(String.format(Locale.ROOT, "%.1f", v));
        }
        return trim(String.format(Locale.ROOT, "%.3f", v));
    }

    private static String trim(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
