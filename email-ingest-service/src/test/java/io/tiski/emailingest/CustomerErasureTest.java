package io.tiski.emailingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.CustomerErased;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.PersonalDataScan;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import io.tiski.objectstore.ObjectStore;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * When ticket-service erases a customer, email-ingest forgets them too: the stored raw mail and files, quarantined
 * mail naming them, outbox events — found by scanning every table and every stored object.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "email_ingest"))
class CustomerErasureTest {
    static final String TOKEN = MailIntakeFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();

    @Inject
    DataSource dataSource;

    @Inject
    ObjectStore objects;

    @Test
    void anErasedCustomersMailsLeaveTheStoreTheQuarantineAndTheOutbox() {
        String local = "poistettava" + UUID.randomUUID().toString().substring(0, 8);
        String address = local + "@example.fi";
        String messageId = "<erase-" + UUID.randomUUID() + "@example.fi>";
        String mail = "From: Erkki " + local + " <" + address + ">\r\nTo: support@localhost\r\nMessage-ID: "
                + messageId + "\r\nSubject: Palautus\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
                + "boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nTerveisin " + local
                + "\r\n--b\r\nContent-Type: text/plain; name=kuitti.txt\r\nContent-Disposition: attachment; "
                + "filename=kuitti.txt\r\n\r\nKuitti: " + local + "\r\n--b--\r\n";
        given().auth().oauth2(TOKEN).contentType("message/rfc822").body(mail.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/mail").then().statusCode(202).body("result", equalTo("PUBLISHED"));
        InboundMessageReceived received = EventJson.read(topics.await(Topics.INBOUND_MESSAGES,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(address), 1, Duration.ofSeconds(20))
                .get(0).value(), InboundMessageReceived.class);
        // a mail of theirs that could not be read waits in quarantine
        String broken = "To: support@localhost\r\nReply-To: " + address + "\r\nSubject: " + local + "\r\n\r\nx\r\n";
        given().auth().oauth2(TOKEN).contentType("message/rfc822").body(broken.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/mail").then().statusCode(202).body("result", equalTo("QUARANTINED"));
        assertThat(PersonalDataScan.rowsContaining(dataSource, local)).containsKey("quarantined_mail");
        assertThat(PersonalDataScan.filesContaining(Path.of("target/objects"), local)).isNotEmpty();

        topics.publish(EventEnvelope.of(new CustomerErased(UUID.randomUUID().toString(), Instant.now(),
                UUID.randomUUID().toString(), List.of(new CustomerErased.Identity("EMAIL", address)),
                List.of(received.sourceMessageId()), List.of(received.rawMessageReference()),
                received.attachments().stream().map(a -> a.sha256()).toList(), "REQUEST"), "/test"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(PersonalDataScan.rowsContaining(dataSource, local)).as("tables still naming them").isEmpty();
            assertThat(PersonalDataScan.filesContaining(Path.of("target/objects"), local))
                    .as("stored objects still naming them").isEmpty();
        });
        assertThat(objects.get(received.rawMessageReference())).isEmpty();
        // the same mail arriving again is still known (the dedupe record is a digest and stays)
        given().auth().oauth2(TOKEN).contentType("message/rfc822").body(mail.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/mail").then().statusCode(202).body("result", equalTo("DUPLICATE"));
    }
}
