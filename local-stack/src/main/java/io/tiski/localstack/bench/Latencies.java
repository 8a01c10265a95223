package io.tiski.localstack.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/** Percentiles of measured latencies, as every benchmark reports them. */
final class Latencies {
    private Latencies() {
    }

    /** The {@code p}th percentile (nearest rank) of sorted values; 100 is the largest. */
    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** The {@code p}th percentile of sorted milliseconds for a report's table ("1,358 ms"), or "—" when none. */
    static String millis(List<Long> sorted, int p) {
        return sorted.isEmpty() ? "—" : String.format("%,d ms", percentile(sorted, p));
    }

    /** "p50 … ms   p95 … ms   p99 … ms   max … ms" of sorted milliseconds. */
    static String summary(List<Long> sorted) {
        return String.format("p50 %s   p95 %s   p99 %s   max %s", millis(sorted, 50), millis(sorted, 95),
                millis(sorted, 99), millis(sorted, 100));
    }

    /** Per second of the run: the {@code p}th percentile of the latencies of what was sent in that second, in s. */
    static List<double[]> perSecond(List<long[]> bySend, int p) {
        TreeMap<Long, List<Long>> perSecond = new TreeMap<>();
        for (long[] point : bySend) {
            perSecond.computeIfAbsent(point[0] / 1000, s -> new ArrayList<>()).add(point[1]);
        }
        List<double[]> line = new ArrayList<>();
        perSecond.forEach((second, values) -> {
            Collections.sort(values);
            line.add(new double[] {second, percentile(values, p) / 1000.0});
        });
        return line;
    }
}
