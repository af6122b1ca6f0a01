package io.simdex.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A log-log line chart as a standalone SVG document, written by hand so the bench needs no plotting library.
 * Each series is one {@code <polyline class="series">} with a marker per point; axes have a tick per power of
 * ten. Solid series get colours, dashed ones (limits) greys.
 */
final class SvgPlot {

    static final int WIDTH = 880;
    static final int HEIGHT = 560;
    static final int LEFT = 80;
    static final int RIGHT = 300;
    static final int TOP = 50;
    static final int BOTTOM = 60;

    private static final String DASHES = " stroke-dasharray=\"6,4\"";

    /** Dashed lines are limits, not systems: greys keep them apart from the measured lines. */
    private static final String[] GREYS = {"#444444", "#999999", "#bbbbbb"};

    private static final String[] COLORS = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
        "#17becf", "#393b79", "#ad494a",
    };

    private SvgPlot() {
    }

    /** One line: points in data units, both coordinates {@code > 0}. */
    record Series(String name, List<double[]> points, boolean dashed) {
        Series {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
            for (double[] p : points) {
                if (p.length != 2 || !(p[0] > 0) || !(p[1] > 0) || !Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                    throw new IllegalArgumentException("series '" + name + "': a log-log point needs two finite "
                            + "coordinates > 0");
                }
            }
        }
    }

    /** A power-of-ten axis covering the data: {@code [10^low, 10^high]}. */
    record LogAxis(int low, int high) {
        static LogAxis covering(double min, double max) {
            int low = (int) Math.floor(Math.log10(min));
            int high = (int) Math.ceil(Math.log10(max));
            return new LogAxis(low, Math.max(high, low + 1));
        }

        /** Where {@code value} falls between the axis ends, 0 to 1. */
        double fraction(double value) {
            return (Math.log10(value) - low) / (high - low);
        }
    }

    /** Renders the chart; series with no points are left out. */
    static String render(String title, String xLabel, String yLabel, List<Series> series) {
        return render(title, "", xLabel, yLabel, series);
    }

    /**
     * Renders the chart with a line under the title saying which machine it was measured on (also kept as the
     * SVG's {@code <desc>}), unless {@code machine} is empty.
     */
    static String render(String title, String machine, String xLabel, String yLabel, List<Series> series) {
        List<Series> drawn = series.stream().filter(s -> !s.points().isEmpty()).toList();
        if (drawn.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot: every series is empty");
        }
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Series s : drawn) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        LogAxis x = LogAxis.covering(minX, maxX);
        LogAxis y = LogAxis.covering(minY, maxY);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;

        var svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                .append(machine.isEmpty() ? "" : "<desc>" + escape(machine) + "</desc>\n")
                .append(text(LEFT + plotW / 2.0, 28, "middle", 16, title))
                .append(machine.isEmpty() ? "" : text(LEFT + plotW / 2.0, 44, "middle", 11, machine))
                .append(text(LEFT + plotW / 2.0, HEIGHT - 15, "middle", 13, xLabel))
                .append("<text transform=\"translate(20,").append(fmt(TOP + plotH / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">").append(escape(yLabel))
                .append("</text>\n");
        svg.append("<g class=\"x-axis\">\n");
        for (int e = x.low(); e <= x.high(); e++) {
            double px = LEFT + plotW * x.fraction(Math.pow(10, e));
            svg.append(line(px, TOP, px, TOP + plotH, "#dddddd", "tick", ""))
                    .append(text(px, TOP + plotH + 18, "middle", 12, countLabel(e)));
        }
        svg.append("</g>\n<g class=\"y-axis\">\n");
        for (int e = y.low(); e <= y.high(); e++) {
            double py = TOP + plotH * (1 - y.fraction(Math.pow(10, e)));
            svg.append(line(LEFT, py, LEFT + plotW, py, "#dddddd", "tick", ""))
                    .append(text(LEFT - 8, py + 4, "end", 12, msLabel(e)));
        }
        svg.append("</g>\n")
                .append("<rect class=\"frame\" x=\"").append(LEFT).append("\" y=\"").append(TOP)
                .append("\" width=\"").append(plotW).append("\" height=\"").append(plotH)
                .append("\" fill=\"none\" stroke=\"#333333\"/>\n");
        int solid = 0;
        int dashed = 0;
        for (int i = 0; i < drawn.size(); i++) {
            Series s = drawn.get(i);
            String color = s.dashed() ? GREYS[dashed++ % GREYS.length] : COLORS[solid++ % COLORS.length];
            List<String> coords = new ArrayList<>();
            var markers = new StringBuilder();
            for (double[] p : s.points()) {
                double px = LEFT + plotW * x.fraction(p[0]);
                double py = TOP + plotH * (1 - y.fraction(p[1]));
                coords.add(fmt(px) + "," + fmt(py));
                markers.append("<circle cx=\"").append(fmt(px)).append("\" cy=\"").append(fmt(py))
                        .append("\" r=\"3\" fill=\"").append(color).append("\"/>");
            }
            svg.append("<g>\n<title>").append(escape(s.name())).append("</title>\n")
                    .append("<polyline class=\"series\" data-name=\"").append(escape(s.name()))
                    .append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\"")
                    .append(s.dashed() ? DASHES : "")
                    .append(" points=\"").append(String.join(" ", coords)).append("\"/>\n")
                    .append(markers).append("\n</g>\n");
            double ly = TOP + 10 + 20 * i;
            double lx = LEFT + plotW + 16;
            svg.append(line(lx, ly, lx + 24, ly, color, "legend", s.dashed() ? DASHES : ""))
                    .append(text(lx + 30, ly + 4, "start", 12, s.name()));
        }
        return svg.append("</svg>\n").toString();
    }

    /** 10^e as a vector count: 1k, 10k, 100k, 1M, … */
    static String countLabel(int e) {
        if (e < 0) {
            return fmt(Math.pow(10, e));
        }
        String[] suffix = {"", "k", "M", "G"};
        int group = Math.min(e / 3, suffix.length - 1);
        return (long) Math.pow(10, e - 3 * group) + suffix[group];
    }

    /** 10^e milliseconds, written without exponent. */
    static String msLabel(int e) {
        return (e >= 0 ? Long.toString((long) Math.pow(10, e)) : new java.math.BigDecimal("1E" + e).toPlainString())
                + " ms";
    }

    private static String line(double x1, double y1, double x2, double y2, String color, String cssClass,
                               String extra) {
        return "<line class=\"" + cssClass + "\" x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2)
                + "\" y2=\"" + fmt(y2) + "\" stroke=\"" + color + "\"" + extra + "/>\n";
    }

    private static String text(double x, double y, String anchor, int size, String content) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size
                + "\">" + escape(content) + "</text>\n";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
