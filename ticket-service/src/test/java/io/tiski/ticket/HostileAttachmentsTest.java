package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tiski.events.v1.AttachmentReference;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EmailHeaders;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import io.tiski.objectstore.ObjectStore;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Files whose names try to climb directories, forge header parameters, hide behind a right-to-left override or
 * pass HTML off as something else: each is downloaded under its bare name, as an attachment, with a type that
 * cannot run in the agent's browser.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class HostileAttachmentsTest {
    static final String TOKEN = InboundMessageFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();

    @Inject
    ObjectStore objects;

    record Case(String fileName, String mediaType, String content, String downloadedAs, String servedAs) {
    }

    @Test
    void hostileFileNamesAndTypesAreDefused() {
        List<Case> cases = List.of(
                new Case("../../etc/passwd", "text/plain", "root:x:0:0", "passwd", "text/plain"),
                new Case("..\\..\\Windows\\win.ini", "text/plain", "[fonts]", "win.ini", "text/plain"),
                new Case("kuitti\"; filename=\"evil.html", "text/html", "<script>alert(1)</script>",
                        "kuitti; filename=evil.html", "application/octet-stream"),
                new Case("lasku\u202Efdp.exe", "application/x-msdownload", "MZ", "laskufdp.exe",
                        "application/octet-stream"),
                new Case(".htaccess", "text/plain", "Deny from all", "htaccess", "text/plain"),
                new Case("kuva.svg", "image/svg+xml", "<svg onload=alert(1)></svg>", "kuva.svg",
                        "application/octet-stream"));
        List<AttachmentReference> files = cases.stream().map(c -> {
            byte[] bytes = (c.content() + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            return new AttachmentReference(objects.put(bytes), c.fileName(), c.mediaType(), bytes.length, null,
                    false, null);
        }).toList();
        String messageId = "hostile-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(),
                Channel.EMAIL, messageId, "email:" + messageId, "support@localhost",
                new Participant("hyokkaaja@example.fi", "H"), List.of(new Participant("support@localhost", null)),
                List.of(), "Liitteitä", "Katso liitteet", "Katso liitteet", null, null, SenderClassification.PERSON,
                new EmailHeaders(messageId, List.of(), List.of(), null, null, "Liitteitä", null), files, null,
                Map.of(), null, null), "/test"));
        JsonPath ticket = InboundMessageFlowTest.ticketOf(messageId);
        List<Map<String, Object>> attachments = ticket.getList("messages[0].attachments");
        assertThat(attachments).hasSize(cases.size());

        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Map<String, Object> attachment = attachments.stream().filter(a -> a.get("fileName").equals(c.fileName()))
                    .findFirst().orElseThrow();
            Response download = given().auth().oauth2(TOKEN).get((String) attachment.get("downloadPath")).then()
                    .statusCode(200).extract().response();
            String disposition = download.header("Content-Disposition");
            assertThat(disposition).as(c.fileName()).startsWith("attachment; filename=\"" + c.downloadedAs() + "\";");
            String plainName = disposition.substring("attachment; filename=\"".length(), disposition.indexOf("\";"));
            assertThat(plainName).as(c.fileName()).doesNotContain("/", "\\", "\"", "\u202E").doesNotStartWith(".");
            assertThat(download.contentType()).as(c.fileName()).startsWith(c.servedAs());
            assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(download.header("Content-Security-Policy")).startsWith("sandbox");
        }
    }
}
