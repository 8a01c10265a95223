package io.tiski.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.Test;

/** A brand with a mail server of its own: its login, its DKIM signature, and a refusal reported on the ticket. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(BrandMailServersResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "notification"))
class BrandMailServersTest {
    final TopicProbe topics = TopicProbe.ofTestBroker();

    static OutboundMessageRequested reply(String to, String brand, String from) {
        return new OutboundMessageRequested(UUID.randomUUID().toString(), Instant.now(),
                UUID.randomUUID().toString(), 7070, Channel.EMAIL, "email:b-" + UUID.randomUUID(),
                OutboundKind.AGENT_REPLY, new Participant(to, "Maja"), "sv", "Storlek på jackan",
                "Hej Maja!\n\nJackan finns i storlek M.", null, "Liisa", new OutboundEmail("reply."
                        + UUID.randomUUID() + "@" + from.substring(from.indexOf('@') + 1), null, List.of(), from,
                        from), List.of()).withBrand(brand);
    }

    static MimeMessage[] received(com.icegreen.greenmail.util.GreenMail server, String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

    static byte[] raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** Verifies as a receiving server does, with the key the brand publishes in DNS. */
    static List<SignatureRecord> verify(byte[] mail) throws Exception {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            if (BrandMailServersResource.DKIM_SELECTOR.contentEquals(selector)
                    && BrandMailServersResource.DKIM_DOMAIN.contentEquals(domain)) {
                return List.of(BrandMailServersResource.dkimRecord());
            }
            throw new PermFailException("no key published at " + selector + "._domainkey." + domain);
        });
        return verifier.verify(new ByteArrayInputStream(mail));
    }

    @Test
    void aBrandsMailLeavesThroughItsOwnServerWithItsLoginAndASignatureReceiversAccept() throws Exception {
        String to = "maja-" + UUID.randomUUID() + "@example.se";
        OutboundMessageRequested request = reply(to, "Relayed", "support@relayed.example");
        topics.publish(EventEnvelope.of(request, "/test"));

        await().atMost(Duration.ofSeconds(20)).until(() -> received(BrandMailServersResource.relay, to).length == 1);
        assertThat(received(MailTestResource.server().greenMail(), to)).isEmpty();
        MimeMessage mail = received(BrandMailServersResource.relay, to)[0];
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Relayed Shop AB");
        String signature = mail.getHeader("DKIM-Signature")[0].replaceAll("\\s", "");
        assertThat(signature).contains("d=" + BrandMailServersResource.DKIM_DOMAIN)
                .contains("s=" + BrandMailServersResource.DKIM_SELECTOR).contains("a=rsa-sha256");

        byte[] bytes = raw(mail);
        List<SignatureRecord> valid = verify(bytes);
        assertThat(valid).hasSize(1);
        assertThat(valid.get(0).getDToken().toString()).isEqualTo(BrandMailServersResource.DKIM_DOMAIN);
        assertThat(valid.get(0).getHeaders().stream().map(CharSequence::toString).map(String::toLowerCase))
                .contains("from", "subject", "message-id", "reply-to");

        // the signature is worth something only if a changed mail fails it
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        byte[] forgedSubject = text.replace("Subject: ", "Subject: Urgent: ").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> verify(forgedSubject)).isInstanceOf(FailException.class);
        byte[] forgedBody = text.replace("storlek M", "storlek XL").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(forgedBody).isNotEqualTo(bytes);
        assertThatThrownBy(() -> verify(forgedBody)).isInstanceOf(FailException.class);

        DeliveryReported delivered = EventJson.read(topics.await(Topics.DELIVERY_REPORTS,
                r -> r.key().equals(request.ticketId()), 1, Duration.ofSeconds(20)).get(0).value(),
                DeliveryReported.class);
        assertThat(delivered.status()).isEqualTo("SENT");
    }

    @Test
    void aBrandWithoutAServerOfItsOwnSendsThroughTheDefaultOneUnsigned() throws Exception {
        String to = "aino-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(reply(to, "outlet", "outlet@localhost"), "/test"));

        await().atMost(Duration.ofSeconds(20)).until(() -> received(MailTestResource.server().greenMail(), to)
                .length == 1);
        assertThat(received(BrandMailServersResource.relay, to)).isEmpty();
        assertThat(received(MailTestResource.server().greenMail(), to)[0].getHeader("DKIM-Signature")).isNull();
    }

    @Test
    void aRecipientTheServerRefusesForGoodIsReportedFailedWithTheServersReasonAndNotRetried() throws Exception {
        String to = "nobody-" + UUID.randomUUID() + "@example.se";
        OutboundMessageRequested request = reply(to, "refusing", "support@refusing.example");
        topics.publish(EventEnvelope.of(request, "/test"));

        DeliveryReported failed = EventJson.read(topics.await(Topics.DELIVERY_REPORTS,
                r -> r.key().equals(request.ticketId()), 1, Duration.ofSeconds(20)).get(0).value(),
                DeliveryReported.class);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.reason()).contains("550").contains("No such mailbox here");
        // a refusal for good is not tried again: the one report stays the only one
        assertThat(topics.readAll(Topics.DELIVERY_REPORTS, r -> r.key().equals(request.ticketId()),
                Duration.ofSeconds(3))).hasSize(1);
    }
}
