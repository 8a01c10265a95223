package io.tiski.emailingest.domain;

/** A mail whose structure or encoding cannot be read; it is quarantined with this reason, never dropped. */
public class UnreadableMailException extends Exception {
    public UnreadableMailException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
