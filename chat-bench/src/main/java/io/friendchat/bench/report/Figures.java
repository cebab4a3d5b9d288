package io.friendchat.bench.report;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/** Number formats shared by every section: milliseconds from microsecond histograms, rates, ratios, shares. */
public final class Figures {

    private Figures() {
    }

    /**
     * A histogram of microseconds, up to ten minutes, two significant digits (values within 1%).
     * Not three: those count in 168 KB arrays, and the dozens a run keeps (a settling round's
     * own among them) lived in the young generation beside the in-process server, where every
     * young collection copied them again (about a fifth of the bytes one pause copied, in a JFR
     * record of promotions).
     */
    public static Histogram micros() {
        return new Histogram(600_000_000L, 2);
    }

    public static String ms(double micros) {
        double ms = micros / 1000.0;
        return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : ms < 100 ? "%.1f ms" : "%.0f ms", ms);
    }

    /** The 99th percentile in microseconds, or NaN when nothing was recorded (a ratio of it then reads "–"). */
    public static double p99(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(99);
    }

    public static String percentile(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? "–" : ms(histogram.getValueAtPercentile(percentile));
    }

    /** "p50 1.2 ms, p90 ..., max ..." */
    public static String spread(Histogram h) {
        return "p50 " + percentile(h, 50) + ", p90 " + percentile(h, 90) + ", p99 " + percentile(h, 99)
                + ", p99.9 " + percentile(h, 99.9) + ", max " + (h.getTotalCount() == 0 ? "–" : ms(h.getMaxValue()));
    }

    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    /** A time in whole microseconds: "644 µs". */
    public static String microseconds(double micros) {
        return String.format(Locale.ROOT, "%,.0f µs", micros);
    }

    /** A share as a whole percentage: 0.87 → "87%". */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String ratio(double value, double baseline) {
        if (baseline <= 0 || Double.isNaN(value) || Double.isNaN(baseline)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", value / baseline);
    }

    public static String bytes(double bytes) {
        if (Math.abs(bytes) >= 1024 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / 1024 / 1024 / 1024);
        }
        if (Math.abs(bytes) >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024 / 1024);
        }
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }

    public static String load(double before, double after) {
        return String.format(Locale.ROOT, "%.2f → %.2f", before, after);
    }

    /** "met" or "missed", against a target. */
    public static String verdict(boolean met) {
        return met ? "met" : "missed";
    }
}
