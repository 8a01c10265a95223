package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * A customer's rights over their data: the export holds everything, and after erasure no table and no stored file
 * of ticket-service holds their name or address (found by scanning every row of every table, and every object),
 * while their tickets still count in the reports.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class CustomerPrivacyTest {
    static final String TOKEN = InboundMessageFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();

    @Inject
    ObjectStore objects;

    @Inject
    EntityManager entityManager;

    @Inject
    io.tiski.ticket.service.RetentionPolicy retention;

    static String letters() {
        StringBuilder s = new StringBuilder();
        new java.util.Random().ints(8, 0, 26).forEach(i -> s.append((char) ('a' + i)));
        return s.toString();
    }

    InboundMessageReceived mail(String address, String name, String subject, String body, String brand,
            List<AttachmentReference> files) {
        String messageId = "privacy-" + UUID.randomUUID() + "@mail.example.fi";
        return new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(), Channel.EMAIL, messageId,
                "email:" + messageId, "support@localhost", new Participant(address, name),
                List.of(new Participant("support@localhost", null)), List.of(), subject, body, body,
                "<p>" + body + "</p>", null, SenderClassification.PERSON,
                new EmailHeaders(messageId, List.of(), List.of(), null, null, subject, null), files, null, Map.of(),
                brand, null);
    }

    @Inject
    javax.sql.DataSource dataSource;

    Map<String, Long> rowsContaining(String needle) {
        return io.tiski.infrastructure.testing.PersonalDataScan.rowsContaining(dataSource, needle);
    }

    static io.restassured.response.Response volume(String brand) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return given().auth().oauth2(TOKEN).queryParam("brand", brand).queryParam("zone", "UTC")
                .queryParam("from", today.minusDays(1).toString()).queryParam("to", today.plusDays(1).toString())
                .get("/api/v1/reports/volume");
    }

    static List<Path> filesContaining(String needle) {
        return io.tiski.infrastructure.testing.PersonalDataScan.filesContaining(Path.of("target/objects"), needle);
    }

    @Test
    void exportHoldsEverythingAndErasureLeavesNothingButTheCounts() throws IOException {
        String surname = "Poistettava" + letters();
        String name = "Erkki " + surname;
        String address = "erkki." + letters() + "@example.fi";
        String brand = "privacy-" + letters();
        byte[] receipt = ("Kuitti\nAsiakas: " + name + "\nTilaus 4711\n").getBytes(StandardCharsets.UTF_8);
        String sha256 = objects.put(receipt);
        AttachmentReference file = new AttachmentReference(sha256, "kuitti-" + surname + ".txt", "text/plain",
                receipt.length, null, false, null);

        InboundMessageReceived first = mail(address, name, "Palautus, " + surname, "Hei, palautan kengät. "
                + "Terveisin " + name + ", " + address, brand, List.of(file));
        topics.publish(EventEnvelope.of(first, "/test"));
        JsonPath ticket = InboundMessageFlowTest.ticketOf(first.sourceMessageId());
        String ticketId = ticket.getString("id");
        given().auth().oauth2(TOKEN).contentType("application/json")
                .body(Map.of("text", "Hei " + name + "! Palautus on kirjattu.", "status", "PENDING"))
                .post("/api/v1/tickets/" + ticketId + "/replies").then().statusCode(201);
        given().auth().oauth2(TOKEN).contentType("application/json")
                .body(Map.of("text", "Asiakas " + surname + " soitti myös."))
                .post("/api/v1/tickets/" + ticketId + "/notes").then().statusCode(201);
        InboundMessageReceived second = mail(address, name, "Toinen asia", "Vielä yksi kysymys, " + name + ".",
                brand, List.of());
        topics.publish(EventEnvelope.of(second, "/test"));
        InboundMessageFlowTest.ticketOf(second.sourceMessageId());
        String customerId = ticket.getString("customer.id");
        assertThat(customerId).isNotBlank();
        assertThat(rowsContaining(surname)).containsKeys("customer", "ticket", "ticket_message");
        assertThat(filesContaining(surname)).isNotEmpty();
        String volumeBefore = volume(brand).then().statusCode(200).extract().asString();
        assertThat(volumeBefore).contains("\"tickets\":2");

        // the export: every record and message, the note and the file's bytes
        given().auth().oauth2(AgentActionsTest.tokenWithRole("agent")).get("/api/v1/customers/" + customerId
                + "/export").then().statusCode(403);
        byte[] archive = given().auth().oauth2(TOKEN).get("/api/v1/customers/" + customerId + "/export").then()
                .statusCode(200).contentType("application/zip").header("Content-Disposition",
                        org.hamcrest.Matchers.startsWith("attachment")).extract().asByteArray();
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries.get("customer.json")).contains(address).contains(name);
        String firstTicket = entries.get("tickets/" + ticket.getLong("number") + ".json");
        assertThat(firstTicket).contains("palautan kengät").contains("Palautus on kirjattu")
                .contains("soitti myös");
        assertThat(entries).hasSize(5); // customer, README, two tickets and the receipt
        assertThat(entries.entrySet().stream().filter(e -> e.getKey().endsWith(".txt")
                && e.getKey().contains(surname)).map(Map.Entry::getValue)).containsExactly(new String(receipt,
                        StandardCharsets.UTF_8));

        // the erasure
        given().auth().oauth2(AgentActionsTest.tokenWithRole("team-lead")).post("/api/v1/customers/" + customerId
                + "/erasure").then().statusCode(403);
        given().auth().oauth2(TOKEN).post("/api/v1/customers/" + customerId + "/erasure").then().statusCode(200)
                .body("tickets", equalTo(2)).body("identities", equalTo(1)).body("attachmentsDeleted", equalTo(1));

        // the other services are told, and once the event is on the broker no copy of it stays here
        var told = topics.await(io.tiski.events.v1.Topics.PRIVACY_EVENTS, r -> r.key().equals(customerId), 1,
                java.time.Duration.ofSeconds(20));
        io.tiski.events.v1.CustomerErased event = io.tiski.events.v1.EventJson.read(told.get(0).value(),
                io.tiski.events.v1.CustomerErased.class);
        assertThat(event.identities()).extracting(io.tiski.events.v1.CustomerErased.Identity::address)
                .containsExactly(address.toLowerCase(Locale.ROOT));
        assertThat(event.sourceMessageIds()).contains(first.sourceMessageId(), second.sourceMessageId());
        assertThat(event.attachmentSha256s()).containsExactly(sha256);
        assertThat(event.reason()).isEqualTo("REQUEST");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> rowsContaining(address).isEmpty());
        for (String needle : List.of(surname, address, address.substring(0, address.indexOf('@')))) {
            assertThat(rowsContaining(needle)).as("tables still holding " + needle).isEmpty();
            assertThat(filesContaining(needle)).as("objects still holding " + needle).isEmpty();
        }
        assertThat(objects.get(sha256)).isEmpty();

        // the tickets stay, anonymous, and still count
        given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId).then().statusCode(200)
                .body("subject", equalTo("[erased]")).body("status", equalTo("PENDING"))
                .body("messages.size()", equalTo(ticket.getList("messages").size() + 2));
        assertThat(volume(brand).then()
                .statusCode(200).extract().asString()).isEqualTo(volumeBefore);
        given().auth().oauth2(TOKEN).get("/api/v1/customers/" + customerId).then().statusCode(200)
                .body("identities.size()", equalTo(0));
        given().auth().oauth2(TOKEN).queryParam("action", "CUSTOMER_ERASED").get("/api/v1/security-audit").then()
                .statusCode(200).body("subject", hasItem("customer " + customerId));
        // a mail from the same address afterwards is a new customer, not the erased one
        InboundMessageReceived later = mail(address, name, "Uusi asia", "Hei taas.", brand, List.of());
        topics.publish(EventEnvelope.of(later, "/test"));
        assertThat(InboundMessageFlowTest.ticketOf(later.sourceMessageId()).getString("customer.id"))
                .isNotEqualTo(customerId);
    }

    @Test
    void closedTicketsPastTheirRetentionLoseTheirPersonalDataAndRecentOnesStay() {
        String oldSurname = "Vanha" + letters();
        InboundMessageReceived old = mail("vanha." + letters() + "@example.fi", "Ville " + oldSurname,
                "Vanha asia " + oldSurname, "Kiitos, " + oldSurname, null, List.of());
        String recentSurname = "Uusi" + letters();
        InboundMessageReceived recent = mail("uusi." + letters() + "@example.fi", "Ulla " + recentSurname,
                "Uusi asia " + recentSurname, "Kiitos, " + recentSurname, null, List.of());
        topics.publish(EventEnvelope.of(old, "/test"));
        topics.publish(EventEnvelope.of(recent, "/test"));
        JsonPath oldTicket = InboundMessageFlowTest.ticketOf(old.sourceMessageId());
        JsonPath recentTicket = InboundMessageFlowTest.ticketOf(recent.sourceMessageId());
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("UPDATE ticket SET status = 'CLOSED', status_changed_at = now() - "
                    + "interval '30 months' WHERE id = ?1").setParameter(1, UUID.fromString(oldTicket.getString("id")))
                    .executeUpdate();
            entityManager.createNativeQuery("UPDATE ticket SET status = 'CLOSED', status_changed_at = now() - "
                    + "interval '20 months' WHERE id = ?1").setParameter(1, UUID.fromString(recentTicket
                            .getString("id"))).executeUpdate();
        });

        int[] erased = retention.apply(24);
        assertThat(erased[0]).isGreaterThanOrEqualTo(1);
        assertThat(rowsContaining(oldSurname)).isEmpty();
        assertThat(rowsContaining(recentSurname)).containsKeys("ticket", "ticket_message", "customer");
        given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + oldTicket.getString("id")).then().statusCode(200)
                .body("subject", equalTo("[erased]")).body("status", equalTo("CLOSED"));
        given().auth().oauth2(TOKEN).get("/api/v1/customers/" + oldTicket.getString("customer.id")).then()
                .statusCode(200).body("identities.size()", equalTo(0));
        assertThat(retention.apply(24)[0]).as("nothing left to erase the second time").isZero();
        given().auth().oauth2(TOKEN).queryParam("action", "RETENTION_APPLIED").get("/api/v1/security-audit").then()
                .statusCode(200).body("actor", hasItem("retention policy"));
    }
}
