package io.tiski.emailingest.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.tiski.emailingest.config.FormConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Protects the public forms from floods: a token bucket per client IP and per customer address. One noisy
 * sender is refused with 429 and Retry-After; everyone else is unaffected. Limits are per instance: with N
 * replicas behind a balancer, a sender gets at most N times the limit.
 */
@ApplicationScoped
public class FormRateLimiter {
    private final FormConfig config;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();

    FormRateLimiter(FormConfig config) {
        this.config = config;
    }

    /** @return empty when allowed, else how long to wait before trying again */
    public Optional<Duration> admit(String ip, String address) {
        Optional<Duration> byIp = take("ip:" + ip, config.perIpLimit());
        if (byIp.isPresent()) {
            return byIp;
        }
        return address == null ? Optional.empty()
                : take("address:" + address.strip().toLowerCase(Locale.ROOT), config.perAddressLimit());
    }

    private Optional<Duration> take(String key, int limit) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder().addLimit(Bandwidth.builder().capacity(limit)
                .refillGreedy(limit, config.rateWindow()).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()).plusSeconds(1));
    }
}
