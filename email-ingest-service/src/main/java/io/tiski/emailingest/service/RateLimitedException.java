package io.tiski.emailingest.service;

import java.time.Duration;

/** Too many submissions from one IP or one address (HTTP 429 with Retry-After). */
public class RateLimitedException extends RuntimeException {
    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super("Too many submissions; please try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
