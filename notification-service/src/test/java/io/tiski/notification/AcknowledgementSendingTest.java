package io.tiski.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.DeliveryReported;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.OutboundEmail;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "notification"))
class AcknowledgementSendingTest {
    final TopicProbe topics = TopicProbe.ofTestBroker();
    final GreenMail mail = MailTestResource.server().greenMail();

    static OutboundMessageRequested ack(String to, String name, String language, long number, String subject) {
        String requestId = UUID.randomUUID().toString();
        String ticketId = UUID.randomUUID().toString();
        return new OutboundMessageRequested(requestId, Instant.now(), ticketId, number, Channel.EMAIL,
                "email:orig-" + requestId + "@example.fi", OutboundKind.ACKNOWLEDGEMENT, new Participant(to, name),
                language, subject, null, null, null, new OutboundEmail("ack." + requestId + "@tiski.localhost",
                        "orig-" + requestId + "@example.fi", List.of("orig-" + requestId + "@example.fi"),
                        "support@localhost", "support@localhost"), List.of());
    }

    /** The decoded text/plain part of a multipart/alternative mail. */
    static String textPart(MimeMessage message) throws Exception {
        String text = textOf((jakarta.mail.internet.MimeMultipart) message.getContent());
        if (text == null) {
            throw new AssertionError("no text/plain part in " + message.getContentType());
        }
        return text;
    }

