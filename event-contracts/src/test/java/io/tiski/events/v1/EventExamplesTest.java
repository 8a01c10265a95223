package io.tiski.events.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The examples published in docs/events.md are valid events and survive a round trip unchanged. */
class EventExamplesTest {

    static byte[] example(String name) throws IOException {
        try (InputStream in = EventExamplesTest.class.getResourceAsStream("examples/" + name + ".json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void inboundMessageExampleCarriesEverythingTheTicketServiceNeeds() throws IOException {
        InboundMessageReceived e = EventJson.read(example("InboundMessageReceived"), InboundMessageReceived.class);
        assertThat(e.channel()).isEqualTo(Channel.EMAIL);
        assertThat(e.from().displayName()).isEqualTo("Maija Meikäläinen");
        assertThat(e.email().messageId()).isEqualTo(e.sourceMessageId());
        assertThat(e.classification().mayBeAcknowledged()).isTrue();
        assertThat(EventJson.read(EventJson.write(e), InboundMessageReceived.class)).isEqualTo(e);
    }

    @Test
    void everyExampleReadsAsItsType() throws IOException {
        assertThat(EventJson.read(example("TicketCreated"), TicketCreated.class).ticketNumber()).isEqualTo(1001);
        assertThat(EventJson.read(example("MessageAdded"), MessageAdded.class).direction()).isEqualTo("INBOUND");
        assertThat(EventJson.read(example("TicketStatusChanged"), TicketStatusChanged.class).toStatus())
                .isEqualTo("OPEN");
        OutboundMessageRequested out = EventJson.read(example("OutboundMessageRequested"),
                OutboundMessageRequested.class);
        assertThat(out.kind()).isEqualTo(OutboundKind.ACKNOWLEDGEMENT);
        assertThat(out.email().references()).containsExactly("CAF7x1-abc@mail.example.fi");
        assertThat(EventJson.read(example("DeliveryReported"), DeliveryReported.class).status()).isEqualTo("SENT");
        assertThat(EventJson.read(example("SlaWarning"), SlaWarning.class).remainingSeconds()).isEqualTo(900);
        assertThat(EventJson.read(example("SlaBreached"), SlaBreached.class).notifyAddresses())
                .containsExactly("lead@shop.example");
    }

    @Test
    void customerErasedNamesWhatToForgetAndIsKeyedByCustomer() throws IOException {
        CustomerErased erased = EventJson.read(example("CustomerErased"), CustomerErased.class);
        assertThat(erased.needles()).containsExactly("maija@example.fi", "+358401234567",
                "CAF7x1-abc@mail.example.fi");
        EventEnvelope envelope = EventEnvelope.of(erased, "/tiski/ticket-service");
        assertThat(envelope.topic()).isEqualTo(Topics.PRIVACY_EVENTS);
        assertThat(envelope.key()).isEqualTo(erased.customerId());
        assertThat(EventJson.read(envelope.value(), CustomerErased.class)).isEqualTo(erased);
    }

    @Test
    void slaEventsAreKeyedByTicketIdOnTheirOwnTopic() throws IOException {
        SlaBreached breached = EventJson.read(example("SlaBreached"), SlaBreached.class);
        EventEnvelope envelope = EventEnvelope.of(breached, "/tiski/ticket-service");
        assertThat(envelope.topic()).isEqualTo(Topics.SLA_EVENTS);
        assertThat(envelope.key()).isEqualTo(breached.ticketId());
        assertThat(envelope.header(CloudEventHeaders.TYPE)).isEqualTo(SlaBreached.TYPE);
        assertThat(EventJson.read(envelope.value(), SlaBreached.class)).isEqualTo(breached);
    }

    @Test
    void envelopeUsesCloudEventsBinaryModeAndConversationKeyAsRecordKey() throws IOException {
        InboundMessageReceived e = EventJson.read(example("InboundMessageReceived"), InboundMessageReceived.class);
        EventEnvelope envelope = EventEnvelope.of(e, "/tiski/email-ingest-service");
        assertThat(envelope.topic()).isEqualTo(Topics.INBOUND_MESSAGES);
        assertThat(envelope.key()).isEqualTo("email:CAF7x1-abc@mail.example.fi");
        assertThat(envelope.header(CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(envelope.header(CloudEventHeaders.ID)).isEqualTo(e.eventId());
        assertThat(envelope.header(CloudEventHeaders.TYPE)).isEqualTo(InboundMessageReceived.TYPE);
        assertThat(envelope.header(CloudEventHeaders.TIME)).isEqualTo("2026-11-23T18:05:12Z");
        assertThat(new String(envelope.value(), StandardCharsets.UTF_8)).contains("\"channel\":\"EMAIL\"");
    }

    @Test
    void ticketEventsAreKeyedByTicketId() throws IOException {
        TicketCreated created = EventJson.read(example("TicketCreated"), TicketCreated.class);
        EventEnvelope envelope = EventEnvelope.of(created, "/tiski/ticket-service");
        assertThat(envelope.topic()).isEqualTo(Topics.TICKET_EVENTS);
        assertThat(envelope.key()).isEqualTo(created.ticketId());
        assertThat(envelope.header(CloudEventHeaders.TYPE)).isEqualTo(TicketCreated.TYPE);
    }

    @Test
    void malformedJsonIsReportedWithTheTypeItShouldHaveBeen() {
        assertThatThrownBy(() -> EventJson.read("{\"channel\":\"CARRIER_PIGEON\"}".getBytes(StandardCharsets.UTF_8),
                InboundMessageReceived.class))
                .isInstanceOf(EventJson.MalformedEventException.class)
                .hasMessageContaining("InboundMessageReceived");
    }

    @Test
    void everyTopicHasADeadLetterTopic() {
        assertThat(Topics.all()).extracting(Topics.TopicSpec::name)
                .contains(Topics.INBOUND_MESSAGES, "tiski.inbound-messages.v1.dlt", "tiski.outbound-messages.v1.dlt");
    }
}
