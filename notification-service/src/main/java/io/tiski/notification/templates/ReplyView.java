package io.tiski.notification.templates;

/** An agent's reply as the customer reads it. */
public record ReplyView(long ticketNumber, String text, String agentName, String brandName) {
    public boolean hasAgent() {
        return agentName != null && !agentName.isBlank();
    }
}