    private static String textOf(jakarta.mail.internet.MimeMultipart parts) throws Exception {
        for (int i = 0; i < parts.getCount(); i++) {
            jakarta.mail.BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain") && !jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                String nested = textOf((jakarta.mail.internet.MimeMultipart) part.getContent());
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    MimeMessage[] inbox(String address) throws Exception {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

    @Test
    void aStaffNotificationIsAnAutomaticMailWithTheTicketServicesWords() throws Exception {
        OutboundMessageRequested plain = ack("team.lead@shop.example", null, "en", 5151, "x");
        OutboundMessageRequested request = new OutboundMessageRequested(plain.eventId(), plain.occurredAt(),
                plain.ticketId(), 5151, Channel.EMAIL, plain.conversationKey(), OutboundKind.NOTIFICATION,
                new Participant("team.lead@shop.example", null), "en", "SLA breached: #5151 first response (Standard)",
                "Ticket #5151 \"Koko\" missed its first response target.\n\nPolicy: Standard", null, "sla",
                new OutboundEmail("sla.x" + UUID.randomUUID() + "@tiski.localhost", null, List.of(),
                        "support@localhost", "support@localhost"), List.of());
        topics.publish(EventEnvelope.of(request, "/test"));
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox("team.lead@shop.example").length == 1);
        MimeMessage received = inbox("team.lead@shop.example")[0];
        assertThat(received.getSubject()).isEqualTo("SLA breached: #5151 first response (Standard)");
        assertThat(received.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
        assertThat(textPart(received)).contains("missed its first response target.").contains("Policy: Standard")
                .contains("sent automatically about request #5151");
    }

    @Test
    void anAcknowledgementOutOfHoursSaysWhenTheTeamIsBackAndWhenItAnswers() throws Exception {
        OutboundMessageRequested plain = ack("closed.hours@example.fi", "Kalle", "fi", 4242, "Palautus");
        Instant now = Instant.now();
        OutboundMessageRequested request = new OutboundMessageRequested(plain.eventId(), plain.occurredAt(),
                plain.ticketId(), plain.ticketNumber(), plain.channel(), plain.conversationKey(), plain.kind(),
                plain.recipient(), plain.language(), plain.subject(), null, now.plus(java.time.Duration.ofHours(3)),
                null, plain.email(), List.of(), List.of(), now.plus(java.time.Duration.ofHours(2)),
                "Europe/Helsinki");
        topics.publish(EventEnvelope.of(request, "/test"));
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> inbox("closed.hours@example.fi").length == 1);
        String text = textPart(inbox("closed.hours@example.fi")[0]);
        assertThat(text).contains("Asiakaspalvelumme on nyt kiinni. Palaamme ")
                .contains(", ja vastaamme sinulle viimeistään ");
    }

    @Test
    void acknowledgementArrivesInTheCustomersLanguageThreadedAndMarkedAutomatic() throws Exception {
        String to = "maija-" + UUID.randomUUID() + "@example.fi";
        OutboundMessageRequested request = ack(to, "Maija Meikäläinen", "fi", 1042, "Tilaus\r\nBcc: evil@x.com");
        topics.publish(EventEnvelope.of(request, "/test"));

        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(to).length == 1);
        MimeMessage received = inbox(to)[0];
        assertThat(received.getSubject()).isEqualTo("[#1042] Olemme vastaanottaneet viestisi: Tilaus Bcc: evil@x.com");
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getMessageID()).isEqualTo("<" + request.email().messageId() + ">");
        assertThat(received.getHeader("In-Reply-To")[0]).isEqualTo("<" + request.email().inReplyTo() + ">");
        assertThat(received.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(received.getHeader("X-Auto-Response-Suppress")[0]).isEqualTo("All");
        assertThat(received.getHeader("X-Tiski-Loop")).isNotNull();
        assertThat(received.getReplyTo()[0].toString()).isEqualTo("support@localhost");
        assertThat(received.getContentType()).startsWith("multipart/alternative");

        var report = topics.await(Topics.DELIVERY_REPORTS, r -> r.key().equals(request.ticketId()), 1,
                Duration.ofSeconds(20));
        DeliveryReported delivered = EventJson.read(report.get(0).value(), DeliveryReported.class);
        assertThat(delivered.status()).isEqualTo("SENT");
        assertThat(delivered.requestId()).isEqualTo(request.eventId());
    }

    @Test
    void agentReplyIsAPersonsMailThreadedIntoTheCustomersConversation() throws Exception {
        String to = "reply-" + UUID.randomUUID() + "@example.fi";
        OutboundMessageRequested ack = ack(to, "Aino", "fi", 4242, "Re: Koko 38");
        OutboundMessageRequested reply = new OutboundMessageRequested(UUID.randomUUID().toString(), Instant.now(),
                ack.ticketId(), 4242, Channel.EMAIL, ack.conversationKey(), OutboundKind.AGENT_REPLY,
                ack.recipient(), "fi", "Re: Koko 38", "Hei Aino!\n\nKyllä on.", null, "Liisa",
                new OutboundEmail("reply.x" + UUID.randomUUID() + "@tiski.localhost", ack.email().inReplyTo(),
                        List.of(ack.email().inReplyTo(), ack.email().messageId()), "support@localhost",
                        "support@localhost"), List.of());
        topics.publish(EventEnvelope.of(reply, "/test"));

        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(to).length == 1);
        MimeMessage received = inbox(to)[0];
        assertThat(received.getSubject()).isEqualTo("Re: [#4242] Koko 38");
        assertThat(received.getHeader("Auto-Submitted")).isNull();
        assertThat(received.getHeader("References")[0]).isEqualTo("<" + ack.email().inReplyTo() + "> <"
                + ack.email().messageId() + ">");
        String text = new String(received.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("Hei Aino!").contains("Liisa").contains("Verkkokauppa asiakaspalvelu");
    }

    @Test
    void aBrandsReplyCarriesItsNameAndSignature() throws Exception {
        String to = "brand-" + UUID.randomUUID() + "@example.fi";
        OutboundMessageRequested reply = new OutboundMessageRequested(UUID.randomUUID().toString(), Instant.now(),
                UUID.randomUUID().toString(), 4646, Channel.EMAIL, "email:z", OutboundKind.AGENT_REPLY,
                new io.tiski.events.v1.Participant(to, "Aino"), "fi", "Koko", "Kyllä on.", null, "Liisa",
                new OutboundEmail("reply." + UUID.randomUUID() + "@tiski.localhost", null, List.of(),
                        "outlet@localhost", "outlet@localhost"), List.of()).withBrand("outlet");
        topics.publish(EventEnvelope.of(reply, "/test"));

        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(to).length == 1);
        MimeMessage received = inbox(to)[0];
        assertThat(((jakarta.mail.internet.InternetAddress) received.getFrom()[0]).getPersonal())
                .isEqualTo("Outlet Oy");
        assertThat(textPart(received).replace("\r\n", "\n"))
                .contains("Liisa\nOutlet Oy asiakaspalvelu\nAvoinna ma–pe 8–16\nPuh. 010 123 4567\n");
    }

