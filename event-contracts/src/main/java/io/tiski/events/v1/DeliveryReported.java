package io.tiski.events.v1;

import java.time.Instant;

/**
 * What became of an {@link OutboundMessageRequested}. Kafka key: the ticket id.
 *
 * @param requestId the eventId of the request
 * @param status SENT, SKIPPED (policy said no, with the reason), FAILED (permanent), DELAYED (email: put off by
 *     the mail server, tried again; SENT or FAILED follows), BOUNCED; on social channels also DELIVERED and READ
 *     from the platforms' receipts
 * @param providerMessageId the id the channel gave the sent message (email: Message-ID)
 * @param reason why it was skipped or failed, readable by an agent
 */
public record DeliveryReported(String eventId, Instant occurredAt, String requestId, String ticketId,
        long ticketNumber, Channel channel, String conversationKey, OutboundKind kind, String status,
        String providerMessageId, String reason) {
    public static final String TYPE = "io.tiski.outbound.delivery-reported.v1";
}
