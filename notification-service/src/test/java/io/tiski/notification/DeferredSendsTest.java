package io.tiski.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.CustomerErased;
import io.tiski.events.v1.DeliveryReported;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.PersonalDataScan;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import io.tiski.notification.repository.OutboundDelivery;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Mail a server puts off (greylisting, a rate limit, the server down) waits in the ledger, not in a sender: the
 * rest of the mail goes on meanwhile, the put-off mail goes out once when the server takes it, and the ticket hears
 * that it is delayed and, after the give-up time, that it failed. The same test resources as
 * {@link BrandMailServersTest}, so both run in one application.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(BrandMailServersResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "notification"))
class DeferredSendsTest {
    final TopicProbe topics = TopicProbe.ofTestBroker();

    @Inject
    DataSource dataSource;

    /**
     * Mail still put off when a test ends (the greylisting server never takes it) leaves the schedule, so that it
     * is not tried again beside the next tests of this application.
     */
    @org.junit.jupiter.api.AfterEach
    void noMailLeftPutOff() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE outbound_delivery SET status = 'FAILED', reason = 'the test ended', next_attempt_at = NULL, "
                        + "request = NULL WHERE next_attempt_at IS NOT NULL")) {
            st.executeUpdate();
        }
    }

    static OutboundDelivery delivery(String requestId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboundDelivery.findById(requestId));
    }

    static String status(String requestId) {
        OutboundDelivery delivery = delivery(requestId);
        return delivery == null ? null : delivery.status;
    }

    /** The reports of one request's ticket, in the order they were published. */
    List<DeliveryReported> reports(OutboundMessageRequested request, int atLeast) {
        return topics.await(Topics.DELIVERY_REPORTS, r -> r.key().equals(request.ticketId()), atLeast,
                Duration.ofSeconds(30)).stream().map(r -> EventJson.read(r.value(), DeliveryReported.class)).toList();
    }

    @Test
    void mailToAGreylistingServerWaitsInTheLedgerWhileOtherMailGoesOut() {
        // more put-off mails than there are senders: had they kept their senders, nothing else would go out
        List<OutboundMessageRequested> putOff = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            putOff.add(BrandMailServersTest.reply("grey-" + i + "-" + UUID.randomUUID() + "@example.se",
                    "greylisting", "support@greylisting.example"));
        }
        putOff.forEach(request -> topics.publish(EventEnvelope.of(request, "/test")));
        String to = "aino-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(AcknowledgementSendingTest.ack(to, "Aino", "fi", 5150, "Tilaus"), "/test"));

        await().atMost(Duration.ofSeconds(20)).until(() -> BrandMailServersTest.received(
                MailTestResource.server().greenMail(), to).length == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> putOff.stream().allMatch(request -> {
            OutboundDelivery delivery = delivery(request.eventId());
            return delivery != null && delivery.deferredSince != null && delivery.attempts >= 2;
        }));
        for (OutboundMessageRequested request : putOff) {
            OutboundDelivery delivery = delivery(request.eventId());
            assertThat(delivery.status).as("never refused for good").isIn(OutboundDelivery.DEFERRED,
                    OutboundDelivery.SENDING);
            // the server's own words, not a timeout (the mail client is called on an event loop, ADR 0003)
            assertThat(delivery.reason).contains("answered 451 4.7.1 Greylisted");
            assertThat(delivery.nextAttemptAt).isNotNull();
        }
        List<DeliveryReported> delayed = putOff.stream().map(request -> reports(request, 1).get(0)).toList();
        assertThat(delayed).extracting(DeliveryReported::status).containsOnly("DELAYED");
        assertThat(delayed).extracting(DeliveryReported::reason).allSatisfy(reason -> assertThat(reason)
                .contains("answered 451 4.7.1 Greylisted").doesNotContain("451 451"));
        assertThat(delayed.get(0).providerMessageId()).isEqualTo(putOff.get(0).email().messageId());
        // put off again and again, the ticket hears it once, and the request is no dead letter
        assertThat(topics.readAll(Topics.DELIVERY_REPORTS, r -> r.key().equals(putOff.get(1).ticketId()),
                Duration.ofSeconds(2))).hasSize(1);
        assertThat(topics.readAll(Topics.deadLetterTopicOf(Topics.OUTBOUND_MESSAGES), r -> new String(r.value(),
                java.nio.charset.StandardCharsets.UTF_8).contains("greylisting.example"), Duration.ofSeconds(2)))
                .isEmpty();
    }

    @Test
    void mailPutOffWhileItsServerIsDownGoesOutOnceAsSoonAsItIsBack() throws Exception {
        List<OutboundMessageRequested> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(BrandMailServersTest.reply("back-" + i + "-" + UUID.randomUUID() + "@example.se",
                    "returning", "support@returning.example"));
        }
        requests.forEach(request -> topics.publish(EventEnvelope.of(request, "/test")));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.stream().allMatch(r -> delivery(r.eventId())
                != null && delivery(r.eventId()).deferredSince != null));
        assertThat(delivery(requests.get(0).eventId()).reason).contains("could not be reached");
        // a redelivery of a deferred request (a consumer that died before committing its offset) is the
        // schedule's: it does not send a second copy beside it
        requests.forEach(request -> topics.publish(EventEnvelope.of(request, "/test")));
        // as after a long outage, their next attempts an hour away
        List<String> ids = requests.stream().map(OutboundMessageRequested::eventId).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            postpone(ids, Duration.ofHours(1));
            return ids.stream().map(DeferredSendsTest::delivery).allMatch(d -> OutboundDelivery.DEFERRED.equals(
                    d.status) && d.nextAttemptAt.isAfter(Instant.now().plus(Duration.ofMinutes(30))));
        });

        BrandMailServersResource.returning.start();
        // the first mail the server accepts again makes those waiting for it due at once
        OutboundMessageRequested first = BrandMailServersTest.reply("first-" + UUID.randomUUID() + "@example.se",
                "returning", "support@returning.example");
        topics.publish(EventEnvelope.of(first, "/test"));
        for (OutboundMessageRequested request : requests) {
            String to = request.recipient().address();
            await().atMost(Duration.ofSeconds(30)).until(() -> BrandMailServersTest.received(
                    BrandMailServersResource.returning, to).length >= 1);
            List<DeliveryReported> reports = reports(request, 2);
            assertThat(reports).extracting(DeliveryReported::status).containsExactly("DELAYED", "SENT");
            OutboundDelivery sent = delivery(request.eventId());
            assertThat(sent.status).isEqualTo(OutboundDelivery.SENT);
            assertThat(sent.attempts).isGreaterThanOrEqualTo(2);
            assertThat(sent.request).as("the copy kept for the next attempt is gone").isNull();
            assertThat(sent.nextAttemptAt).isNull();
        }
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> requests.stream()
                .allMatch(r -> BrandMailServersTest.received(BrandMailServersResource.returning,
                        r.recipient().address()).length == 1));
    }

    @Test
    void anAttemptThatHangsHoldsOneSenderWhileTheOtherPutOffMailGoesOut() throws Exception {
        // a relay that takes the connection and never greets: each attempt lasts until the SMTP timeout
        OutboundMessageRequested hanging = BrandMailServersTest.reply("hang-" + UUID.randomUUID() + "@example.se",
                "silent", "support@silent.example");
        topics.publish(EventEnvelope.of(hanging, "/test"));
        await().atMost(Duration.ofSeconds(30)).until(() -> OutboundDelivery.DEFERRED.equals(status(
                hanging.eventId())));
        assertThat(delivery(hanging.eventId()).reason).contains("did not finish within");

        // more put-off mail than there are senders for it, through the default server (which takes it), due at
        // the same moment as the hanging one's next attempt, which is taken first
        List<OutboundMessageRequested> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            others.add(BrandMailServersTest.reply("other-" + i + "-" + UUID.randomUUID() + "@example.fi", null,
                    "support@verkkokauppa.example"));
        }
        int[] attemptsBefore = new int[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement due = c.prepareStatement("UPDATE outbound_delivery SET next_attempt_at = "
                        + "now() - interval '1 minute' WHERE request_id = ? AND status = 'DEFERRED' "
                        + "RETURNING attempts")) {
                    due.setString(1, hanging.eventId());
                    try (java.sql.ResultSet rs = due.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback(); // in an attempt right now: the next gap between two
                            return false;
                        }
                        attemptsBefore[0] = rs.getInt(1);
                    }
                }
                try (PreparedStatement putOff = c.prepareStatement("INSERT INTO outbound_delivery (request_id, "
                        + "ticket_id, kind, channel, recipient, message_id, status, reason, attempts, requested_at, "
                        + "updated_at, next_attempt_at, deferred_since, request) VALUES (?, ?, 'AGENT_REPLY', "
                        + "'EMAIL', ?, ?, 'DEFERRED', '421 4.3.2 Try again later', 1, now(), now(), now(), now(), "
                        + "?)")) {
                    for (OutboundMessageRequested other : others) {
                        putOff.setString(1, other.eventId());
                        putOff.setString(2, other.ticketId());
                        putOff.setString(3, other.recipient().address());
                        putOff.setString(4, other.email().messageId());
                        putOff.setBytes(5, EventJson.write(other));
                        putOff.addBatch();
                    }
                    putOff.executeBatch();
                }
                c.commit();
                return true;
            }
        });

        // taken first: it holds its sender until the SMTP timeout, for the server never greets
        Instant[] taken = new Instant[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            OutboundDelivery d = delivery(hanging.eventId());
            taken[0] = d.updatedAt;
            return d.attempts == attemptsBefore[0] + 1 && OutboundDelivery.SENDING.equals(d.status);
        });
        Instant hangingEnds = taken[0].plus(ConfigProvider.getConfig().getValue(
                "tiski.notifications.smtp-timeout", Duration.class));

        for (OutboundMessageRequested other : others) {
            await().atMost(Duration.ofSeconds(30)).until(() -> BrandMailServersTest.received(
                    MailTestResource.server().greenMail(), other.recipient().address()).length == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> OutboundDelivery.SENT.equals(status(
                    other.eventId())));
        }
        // had the hanging attempt held up the others taken with it, at most concurrency - 1 (7) of them would have
        // gone out while it hung
        assertThat(others).as("every other mail went out while the hanging attempt held its sender")
                .allSatisfy(other -> assertThat(delivery(other.eventId()).sentAt).isBefore(hangingEnds));
    }

    /** Moves the next attempt of those of the requests that are DEFERRED {@code by} from now. */
    void postpone(List<String> requestIds, Duration by) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE outbound_delivery SET next_attempt_at = ? WHERE request_id = ANY (?) "
                        + "AND status = 'DEFERRED'")) {
            st.setObject(1, Instant.now().plus(by).atOffset(java.time.ZoneOffset.UTC));
            st.setArray(2, c.createArrayOf("varchar", requestIds.toArray()));
            st.executeUpdate();
        }
    }

    @Test
    void mailPutOffLongerThanTheGiveUpTimeFailsWithTheServersLastAnswer() throws Exception {
        // one just past the give-up time (it fails when its next attempt is put off again), one long past it (its
        // attempts ended otherwise, say its process died in each: it fails without another)
        for (Duration putOffFor : List.of(Duration.ofDays(1), Duration.ofDays(3))) {
            OutboundMessageRequested request = BrandMailServersTest.reply("late-" + UUID.randomUUID()
                    + "@example.se", "greylisting", "support@greylisting.example");
            topics.publish(EventEnvelope.of(request, "/test"));
            await().atMost(Duration.ofSeconds(30)).until(() -> OutboundDelivery.DEFERRED.equals(status(
                    request.eventId())));

            try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                    "UPDATE outbound_delivery SET deferred_since = ? WHERE request_id = ?")) {
                st.setObject(1, Instant.now().minus(putOffFor).atOffset(java.time.ZoneOffset.UTC));
                st.setString(2, request.eventId());
                assertThat(st.executeUpdate()).isEqualTo(1);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> OutboundDelivery.FAILED.equals(status(
                    request.eventId())));
            List<DeliveryReported> reports = reports(request, 2);
            assertThat(reports).extracting(DeliveryReported::status).containsExactly("DELAYED", "FAILED");
            assertThat(reports.get(1).reason()).as(putOffFor.toString()).contains("within 1 day")
                    .contains("451 4.7.1 Greylisted");
            OutboundDelivery failed = delivery(request.eventId());
            assertThat(failed.request).isNull();
            assertThat(failed.nextAttemptAt).isNull();
        }
    }

    @Test
    void anErasedCustomersPutOffMailIsNeitherSentNorKept() {
        String address = "poistettava." + UUID.randomUUID().toString().substring(0, 8) + "@example.fi";
        OutboundMessageRequested request = BrandMailServersTest.reply(address, "greylisting",
                "support@greylisting.example");
        topics.publish(EventEnvelope.of(request, "/test"));
        await().atMost(Duration.ofSeconds(30)).until(() -> OutboundDelivery.DEFERRED.equals(status(
                request.eventId())));

        topics.publish(EventEnvelope.of(new CustomerErased(UUID.randomUUID().toString(), Instant.now(),
                UUID.randomUUID().toString(), List.of(new CustomerErased.Identity("EMAIL", address)), List.of(),
                List.of(), List.of(), "REQUEST"), "/test"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(PersonalDataScan.rowsContaining(
                dataSource, address)).as("tables still holding the address").isEmpty());
        OutboundDelivery forgotten = delivery(request.eventId());
        assertThat(forgotten.status).isEqualTo(OutboundDelivery.FAILED);
        assertThat(forgotten.request).isNull();
        assertThat(forgotten.nextAttemptAt).isNull();
    }
}
