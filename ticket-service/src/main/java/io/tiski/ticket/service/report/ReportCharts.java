package io.tiski.ticket.service.report;

import io.tiski.ticket.domain.report.Distribution;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reports drawn as SVG: self-contained images for the UI, for mail and for the docs. */
public final class ReportCharts {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private ReportCharts() {
    }

    /** Hour-of-week heat map: one row per day, one column per local hour, darker where more customers wrote. */
    public static String heatMap(String title, List<Reports.HeatCell> cells) {
        long[][] counts = new long[7][24];
        long max = 0;
        for (Reports.HeatCell c : cells) {
            counts[c.isoDayOfWeek() - 1][c.hour()] += c.messages();
            max = Math.max(max, counts[c.isoDayOfWeek() - 1][c.hour()]);
        }
        int cell = 26;
        int left = 48;
        int top = 48;
        int width = left + 24 * cell + 16;
        int height = top + 7 * cell + 40;
        StringBuilder svg = start(width, height, title);
        for (int h = 0; h < 24; h += 2) {
            svg.append(text(left + h * cell + cell / 2, top - 8, String.format("%02d", h), "middle", 11));
        }
        for (int d = 0; d < 7; d++) {
            svg.append(text(left - 8, top + d * cell + cell / 2 + 4, DAYS[d], "end", 12));
            for (int h = 0; h < 24; h++) {
                double share = max == 0 ? 0 : (double) counts[d][h] / max;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        + "fill=\"%s\"><title>%s %02d:00 – %d</title></rect>%n", left + h * cell, top + d * cell,
                        cell - 2, cell - 2, shade(share), DAYS[d], h, counts[d][h]));
            }
        }
        svg.append(text(left, height - 14, "Customer messages per hour of the week (max " + max + ")", "start", 12));
        return svg.append("</svg>\n").toString();
    }

    /** A histogram of a time distribution, with the median and 90th percentile written under it. */
    public static String histogram(String title, Distribution distribution) {
        Map<String, Integer> buckets = distribution.buckets();
        int max = buckets.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int bar = 70;
        int left = 40;
        int top = 48;
        int plot = 200;
        int width = left + buckets.size() * bar + 24;
        int height = top + plot + 70;
        StringBuilder svg = start(width, height, title);
        int i = 0;
        for (Map.Entry<String, Integer> b : buckets.entrySet()) {
            int h = max == 0 ? 0 : (int) Math.round((double) b.getValue() / max * plot);
            int x = left + i * bar;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                    + "fill=\"#3b82f6\"><title>%s: %d</title></rect>%n", x + 6, top + plot - h, bar - 12, h,
                    escape(b.getKey()), b.getValue()));
            svg.append(text(x + bar / 2, top + plot - h - 6, Integer.toString(b.getValue()), "middle", 12));
            svg.append(text(x + bar / 2, top + plot + 18, b.getKey(), "middle", 12));
            i++;
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#52606d\"/>%n",
                left, top + plot, left + buckets.size() * bar, top + plot));
        svg.append(text(left, height - 16, distribution.count() + " tickets · median " + human(distribution
                .medianSeconds()) + " · 90th percentile " + human(distribution.p90Seconds()), "start", 12));
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder start(int width, int height, String title) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"Arial, Helvetica, sans-serif\">%n", width, height, width,
                height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width,
                height));
        svg.append(text(16, 24, title, "start", 15));
        return svg;
    }

    private static String text(int x, int y, String text, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\" "
                + "fill=\"#1f2933\">%s</text>%n", x, y, anchor, size, escape(text));
    }

    /** From near white to deep blue. */
    private static String shade(double share) {
        int r = (int) Math.round(240 - share * (240 - 30));
        int g = (int) Math.round(244 - share * (244 - 64));
        int b = (int) Math.round(248 - share * (248 - 175));
        return String.format("#%02x%02x%02x", r, g, b);
    }

    static String human(Long seconds) {
        if (seconds == null) {
            return "–";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min";
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
        }
        return String.format(Locale.ROOT, "%.1f d", seconds / 86_400.0);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
