package io.tiski.social.domain;

/** A verified webhook body that is not what the platform documents; it is quarantined with this reason. */
public class UnreadablePayloadException extends RuntimeException {
    public UnreadablePayloadException(String reason) {
        super(reason);
    }
}