    @Test
    void filesAttachedToAReplyTravelAsAttachmentsOfTheMail() throws Exception {
        byte[] pdf = "%PDF-1.7 palautusohje".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String sha256 = new io.tiski.objectstore.FileSystemObjectStore(java.nio.file.Path.of("target/objects"))
                .put(pdf);
        String to = "files-" + UUID.randomUUID() + "@example.fi";
        OutboundMessageRequested reply = new OutboundMessageRequested(UUID.randomUUID().toString(), Instant.now(),
                UUID.randomUUID().toString(), 4545, Channel.EMAIL, "email:y", OutboundKind.AGENT_REPLY,
                new io.tiski.events.v1.Participant(to, "Aino"), "fi", "Palautus", "Ohje liitteenä.", null, "Liisa",
                new OutboundEmail("reply." + UUID.randomUUID() + "@tiski.localhost", null, List.of(),
                        "support@localhost", "support@localhost"), List.of(new io.tiski.events.v1.AttachmentReference(
                                sha256, "palautusohje.pdf", "application/pdf", pdf.length, null, false, null)));
        topics.publish(EventEnvelope.of(reply, "/test"));

        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(to).length == 1);
        MimeMessage received = inbox(to)[0];
        assertThat(textPart(received)).contains("Ohje liitteenä.");
        jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) received.getContent();
        jakarta.mail.BodyPart file = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if (jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
                file = parts.getBodyPart(i);
            }
        }
        assertThat(file).isNotNull();
        assertThat(file.getFileName()).isEqualTo("palautusohje.pdf");
        assertThat(file.getContentType()).startsWith("application/pdf");
        assertThat(file.getInputStream().readAllBytes()).isEqualTo(pdf);
    }

    @Test
    void aForwardReachesTheThirdPartyWithTheTicketsReplyAddress() throws Exception {
        String to = "varasto-" + UUID.randomUUID() + "@logistiikka.example.fi";
        String messageId = "forward." + UUID.randomUUID() + "@tiski.localhost";
        OutboundMessageRequested forward = new OutboundMessageRequested(UUID.randomUUID().toString(), Instant.now(),
                UUID.randomUUID().toString(), 4343, Channel.EMAIL, "email:x", OutboundKind.FORWARD,
                new io.tiski.events.v1.Participant(to, null), "fi", "Fwd: Missä paketti?",
                "Lähtikö tilaus jo?\n\n---------- Forwarded message ----------\nPaketti ei tullut.", null, "Maija",
                new OutboundEmail(messageId, null, List.of(), "support@localhost", "support@localhost"), List.of());
        topics.publish(EventEnvelope.of(forward, "/test"));

        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(to).length == 1);
        MimeMessage received = inbox(to)[0];
        assertThat(received.getSubject()).isEqualTo("Fwd: [#4343] Missä paketti?");
        assertThat(received.getMessageID()).isEqualTo("<" + messageId + ">");
        assertThat(received.getReplyTo()[0].toString()).isEqualTo("support@localhost");
        assertThat(received.getHeader("Auto-Submitted")).isNull();
        assertThat(textPart(received)).contains("Lähtikö tilaus jo?").contains("Paketti ei tullut.")
                .contains("Maija");
        DeliveryReported delivered = EventJson.read(topics.await(Topics.DELIVERY_REPORTS,
                r -> r.key().equals(forward.ticketId()), 1, Duration.ofSeconds(20)).get(0).value(),
                DeliveryReported.class);
        assertThat(delivered.status()).isEqualTo("SENT");
    }

    @Test
    void aSurveyIsAnAutomaticMailWithTheTwoAnswerLinks() throws Exception {
        String to = "survey-" + UUID.randomUUID() + "@example.se";
        String link = "https://help.example.se/public/surveys/" + "A".repeat(43);
        OutboundMessageRequested survey = new OutboundMessageRequested(UUID.randomUUID().toString(), Instant.now(),
                UUID.randomUUID().toString(), 4545, Channel.EMAIL, "email:s", OutboundKind.SURVEY,
                new io.tiski.events.v1.Participant(to, "Maja"), "sv", "Retur av jacka", null, null, null,
                new OutboundEmail("survey." + UUID.randomUUID() + "@tiski.localhost", null, List.of(),
                        "support@localhost", "support@localhost"), List.of(), List.of(), null, null, link);
        topics.publish(EventEnvelope.of(survey, "/test"));

        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(to).length == 1);
        MimeMessage received = inbox(to)[0];
        assertThat(received.getSubject()).isEqualTo("[#4545] Hur gick det? Retur av jacka");
        assertThat(received.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
        assertThat(received.getHeader("X-Auto-Response-Suppress")[0]).isEqualTo("All");
        assertThat(textPart(received)).contains("Hej Maja").contains(link + "?rating=good")
                .contains(link + "?rating=bad");
    }

    @Test
    void theSameRequestDeliveredTwiceSendsOneMail() throws Exception {
        String to = "twice-" + UUID.randomUUID() + "@example.se";
        OutboundMessageRequested request = ack(to, null, "sv", 2001, "Retur");
        topics.publish(EventEnvelope.of(request, "/test"));
        topics.publish(EventEnvelope.of(request, "/test"));
        topics.await(Topics.DELIVERY_REPORTS, r -> r.key().equals(request.ticketId()), 1, Duration.ofSeconds(20));
        assertThat(topics.readAll(Topics.DELIVERY_REPORTS, r -> r.key().equals(request.ticketId()),
                Duration.ofSeconds(2))).hasSize(1);
        assertThat(inbox(to)).hasSize(1);
        assertThat(inbox(to)[0].getSubject()).startsWith("[#2001] Vi har tagit emot ditt meddelande");
    }

    @Test
    void anUnreadableRequestIsDeadLetteredAndTheMailBehindItStillGoesOut() throws Exception {
        String to = "behind-poison-" + UUID.randomUUID() + "@example.fi";
        OutboundMessageRequested good = ack(to, "Aino", "fi", 4001, "Tilaus");
        String poisonId = "poison-" + UUID.randomUUID();
        // the same key, so the same partition: the good request is consumed after the unreadable one
        topics.publish(Topics.OUTBOUND_MESSAGES, good.ticketId(), java.util.Map.of(
                io.tiski.events.v1.CloudEventHeaders.TYPE, OutboundMessageRequested.TYPE,
                io.tiski.events.v1.CloudEventHeaders.CHANNEL, "EMAIL", io.tiski.events.v1.CloudEventHeaders.ID,
                poisonId), "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        topics.publish(EventEnvelope.of(good, "/test"));

        topics.await(Topics.deadLetterTopicOf(Topics.OUTBOUND_MESSAGES), r -> poisonId.equals(TopicProbe.header(r,
                io.tiski.events.v1.CloudEventHeaders.ID)), 1, Duration.ofSeconds(20));
        DeliveryReported sent = EventJson.read(topics.await(Topics.DELIVERY_REPORTS,
                r -> r.key().equals(good.ticketId()), 1, Duration.ofSeconds(20)).get(0).value(),
                DeliveryReported.class);
        assertThat(sent.requestId()).isEqualTo(good.eventId());
        assertThat(sent.status()).isEqualTo("SENT");
        assertThat(inbox(to)).hasSize(1);
    }

    @Test
    void aSocialReplyIsLeftToSocialIngestService() throws Exception {
        String to = "on-messenger-" + UUID.randomUUID() + "@example.fi";
        OutboundMessageRequested email = ack(to, "Aino", "fi", 4002, "Tilaus");
        OutboundMessageRequested social = new OutboundMessageRequested(UUID.randomUUID().toString(), Instant.now(),
                email.ticketId(), 4002, Channel.MESSENGER, "messenger:shop:" + UUID.randomUUID(),
                OutboundKind.AGENT_REPLY, new Participant(to, "Aino"), "fi", "Tilaus", "Paketti on matkalla", null,
                null, null, List.of());
        // the same ticket, so the same partition: the email request is consumed after the social one
        topics.publish(EventEnvelope.of(social, "/test"));
        topics.publish(EventEnvelope.of(email, "/test"));

        topics.await(Topics.DELIVERY_REPORTS, r -> r.key().equals(email.ticketId()), 1, Duration.ofSeconds(20));
        assertThat(topics.readAll(Topics.DELIVERY_REPORTS, r -> r.key().equals(email.ticketId()),
                Duration.ofSeconds(2))).extracting(r -> EventJson.read(r.value(), DeliveryReported.class).requestId())
                .containsExactly(email.eventId());
        assertThat(inbox(to)).hasSize(1);
    }

    @Test
    void theFourthAcknowledgementToOneAddressWithinADayIsSkipped() throws Exception {
        String to = "chatty-" + UUID.randomUUID() + "@example.com";
        OutboundMessageRequested last = null;
        for (int i = 1; i <= 4; i++) {
            OutboundMessageRequested request = ack(to, "Chatty", "en", 3000 + i, "Question " + i);
            topics.publish(EventEnvelope.of(request, "/test"));
            topics.await(Topics.DELIVERY_REPORTS, r -> r.key().equals(request.ticketId()), 1, Duration.ofSeconds(20));
            last = request;
        }
        String lastTicket = last.ticketId();
        DeliveryReported skipped = EventJson.read(topics.await(Topics.DELIVERY_REPORTS,
                r -> r.key().equals(lastTicket), 1, Duration.ofSeconds(5)).get(0).value(), DeliveryReported.class);
        assertThat(skipped.status()).isEqualTo("SKIPPED");
        assertThat(skipped.reason()).contains("already got 3 acknowledgements");
        assertThat(inbox(to)).hasSize(3);
    }
}
