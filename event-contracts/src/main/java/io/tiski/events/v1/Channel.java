package io.tiski.events.v1;

import java.time.Duration;
import java.util.Optional;

/** Where a customer's message came from, and so where a reply goes back out. */
public enum Channel {
    EMAIL,
    CONTACT_FORM,
    RETURN_FORM,
    MESSENGER,
    INSTAGRAM,
    WHATSAPP,
    TELEGRAM,
    X,
    PHONE,
    IN_PERSON;

    /** Replies to form submissions leave by email to the address the customer gave. */
    public Channel replyChannel() {
        return switch (this) {
            case CONTACT_FORM, RETURN_FORM, PHONE, IN_PERSON -> EMAIL;
            default -> this;
        };
    }

    /**
     * How long after the customer's last message the platform lets a business answer freely: 24 hours on
     * Messenger, Instagram and WhatsApp (Meta's standard messaging and customer-service windows); no limit
     * elsewhere. Past it Meta accepts only tagged messages (Messenger, Instagram) or approved templates (WhatsApp).
     */
    public Optional<Duration> standardReplyWindow() {
        return switch (this) {
            case MESSENGER, INSTAGRAM, WHATSAPP -> Optional.of(Duration.ofHours(24));
            default -> Optional.empty();
        };
    }

    /** Whether replies on this channel are sent through a social platform's API. */
    public boolean isSocial() {
        return switch (this) {
            case MESSENGER, INSTAGRAM, WHATSAPP, TELEGRAM, X -> true;
            default -> false;
        };
    }
}
