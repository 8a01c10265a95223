package io.tiski.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.CustomerErased;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.PersonalDataScan;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import io.tiski.notification.repository.OutboundDelivery;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** When ticket-service erases a customer, the delivery ledger and the outbox forget their address too. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "notification"))
class CustomerErasureTest {
    final TopicProbe topics = TopicProbe.ofTestBroker();

    @Inject
    DataSource dataSource;

    @Test
    void anErasedCustomersAddressLeavesTheLedgerAndTheCountsStay() {
        String address = "poistettava." + UUID.randomUUID().toString().substring(0, 8) + "@example.fi";
        OutboundMessageRequested ack = AcknowledgementSendingTest.ack(address, "Erkki Poistettava", "fi", 4242,
                "Palautus");
        topics.publish(EventEnvelope.of(ack, "/test"));
        await().atMost(Duration.ofSeconds(30)).until(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> {
                    OutboundDelivery delivery = OutboundDelivery.findById(ack.eventId());
                    return delivery != null && OutboundDelivery.SENT.equals(delivery.status);
                }));
        assertThat(PersonalDataScan.rowsContaining(dataSource, address)).containsKey("outbound_delivery");

        topics.publish(EventEnvelope.of(new CustomerErased(UUID.randomUUID().toString(), Instant.now(),
                UUID.randomUUID().toString(), List.of(new CustomerErased.Identity("EMAIL", address.toUpperCase())),
                List.of(), List.of(), List.of(), "REQUEST"), "/test"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(PersonalDataScan.rowsContaining(
                dataSource, address)).as("tables still holding the address").isEmpty());
        OutboundDelivery kept = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> OutboundDelivery.findById(ack.eventId()));
        assertThat(kept.status).as("the delivery still counts").isEqualTo(OutboundDelivery.SENT);
        assertThat(kept.recipient).isEqualTo("[erased]");
    }
}
