package io.tiski.events.v1;

/** A person or system on one channel: an email address, or a platform's user id, with the name it shows. */
public record Participant(String address, String displayName) {
    public Participant {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("a participant needs an address");
        }
    }
}
