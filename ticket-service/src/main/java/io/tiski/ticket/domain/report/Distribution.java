package io.tiski.ticket.domain.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a set of durations is spread: count, median and 90th percentile (nearest-rank: the smallest value with at
 * least that share of values at or below it), and counts per bucket for a histogram.
 */
public record Distribution(int count, Long medianSeconds, Long p90Seconds, Map<String, Integer> buckets) {

    /** Histogram buckets, upper bounds exclusive. */
    public static final List<Bucket> BUCKETS = List.of(new Bucket("<1h", Duration.ofHours(1)),
            new Bucket("1-4h", Duration.ofHours(4)), new Bucket("4-8h", Duration.ofHours(8)),
            new Bucket("8-24h", Duration.ofHours(24)), new Bucket("1-3d", Duration.ofDays(3)),
            new Bucket(">3d", null));

    public record Bucket(String label, Duration below) {
    }

    public static Distribution of(List<Duration> values) {
        long[] seconds = values.stream().mapToLong(Duration::toSeconds).sorted().toArray();
        Map<String, Integer> buckets = new LinkedHashMap<>();
        BUCKETS.forEach(b -> buckets.put(b.label(), 0));
        for (long s : seconds) {
            for (Bucket b : BUCKETS) {
                if (b.below() == null || s < b.below().toSeconds()) {
                    buckets.merge(b.label(), 1, Integer::sum);
                    break;
                }
            }
        }
        if (seconds.length == 0) {
            return new Distribution(0, null, null, buckets);
        }
        return new Distribution(seconds.length, percentile(seconds, 0.5), percentile(seconds, 0.9), buckets);
    }

    /** Nearest-rank percentile of sorted values. */
    public static long percentile(long[] sorted, double share) {
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
