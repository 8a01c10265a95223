package io.tiski.events.v1;

/** Why Tiski is sending something to a customer. */
public enum OutboundKind {
    ACKNOWLEDGEMENT,
    AGENT_REPLY,
    SURVEY,
    NOTIFICATION
}
