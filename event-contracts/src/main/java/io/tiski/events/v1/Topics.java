package io.tiski.events.v1;

import java.util.List;

/** The Kafka topics of Tiski's published events, with their partition counts and dead-letter topics. */
public final class Topics {
    /** Every customer message from every ingest service. Key: conversation key. */
    public static final String INBOUND_MESSAGES = "tiski.inbound-messages.v1";
    /** TicketCreated, MessageAdded, TicketStatusChanged. Key: ticket id. */
    public static final String TICKET_EVENTS = "tiski.ticket-events.v1";
    /** OutboundMessageRequested. Key: ticket id. */
    public static final String OUTBOUND_MESSAGES = "tiski.outbound-messages.v1";
    /** DeliveryReported. Key: ticket id. */
    public static final String DELIVERY_REPORTS = "tiski.delivery-reports.v1";
    /** SlaWarning, SlaBreached. Key: ticket id. */
    public static final String SLA_EVENTS = "tiski.sla-events.v1";
    /** CustomerErased. Key: customer id. */
    public static final String PRIVACY_EVENTS = "tiski.privacy-events.v1";

    /** Records a consumer could not process, with the reason in the dead-letter headers. */
    public static String deadLetterTopicOf(String topic) {
        return topic + ".dlt";
    }

    /** A topic with the partition count it is created with. */
    public record TopicSpec(String name, int partitions) {
    }

    public static final int PARTITIONS = 12;

    public static List<TopicSpec> all() {
        return List.of(INBOUND_MESSAGES, TICKET_EVENTS, OUTBOUND_MESSAGES, DELIVERY_REPORTS, SLA_EVENTS,
                PRIVACY_EVENTS).stream().flatMap(t -> List.of(new TopicSpec(t, t.equals(PRIVACY_EVENTS) ? 1
                        : PARTITIONS), new TopicSpec(deadLetterTopicOf(t), 1)).stream()).toList();
    }

    private Topics() {
    }
}
