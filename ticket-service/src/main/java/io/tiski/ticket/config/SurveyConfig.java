package io.tiski.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Satisfaction surveys after a ticket is solved. */
@ConfigMapping(prefix = "tiski.survey")
public interface SurveyConfig {
    /** Whether solved tickets get a survey at all. */
    @WithDefault("true")
    boolean enabled();

    /** How long after the ticket is solved the survey goes out (a reopened ticket waits for its next solve). */
    @WithDefault("PT2H")
    Duration delay();

    /** Brands that send no surveys. */
    Optional<Set<String>> disabledBrands();

    /** Where customers reach this service's public survey pages, e.g. {@code https://help.shop.example}. */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /**
     * Survey page requests one client address may make per minute; a link is answered with one or two clicks, so
     * more is someone trying tokens. Beyond it: 429 with Retry-After.
     */
    @WithDefault("30")
    int requestsPerMinute();

    /** How often due surveys are looked for. */
    @WithDefault("5s")
    String pollInterval();
}
