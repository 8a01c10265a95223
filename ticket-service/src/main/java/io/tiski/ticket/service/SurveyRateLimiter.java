package io.tiski.ticket.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
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
    private final SurveyConfig config;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    SurveyRateLimiter(SurveyConfig config) {
        this.config = config;
    }

    /** Empty when the request may go on, else how long the client should wait. */
    public Optional<Duration> admit(String clientAddress) {
        int limit = config.requestsPerMinute();
        Bucket bucket = buckets.get(clientAddress, k -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()).plusSeconds(1));
    }
}
