package io.tiski.localstack.bench;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When each message of an open-loop run leaves: at a steady rate, or at that rate with bursts, as a web shop's
 * campaign mail or a delivery-delay notice brings a wave of customers at once. A burst of {@code factor} times the
 * rate lasts {@code burstLength} at the end of every {@code burstEvery}; the first one comes after the steady part
 * of the first period. Written {@code steady} or {@code burst:<factor>x<seconds>s/<seconds>s}, e.g.
 * {@code burst:5x10s/60s}: 50 s at the rate, then 10 s at five times the rate, and so on.
 */
public record Pace(int perSecond, int factor, Duration burstLength, Duration burstEvery) {
    private static final Pattern BURST = Pattern.compile("burst:(\\d+)x(\\d+)s/(\\d+)s");

    public Pace {
        if (perSecond < 1) {
            throw new IllegalArgumentException("the rate must be at least one message a second, not " + perSecond);
        }
        if (factor > 1 && (burstLength.isZero() || burstLength.compareTo(burstEvery) >= 0)) {
            throw new IllegalArgumentException("a burst (" + burstLength.toSeconds() + " s) must be shorter than "
                    + "the period it comes in (" + burstEvery.toSeconds() + " s)");
        }
    }

    public static Pace steady(int perSecond) {
        return new Pace(perSecond, 1, Duration.ZERO, Duration.ZERO);
    }

    /** {@code steady}, or {@code burst:5x10s/60s}; anything else is refused with what would do. */
    public static Pace of(int perSecond, String shape) {
        if (shape == null || shape.isBlank() || shape.equals("steady")) {
            return steady(perSecond);
        }
        Matcher burst = BURST.matcher(shape);
        if (!burst.matches()) {
            throw new IllegalArgumentException("the pace is steady or burst:<factor>x<seconds>s/<seconds>s (for "
                    + "example burst:5x10s/60s), not " + shape);
        }
        return new Pace(perSecond, Integer.parseInt(burst.group(1)), Duration.ofSeconds(Long.parseLong(
                burst.group(2))), Duration.ofSeconds(Long.parseLong(burst.group(3))));
    }

    public boolean steady() {
        return factor <= 1;
    }

    /** When message {@code i} (from 0) leaves, in nanoseconds after the run's start. */
    public long offsetNanos(long i) {
        double rate = perSecond;
        if (steady()) {
            return Math.round(i * 1e9 / rate);
        }
        double period = burstEvery.toNanos() / 1e9;
        double burst = burstLength.toNanos() / 1e9;
        double calm = period - burst;
        double calmMessages = rate * calm;
        double perPeriod = calmMessages + rate * factor * burst;
        long periods = (long) Math.floor(i / perPeriod);
        double within = i - periods * perPeriod;
        double seconds = within < calmMessages ? within / rate : calm + (within - calmMessages) / (rate * factor);
        return Math.round((periods * period + seconds) * 1e9);
    }

    /** How long {@code messages} messages take to leave. */
    public Duration length(long messages) {
        return Duration.ofNanos(messages == 0 ? 0 : offsetNanos(messages - 1));
    }

    /** As the report names it: "200/s", or "200/s with bursts of 5× for 10 s every 60 s". */
    public String describe() {
        return steady() ? perSecond + "/s" : perSecond + "/s with bursts of " + factor + "× for "
                + burstLength.toSeconds() + " s every " + burstEvery.toSeconds() + " s";
    }
}
