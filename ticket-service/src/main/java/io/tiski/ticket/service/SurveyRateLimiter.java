package io.tiski.ticket.service;

import io.tiski.ticket.config.SurveyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps the public survey pages from being used to try tokens: a token bucket per client address. The tokens are
 * 256 bits, so guessing cannot work; the limit keeps the attempt from costing the database. Per instance, like the
 * forms' limits.
 */
@ApplicationScoped
public class SurveyRateLimiter {
    private final io.tiski.ticket.security.PerAddressLimit limit;

    SurveyRateLimiter(SurveyConfig config) {
        this.limit = new io.tiski.ticket.security.PerAddressLimit(config.requestsPerMinute());
    }

    /** Empty when the request may go on, else how long the client should wait. */
    public Optional<Duration> admit(String clientAddress) {
        return limit.admit(clientAddress);
    }
}
