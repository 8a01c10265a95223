package io.tiski.notification.templates;

/** An agent's reply as the customer reads it. */
public record ReplyView(long ticketNumber, String text, String agentName, String brandName, String signature) {
    public ReplyView(long ticketNumber, String text, String agentName, String brandName) {
        this(ticketNumber, text, agentName, brandName, null);
    }

    public boolean hasAgent() {
        return agentName != null && !agentName.isBlank();
    }

    /** The brand's signature lines under the agent's name (opening hours, phone, web shop address). */
    public boolean hasSignature() {
        return signature != null && !signature.isBlank();
    }

    public java.util.List<String> signatureLines() {
        return hasSignature() ? signature.lines().map(String::strip).toList() : java.util.List.of();
    }
}
