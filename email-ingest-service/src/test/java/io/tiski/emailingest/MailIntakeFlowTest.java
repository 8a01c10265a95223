package io.tiski.emailingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.CloudEventHeaders;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.SenderClassification;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "email_ingest"))
class MailIntakeFlowTest {
    static final String TOKEN = "test-admin-token-0123456789";
    final TopicProbe topics = TopicProbe.ofTestBroker();

    static Session smtp() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(MailTestResource.server().smtpPort()));
        return Session.getInstance(props);
    }

    InboundMessageReceived awaitEvent(String sourceMessageId) {
        var records = topics.await(Topics.INBOUND_MESSAGES, r -> new String(r.value(), StandardCharsets.UTF_8)
                .contains(sourceMessageId), 1, Duration.ofSeconds(20));
        assertThat(TopicProbe.header(records.get(0), CloudEventHeaders.TYPE)).isEqualTo(InboundMessageReceived.TYPE);
        InboundMessageReceived event = EventJson.read(records.get(0).value(), InboundMessageReceived.class);
        assertThat(records.get(0).key()).isEqualTo(event.conversationKey());
        return event;
    }

    @Test
    void mailSentBySmtpIsReadOverImapAndPublished() throws Exception {
        MimeMessage mail = new MimeMessage(smtp());
        mail.setFrom(new InternetAddress("liisa.virtanen@example.fi", "Liisa Virtanen", "UTF-8"));
        mail.setRecipients(Message.RecipientType.TO, "support@localhost");
        String subject = "Palautus " + UUID.randomUUID();
        mail.setSubject(subject, "UTF-8");
        mail.setText("Hei!\n\nHaluaisin palauttaa kengät.\n\nLiisa Virtanen kirjoitti:\n> vanha viesti", "UTF-8");
        Transport.send(mail);
        String messageId = mail.getMessageID().replaceAll("[<>]", "");

        InboundMessageReceived event = awaitEvent(messageId);
        assertThat(event.channel()).isEqualTo(Channel.EMAIL);
        assertThat(event.sourceMessageId()).isEqualTo(messageId);
        assertThat(event.from().address()).isEqualTo("liisa.virtanen@example.fi");
        assertThat(event.from().displayName()).isEqualTo("Liisa Virtanen");
        assertThat(event.subject()).isEqualTo(subject);
        assertThat(event.newText()).isEqualTo("Hei!\n\nHaluaisin palauttaa kengät.");
        assertThat(event.textBody()).contains("vanha viesti");
        assertThat(event.classification()).isEqualTo(SenderClassification.PERSON);
        assertThat(event.inboxAddress()).isEqualTo("support@localhost");
    }

    @Test
    void mailAlreadyOpenedInAnotherClientIsStillTakenIn() throws Exception {
        // deliver straight into the mailbox with \Seen set, as if an agent had read it in Thunderbird
        String messageId = "seen-" + UUID.randomUUID() + "@example.se";
        String raw = "From: Erik <erik@example.se>\r\nTo: support@localhost\r\nSubject: Redan läst\r\n"
                + "Message-ID: <" + messageId + ">\r\n\r\nHej, min beställning har inte kommit.\r\n";
        Properties props = new Properties();
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", MailTestResource.server().imapPort(), "support@localhost", "support");
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        MimeMessage message = new MimeMessage(Session.getInstance(props),
                new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        message.setFlag(Flags.Flag.SEEN, true);
        inbox.appendMessages(new Message[] {message});
        inbox.close(false);
        store.close();

        assertThat(awaitEvent(messageId).subject()).isEqualTo("Redan läst");
    }

    @Test
    void rawMailPostedTwiceIsPublishedOnce() {
        String messageId = "raw-" + UUID.randomUUID() + "@example.com";
        String raw = "From: Ann <ann@example.com>\r\nTo: support+1234@localhost\r\nSubject: Re: [#1234] Parcel\r\n"
                + "Message-ID: <" + messageId + ">\r\nIn-Reply-To: <ack.x@tiski.localhost>\r\n"
                + "References: <first@example.com> <ack.x@tiski.localhost>\r\n\r\nAny news?\r\n";
        given().auth().oauth2(TOKEN).contentType("message/rfc822").body(raw.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/mail").then().statusCode(202).body("result", equalTo("PUBLISHED"));
        given().auth().oauth2(TOKEN).contentType("message/rfc822").body(raw.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/mail").then().statusCode(202).body("result", equalTo("DUPLICATE"));

        InboundMessageReceived event = awaitEvent(messageId);
        assertThat(event.email().inReplyTo()).containsExactly("ack.x@tiski.localhost");
        assertThat(event.email().references()).containsExactly("first@example.com", "ack.x@tiski.localhost");
        assertThat(event.email().subjectTicketReference()).isEqualTo("1234");
        assertThat(event.email().plusAddressTicketReference()).isEqualTo("1234");
        assertThat(event.email().normalisedSubject()).isEqualTo("Parcel");
        assertThat(event.conversationKey()).isEqualTo("email:first@example.com");
        assertThat(topics.readAll(Topics.INBOUND_MESSAGES, r -> new String(r.value(), StandardCharsets.UTF_8)
                .contains(messageId), Duration.ofSeconds(2))).hasSize(1);
    }

    @Test
    void attachmentsAreStoredByContentAndOversizeOnesListedWithTheReason() throws Exception {
        String messageId = "photo-" + UUID.randomUUID() + "@example.fi";
        byte[] photo = new byte[50_000];
        new java.util.Random(7).nextBytes(photo);
        byte[] huge = new byte[150_000];
        String raw = "From: Aino <aino@example.fi>\r\nTo: support@localhost\r\nSubject: Rikki\r\n"
                + "Message-ID: <" + messageId + ">\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nKuvat liitteenä.\r\n"
                + "--b\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"rikki.jpg\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + java.util.Base64.getMimeEncoder().encodeToString(photo)
                + "\r\n--b\r\nContent-Type: video/mp4\r\nContent-Disposition: attachment; filename=\"video.mp4\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + java.util.Base64.getMimeEncoder().encodeToString(huge)
                + "\r\n--b--\r\n";
        given().auth().oauth2(TOKEN).contentType("message/rfc822").body(raw.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/mail").then().statusCode(202).body("result", equalTo("PUBLISHED"));

        InboundMessageReceived event = awaitEvent(messageId);
        assertThat(event.attachments()).hasSize(2);
        var stored = event.attachments().get(0);
        assertThat(stored.fileName()).isEqualTo("rikki.jpg");
        assertThat(stored.size()).isEqualTo(50_000);
        assertThat(stored.omittedReason()).isNull();
        java.nio.file.Path objects = java.nio.file.Path.of("target/objects");
        java.nio.file.Path file = objects.resolve(stored.sha256().substring(0, 2))
                .resolve(stored.sha256().substring(2, 4)).resolve(stored.sha256());
        assertThat(java.nio.file.Files.readAllBytes(file)).isEqualTo(photo);
        var omitted = event.attachments().get(1);
        assertThat(omitted.sha256()).isNull();
        assertThat(omitted.size()).isEqualTo(150_000);
        assertThat(omitted.omittedReason()).contains("larger than the limit");
        assertThat(event.rawMessageReference()).matches("[0-9a-f]{64}");
    }

    @Test
    void mailWithoutASenderIsQuarantinedWithTheReasonAndCanBeDownloaded() {
        String marker = UUID.randomUUID().toString();
        String raw = "To: support@localhost\r\nSubject: " + marker + "\r\n\r\nno sender\r\n";
        given().auth().oauth2(TOKEN).contentType("message/rfc822").body(raw.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/mail").then().statusCode(202).body("result", equalTo("QUARANTINED"));
        String id = given().auth().oauth2(TOKEN).get("/api/v1/admin/quarantine").then().statusCode(200)
                .body("reason", hasItem("the mail names no sender (From, Sender or Return-Path)"))
                .extract().jsonPath().getString("find { it.reason.contains('no sender') }.id");
        String kept = given().auth().oauth2(TOKEN).get("/api/v1/admin/quarantine/" + id + "/raw").then()
                .statusCode(200).extract().asString();
        assertThat(kept).contains(marker);
    }

    @Test
    void mailOverTheSizeLimitIsQuarantinedWholeNotParsed() {
        String marker = UUID.randomUUID().toString();
        byte[] huge = ("From: big@example.com\r\nSubject: " + marker + "\r\nX-Big: " + "a".repeat(30 * 1024 * 1024)
                + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        given().auth().oauth2(TOKEN).contentType("message/rfc822").body(huge).post("/api/v1/mail").then()
                .statusCode(202).body("result", equalTo("QUARANTINED"));
        given().auth().oauth2(TOKEN).get("/api/v1/admin/quarantine").then().statusCode(200)
                .body("reason", hasItem(org.hamcrest.Matchers.containsString("more than the limit of 26214400")));
    }

    @Test
    void operatorEndpointsNeedTheToken() {
        given().get("/api/v1/admin/quarantine").then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType("message/rfc822").body("From: a@b.c\r\n\r\nx".getBytes(StandardCharsets.UTF_8)).post("/api/v1/mail").then()
                .statusCode(401);
    }

    @Test
    void contactFormBecomesAnInboundMessage() {
        String marker = UUID.randomUUID().toString();
        String submissionId = given().contentType("application/json").body(Map.of("name", "Maija", "email",
                "maija@example.fi", "subject", "Kysymys " + marker, "message", "Onko tätä kokoa?", "language", "fi",
                "orderNumber", "10023"))
                .post("/api/v1/contact-form").then().statusCode(202).extract().path("submissionId");
        InboundMessageReceived event = awaitEvent(submissionId);
        assertThat(event.channel()).isEqualTo(Channel.CONTACT_FORM);
        assertThat(event.from().address()).isEqualTo("maija@example.fi");
        assertThat(event.language()).isEqualTo("fi");
        assertThat(event.formFields()).containsEntry("orderNumber", "10023");
    }

    @Test
    void contactFormWithoutEmailOrWithOversizeMessageIsAProblemNamingTheField() {
        given().contentType("application/json").body(Map.of("name", "Maija", "message", "Hei"))
                .post("/api/v1/contact-form").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("email")));
        given().contentType("application/json").body(Map.of("email", "maija@example.fi", "message",
                "x".repeat(20_001))).post("/api/v1/contact-form").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", equalTo(List.of("message")));
        given().contentType("application/json").body(Map.of("email", "not-an-address", "message", "Hei"))
                .post("/api/v1/contact-form").then().statusCode(400)
                .body("violations[0].message", equalTo("is not an email address"));
    }

    @Test
    void healthAndMetricsAreServed() {
        given().get("/q/health/live").then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
        given().get("/q/metrics").then().statusCode(200);
    }
}
