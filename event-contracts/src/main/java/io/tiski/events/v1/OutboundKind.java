package io.tiski.events.v1;

/** Why Tiski is sending something to a customer. */
public enum OutboundKind {
    ACKNOWLEDGEMENT,
    AGENT_REPLY,
    /** A ticket's message forwarded by an agent to someone outside the conversation (warehouse, carrier). */
    FORWARD,
    SURVEY,
    NOTIFICATION
}
