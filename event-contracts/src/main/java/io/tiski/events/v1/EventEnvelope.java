package io.tiski.events.v1;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event ready for Kafka: topic, record key, CloudEvents headers and JSON value. Built by producers, stored in
 * their outbox, and published unchanged.
 */
public record EventEnvelope(String topic, String key, Map<String, String> headers, byte[] value) {

    public static EventEnvelope of(String topic, String key, String source, String type, String id, Instant time,
            String subject, String conversationKey, Channel channel, Object event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.ID, id);
        headers.put(CloudEventHeaders.SOURCE, source);
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.TIME, time.toString());
        if (subject != null) {
            headers.put(CloudEventHeaders.SUBJECT, subject);
        }
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (conversationKey != null) {
            headers.put(CloudEventHeaders.CONVERSATION_KEY, conversationKey);
        }
        if (channel != null) {
            headers.put(CloudEventHeaders.CHANNEL, channel.name());
        }
        return new EventEnvelope(topic, key, Map.copyOf(headers), EventJson.write(event));
    }

    public static EventEnvelope of(InboundMessageReceived e, String source) {
        return of(Topics.INBOUND_MESSAGES, e.conversationKey(), source, InboundMessageReceived.TYPE, e.eventId(),
                e.occurredAt(), e.sourceMessageId(), e.conversationKey(), e.channel(), e);
    }

    public static EventEnvelope of(TicketEvent e, String source) {
        String type;
        if (e instanceof TicketCreated) {
            type = TicketCreated.TYPE;
        } else if (e instanceof MessageAdded) {
            type = MessageAdded.TYPE;
        } else {
            type = TicketStatusChanged.TYPE;
        }
        return of(Topics.TICKET_EVENTS, e.ticketId(), source, type, e.eventId(), e.occurredAt(), e.ticketId(),
                e.conversationKey(), e.channel(), e);
    }

    public static EventEnvelope of(OutboundMessageRequested e, String source) {
        return of(Topics.OUTBOUND_MESSAGES, e.ticketId(), source, OutboundMessageRequested.TYPE, e.eventId(),
                e.occurredAt(), e.ticketId(), e.conversationKey(), e.channel(), e);
    }

    public static EventEnvelope of(DeliveryReported e, String source) {
        return of(Topics.DELIVERY_REPORTS, e.ticketId(), source, DeliveryReported.TYPE, e.eventId(), e.occurredAt(),
                e.ticketId(), e.conversationKey(), e.channel(), e);
    }

    public static EventEnvelope of(SlaEvent e, String source) {
        String type = e instanceof SlaBreached ? SlaBreached.TYPE : SlaWarning.TYPE;
        return of(Topics.SLA_EVENTS, e.ticketId(), source, type, e.eventId(), e.occurredAt(), e.ticketId(),
                e.conversationKey(), e.channel(), e);
    }

    public static EventEnvelope of(CustomerErased e, String source) {
        return of(Topics.PRIVACY_EVENTS, e.customerId(), source, CustomerErased.TYPE, e.eventId(), e.occurredAt(),
                e.customerId(), null, null, e);
    }

    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String toString() {
        return "EventEnvelope[" + topic + ", key=" + key + ", " + headers + ", "
                + new String(value, StandardCharsets.UTF_8) + "]";
    }
}
