package io.tiski.events.v1;

/** Why Tiski is sending something to a customer. */
public enum OutboundKind {
    ACKNOWLEDGEMENT,
    AGENT_REPLY,
    /** A ticket's message forwarded by an agent to someone outside the conversation (warehouse, carrier). */
    FORWARD,
    SURVEY,
    NOTIFICATION,
    /**
     * WhatsApp, outside the customer-service window: the connection's approved template that asks the customer to
     * continue the conversation (the only message WhatsApp lets a business start).
     */
    CONVERSATION_REOPENING
}
