package io.tiski.ticket.domain.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** How an SLA target counts time: in the business hours of a calendar, or around the clock. */
public interface TimeMeasure {

    /** The time that counts between two instants. */
    Duration between(Instant from, Instant to);

    /**
     * The instant at which {@code amount} of counted time has passed since {@code from}.
     *
     * @param notes receives one line per closed day or exception skipped on the way, for the explanation
     */
    Instant plus(Instant from, Duration amount, List<String> notes);

    /** How this measure is described to an agent, e.g. "business hours of 'Helsinki' (Europe/Helsinki)". */
    String description();

    /** Counts every hour of every day (calendar hours). */
    static TimeMeasure aroundTheClock() {
        return new TimeMeasure() {
            @Override
            public Duration between(Instant from, Instant to) {
                return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
            }

            @Override
            public Instant plus(Instant from, Duration amount, List<String> notes) {
                return from.plus(amount);
            }

            @Override
            public String description() {
                return "calendar hours";
            }
        };
    }
}
