package io.tiski.events.v1;

import java.util.List;

/**
 * Everything an email needs to thread in the customer's mail client and back into the ticket.
 *
 * @param messageId the Message-ID to send with (without angle brackets); ticket-service records it before sending
 * @param inReplyTo the Message-ID of the customer message this answers, or null
 * @param references the References chain to send, oldest first
 * @param fromAddress the brand's support address
 * @param replyToAddress where the customer's reply should go
 */
public record OutboundEmail(String messageId, String inReplyTo, List<String> references, String fromAddress,
        String replyToAddress) {
    public OutboundEmail {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
