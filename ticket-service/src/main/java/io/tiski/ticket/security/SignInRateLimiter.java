package io.tiski.ticket.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tiski.ticket.config.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down password guessing from one address across many accounts (a token bucket per client address), and
 * counts failures for names that are not accounts, so that trying them looks exactly like trying a real account
 * (which locks after the same number of failures). Per instance.
 */
@ApplicationScoped
public class SignInRateLimiter {
    private final SecurityConfig config;
    private final PerAddressLimit addresses;
    private final Cache<String, AtomicInteger> unknownNames;

    SignInRateLimiter(SecurityConfig config) {
        this.config = config;
        this.addresses = new PerAddressLimit(config.signIn().attemptsPerMinute());
        this.unknownNames = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(config.signIn().lockout()).build();
    }

    /** Empty when this address may try, else how long it should wait. */
    public Optional<Duration> admit(String clientAddress) {
        return addresses.admit(clientAddress);
    }

    /** Whether a name that is no account has failed as often as a real account may. */
    public boolean unknownNameLocked(String username) {
        AtomicInteger failures = unknownNames.getIfPresent(username);
        return failures != null && failures.get() >= config.signIn().maxFailures();
    }

    public void unknownNameFailed(String username) {
        unknownNames.get(username, k -> new AtomicInteger()).incrementAndGet();
    }
}
