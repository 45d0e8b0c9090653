package dev.ccproxy.bench;

import java.util.List;
import java.util.Locale;

/**
 * The sweep as an SVG line chart: time to the first delta (p99) and the inter-delta gap (p99) against the number of
 * concurrent streams, through the proxy and direct to the stub, on a log-2 axis of stream counts. Hand-written SVG:
 * no charting library for one picture.
 */
final class StreamChart {

    /** One sweep level: the stream count and its two runs. */
    record Level(int streams, StreamRun direct, StreamRun proxy) {
    }

    private static final int WIDTH = 760;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private StreamChart() {
    }

    static String svg(List<Level> levels, String caption) {
        // the axis spans the values, not zero to the top: with a pacing of hundreds of milliseconds, what the proxy
        // adds is tens of them, which a zero-based axis would flatten
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Level level : levels) {
            for (long nanos : new long[] {level.proxy().firstDelta(99), level.proxy().gap(99),
                    level.direct().firstDelta(99), level.direct().gap(99)}) {
                low = Math.min(low, ms(nanos));
                high = Math.max(high, ms(nanos));
            }
        }
        double step = niceCeiling(Math.max(1, high - low) / 5);
        double bottom = Math.floor(low / step) * step;
        double top = Math.max(bottom + step, Math.ceil(high / step) * step);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape("Concurrent streams: time to first delta and gap between deltas (p99)")));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"40\" fill=\"#555\">%s</text>%n", LEFT,
                escape(caption)));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int ticks = (int) Math.round((top - bottom) / step);
        for (int tick = 0; tick <= ticks; tick++) {
            double value = bottom + step * tick;
            double y = TOP + plotHeight - plotHeight * tick / (double) ticks;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, LEFT + plotWidth, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4, value >= 10 ? String.format(Locale.ROOT, "%.0f", value)
                            : String.format(Locale.ROOT, "%.1f", value)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" "
                + "text-anchor=\"middle\">milliseconds</text>%n", TOP + plotHeight / 2, TOP + plotHeight / 2));
        for (int i = 0; i < levels.size(); i++) {
            double x = x(i, levels.size(), plotWidth);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x,
                    TOP + plotHeight + 18, levels.get(i).streams()));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">concurrent streams"
                + "</text>%n", LEFT + plotWidth / 2, TOP + plotHeight + 40));
        svg.append(series(levels, bottom, top, plotWidth, plotHeight, "#c0392b", "", level -> level.proxy().firstDelta(99)));
        svg.append(series(levels, bottom, top, plotWidth, plotHeight, "#e59866", "6 4", level -> level.direct().firstDelta(99)));
        svg.append(series(levels, bottom, top, plotWidth, plotHeight, "#1f618d", "", level -> level.proxy().gap(99)));
        svg.append(series(levels, bottom, top, plotWidth, plotHeight, "#7fb3d5", "6 4", level -> level.direct().gap(99)));
        String[][] legend = {{"#c0392b", "", "first delta, proxy"}, {"#e59866", "6 4", "first delta, direct"},
                {"#1f618d", "", "gap, proxy"}, {"#7fb3d5", "6 4", "gap, direct"}};
        for (int i = 0; i < legend.length; i++) {
            int y = TOP + 10 + i * 20;
            int x = LEFT + plotWidth + 16;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2.5\" stroke-dasharray=\"%s\"/>%n", x, y, x + 26, y, legend[i][0], legend[i][1]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 32, y + 4,
                    legend[i][2]));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private interface Value {
        long nanos(Level level);
    }

    private static String series(List<Level> levels, double bottom, double top, int plotWidth, int plotHeight, String color,
            String dash, Value value) {
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < levels.size(); i++) {
            double x = x(i, levels.size(), plotWidth);
            double share = (ms(value.nanos(levels.get(i))) - bottom) / (top - bottom);
            double y = TOP + plotHeight - plotHeight * Math.max(0, Math.min(1, share));
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y,
                    color));
        }
        return String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" "
                + "stroke-dasharray=\"%s\"/>%n", points.toString().trim(), color, dash) + dots;
    }

    private static double x(int index, int count, int plotWidth) {
        return LEFT + (count == 1 ? plotWidth / 2.0 : plotWidth * (0.04 + 0.92 * index / (count - 1.0)));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code value}. */
    private static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
