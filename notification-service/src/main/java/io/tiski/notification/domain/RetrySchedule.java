package io.tiski.notification.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a mail the server put off is tried again, and when Tiski stops trying, the way mail servers queue mail: the
 * first retry soon (a greylisting server accepts the second attempt after a few minutes), then at doubling intervals
 * up to a longest one, and after {@code giveUpAfter} the request fails and the ticket shows why.
 */
public record RetrySchedule(Duration firstRetryAfter, Duration longestInterval, Duration giveUpAfter) {
    public RetrySchedule {
        if (firstRetryAfter.isNegative() || firstRetryAfter.isZero()) {
            throw new IllegalArgumentException("the first retry must come after a positive wait, not "
                    + firstRetryAfter);
        }
        if (longestInterval.compareTo(firstRetryAfter) < 0) {
            throw new IllegalArgumentException("the longest interval between retries (" + longestInterval
                    + ") must not be shorter than the first (" + firstRetryAfter + ")");
        }
        if (giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("the time to give up after must not be negative: " + giveUpAfter);
        }
    }

    /**
     * @param attempts the attempts made so far, the one that was just put off included (1 after the first)
     * @return when to try again
     */
    public Instant nextAttempt(int attempts, Instant now) {
        Duration wait = firstRetryAfter;
        for (int i = 1; i < attempts && wait.compareTo(longestInterval) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return now.plus(wait.compareTo(longestInterval) > 0 ? longestInterval : wait);
    }

    /** Whether a request first put off at {@code deferredSince} has waited long enough to fail. */
    public boolean givesUp(Instant deferredSince, Instant now) {
        return !now.isBefore(deferredSince.plus(giveUpAfter));
    }
}
