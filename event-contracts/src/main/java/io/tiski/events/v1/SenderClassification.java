package io.tiski.events.v1;

/**
 * What kind of sender wrote an inbound message, decided by the ingest service before anything else.
 * Only {@link #PERSON} messages are ever acknowledged; all others are threaded but never answered automatically.
 */
public enum SenderClassification {
    PERSON,
    AUTO_REPLY,
    OUT_OF_OFFICE,
    BOUNCE,
    MAILING_LIST,
    BULK,
    OWN_MESSAGE;

    public boolean mayBeAcknowledged() {
        return this == PERSON;
    }
}
