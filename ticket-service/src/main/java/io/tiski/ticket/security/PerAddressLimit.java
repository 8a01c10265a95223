package io.tiski.ticket.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/** A token bucket per client address: at most {@code perMinute} requests a minute each. Per instance. */
public final class PerAddressLimit {
    private final int perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public PerAddressLimit(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Empty when this address may go on, else how long it should wait. */
    public Optional<Duration> admit(String clientAddress) {
        Bucket bucket = buckets.get(clientAddress, k -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()).plusSeconds(1));
    }
}
