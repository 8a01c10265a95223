package io.tiski.ticket.messaging;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.ticket.service.InboundMessageService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes every channel's inbound messages, a poll's worth of records at a time, and applies them in one
 * transaction ({@link RecordBatches} says what happens when that fails). Records of one conversation arrive in
 * order (same key, same partition) and are applied in that order, so a reply right after the message it answers
 * threads into the ticket that message opened.
 */
@ApplicationScoped
public class InboundMessageConsumer {
    private final InboundMessageService service;
    private final RecordBatches batches;
    private final DistributionSummary batchSizes;

    InboundMessageConsumer(InboundMessageService service, RecordBatches batches, MeterRegistry metrics) {
        this.service = service;
        this.batches = batches;
        this.batchSizes = DistributionSummary.builder("tiski.inbound.batch.size")
                .description("Inbound records applied in one transaction").register(metrics);
    }

    @Incoming("inbound-messages")
    @Blocking
    public void receive(ConsumerRecords<String, byte[]> records) {
        batchSizes.record(records.count());
        batches.apply("inbound messages", records, InboundMessageConsumer::read, service::receiveAll,
                service::receive);
    }

    static InboundMessageReceived read(ConsumerRecord<String, byte[]> record) {
        InboundMessageReceived event = RecordBatches.readEvent(record, InboundMessageReceived.TYPE,
                InboundMessageReceived.class);
        if (event.eventId() == null || event.channel() == null || event.from() == null
                || event.from().address() == null || event.sourceMessageId() == null
                || event.conversationKey() == null) {
            throw new EventJson.MalformedEventException(
                    "InboundMessageReceived lacks eventId, channel, from, sourceMessageId or conversationKey", null);
        }
        return event;
    }
}
