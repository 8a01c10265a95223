package io.tiski.social.platform;

import java.time.Duration;
import java.util.Optional;

/** The platform could not be reached or asked Tiski to slow down: worth trying again, after retryAfter if given. */
public class PlatformUnavailableException extends RuntimeException {
    private final Duration retryAfter;

    public PlatformUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
