package io.tiski.events.v1;

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
}
