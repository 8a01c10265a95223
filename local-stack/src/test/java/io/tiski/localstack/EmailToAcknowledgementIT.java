package io.tiski.localstack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: a customer's mail goes through the real mail server, email-ingest-service,
 * Kafka, ticket-service and PostgreSQL, and notification-service answers it over SMTP; each service is its
 * packaged application in its own JVM. Any broken hop fails a test here.
 */
class EmailToAcknowledgementIT {
    static final String TOKEN = "e2e-admin-token-" + UUID.randomUUID();
    static LocalStack stack;
    static Path data;

    @BeforeAll
    static void startStack() throws Exception {
        LocalStack.Settings settings = LocalStack.Settings.throwaway("e2e", TOKEN);
        data = settings.dataDir();
        stack = LocalStack.start(settings, System.out::println);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    static String api() {
        return stack.service(LocalStack.TICKET).url();
    }

    static Session mailSession() {
        return stack.mail().session();
    }

    /** What a mail client shows in the customer's inbox, read over IMAP. */
    static List<MimeMessage> inboxOf(String address) throws Exception {
        return stack.mail().inbox(address);
    }

    static JsonPath ticketMatching(String query) {
        return ticketMatching(query, "items[0].id");
    }

    /**
     * The first ticket opened that matches: where a later one may match too by the time the first is found (an
     * acknowledgement that came back as a ticket of the other helpdesk), the oldest of the page, which lists the
     * newest first.
     */
    static JsonPath oldestTicketMatching(String query) {
        return ticketMatching(query, "items[-1].id");
    }

    private static JsonPath ticketMatching(String query, String which) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonPath page = given().auth().oauth2(TOKEN).queryParam("q", query).get(api() + "/api/v1/tickets")
                    .then().statusCode(200).extract().jsonPath();
            return page.getList("items").isEmpty() ? null : given().auth().oauth2(TOKEN)
                    .get(api() + "/api/v1/tickets/" + page.getString(which)).then().statusCode(200)
                    .extract().jsonPath();
        }, t -> t != null);
    }

    @Test
    void customerMailBecomesATicketAndTheAcknowledgementReachesTheCustomerAndTheReplyThreads() throws Exception {
        String customer = "asiakas-" + UUID.randomUUID() + "@example.fi";
        String subject = "Tilaus " + UUID.randomUUID().toString().substring(0, 8) + " ei ole saapunut";
        MimeMessage mail = new MimeMessage(mailSession());
        mail.setFrom(new InternetAddress(customer, "Aino Asiakas", "UTF-8"));
        mail.setRecipients(Message.RecipientType.TO, "support@localhost");
        mail.setSubject(subject, "UTF-8");
        mail.setText("Hei, tilaukseni ei ole vielä saapunut. Voitteko tarkistaa?", "UTF-8");
        Transport.send(mail);

        JsonPath ticket = ticketMatching(subject);
        assertThat(ticket.getString("subject")).isEqualTo(subject);
        assertThat(ticket.getString("channel")).isEqualTo("EMAIL");
        assertThat(ticket.getString("status")).isEqualTo("NEW");
        assertThat(ticket.getString("customer.address")).isEqualTo(customer);
        assertThat(ticket.getString("customer.name")).isEqualTo("Aino Asiakas");
        assertThat(ticket.getString("createdAt")).isNotBlank();
        assertThat(ticket.getList("messages")).hasSize(1);
        long number = ticket.getLong("number");

        MimeMessage ack = await().atMost(Duration.ofSeconds(30)).until(() -> inboxOf(customer), l -> l.size() == 1)
                .get(0);
        assertThat(ack.getSubject()).startsWith("[#" + number + "] Olemme vastaanottaneet viestisi");
        assertThat(ack.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(ack.getHeader("In-Reply-To")[0]).isEqualTo(mail.getMessageID());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TOKEN)
                .get(api() + "/api/v1/tickets/" + number).then().body("deliveries[0].status", equalTo("SENT")));

        // the customer answers the acknowledgement from a mail client: In-Reply-To and References point at it
        MimeMessage reply = new MimeMessage(mailSession());
        reply.setFrom(new InternetAddress(customer, "Aino Asiakas", "UTF-8"));
        reply.setRecipients(Message.RecipientType.TO, ack.getReplyTo()[0].toString());
        reply.setSubject("Re: " + ack.getSubject(), "UTF-8");
        reply.setHeader("In-Reply-To", ack.getMessageID());
        reply.setHeader("References", mail.getMessageID() + " " + ack.getMessageID());
        reply.setText("Lisätieto: tilausnumero on 10023.", "UTF-8");
        Transport.send(reply);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TOKEN)
                .get(api() + "/api/v1/tickets/" + number).then().body("messages.size()", equalTo(2)));
        JsonPath threaded = given().auth().oauth2(TOKEN).get(api() + "/api/v1/tickets/" + number).then()
                .extract().jsonPath();
        assertThat(threaded.getString("messages[1].threadingReason")).contains(ack.getMessageID()
                .replaceAll("[<>]", ""));
        // a follow-up is not a new ticket: no second acknowledgement
        assertThat(inboxOf(customer)).hasSize(1);

        // the agent answers; the customer's mail client replies to that answer; it threads into the same ticket
        given().auth().oauth2(TOKEN).contentType("application/json")
                .body(Map.of("text", "Hei Aino! Paketti lähti tänään.", "status", "PENDING"))
                .post(api() + "/api/v1/tickets/" + number + "/replies").then().statusCode(201);
        MimeMessage agentReply = await().atMost(Duration.ofSeconds(30)).until(() -> inboxOf(customer),
                l -> l.size() == 2).get(1);
        assertThat(agentReply.getSubject()).contains("[#" + number + "]");
        assertThat(agentReply.getHeader("Auto-Submitted")).isNull();

        MimeMessage answer = new MimeMessage(mailSession());
        answer.setFrom(new InternetAddress(customer, "Aino Asiakas", "UTF-8"));
        answer.setRecipients(Message.RecipientType.TO, agentReply.getReplyTo()[0].toString());
        answer.setSubject("Re: " + agentReply.getSubject(), "UTF-8");
        answer.setHeader("In-Reply-To", agentReply.getMessageID());
        answer.setHeader("References", agentReply.getHeader("References")[0] + " " + agentReply.getMessageID());
        answer.setText("Kiitos!", "UTF-8");
        Transport.send(answer);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TOKEN)
                .get(api() + "/api/v1/tickets/" + number).then().body("messages.size()", equalTo(4))
                .body("status", equalTo("OPEN")));
    }

    static javax.sql.DataSource databaseOf(String name) {
        var database = stack.database(name);
        org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
        source.setUrl(database.jdbcUrl());
        source.setUser(database.user());
        source.setPassword(database.password());
        return source;
    }

    @Test
    void anErasedCustomerIsGoneFromEveryServicesDatabaseAndTheObjectStore() throws Exception {
        String surname = "Poistettava" + randomLetters(8);
        String customer = surname.toLowerCase() + "@example.fi";
        String subject = "Palautus " + surname;
        MimeMessage mail = new MimeMessage(mailSession());
        mail.setFrom(new InternetAddress(customer, "Erkki " + surname, "UTF-8"));
        mail.setRecipients(Message.RecipientType.TO, "support@localhost");
        mail.setSubject(subject, "UTF-8");
        jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
        jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
        text.setText("Hei, palautan kengät. Terveisin Erkki " + surname, "UTF-8");
        parts.addBodyPart(text);
        jakarta.mail.internet.MimeBodyPart receipt = new jakarta.mail.internet.MimeBodyPart();
        receipt.setContent(("Kuitti, asiakas " + surname).getBytes(StandardCharsets.UTF_8), "application/pdf");
        receipt.setFileName("kuitti.pdf");
        parts.addBodyPart(receipt);
        mail.setContent(parts);
        Transport.send(mail);

        JsonPath ticket = ticketMatching(subject);
        long number = ticket.getLong("number");
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("text", "Hei Erkki " + surname
                + ", palautus on kirjattu.")).post(api() + "/api/v1/tickets/" + number + "/replies").then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxOf(customer), l -> l.size() == 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TOKEN)
                .get(api() + "/api/v1/tickets/" + number).then().body("deliveries.status",
                        org.hamcrest.Matchers.everyItem(equalTo("SENT"))));
        Map<String, javax.sql.DataSource> databases = Map.of("ticket-service", databaseOf("tiski_ticket"),
                "email-ingest-service", databaseOf("tiski_email_ingest"), "social-ingest-service",
                databaseOf("tiski_social_ingest"), "notification-service", databaseOf("tiski_notification"));
        assertThat(io.tiski.infrastructure.testing.PersonalDataScan.rowsContaining(
                databases.get("ticket-service"), surname)).isNotEmpty();
        assertThat(io.tiski.infrastructure.testing.PersonalDataScan.rowsContaining(
                databases.get("notification-service"), customer)).isNotEmpty();
        assertThat(io.tiski.infrastructure.testing.PersonalDataScan.filesContaining(data.resolve("objects"),
                surname)).as("the raw mail and the receipt are stored").hasSizeGreaterThanOrEqualTo(2);

        given().auth().oauth2(TOKEN).post(api() + "/api/v1/customers/" + ticket.getString("customer.id")
                + "/erasure").then().statusCode(200).body("tickets", equalTo(1));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (var database : databases.entrySet()) {
                for (String needle : List.of(surname, customer)) {
                    assertThat(io.tiski.infrastructure.testing.PersonalDataScan.rowsContaining(database.getValue(),
                            needle)).as(database.getKey() + " still holding " + needle).isEmpty();
                }
            }
            assertThat(io.tiski.infrastructure.testing.PersonalDataScan.filesContaining(data.resolve("objects"),
                    surname)).as("objects still naming the customer").isEmpty();
        });
        given().auth().oauth2(TOKEN).get(api() + "/api/v1/tickets/" + number).then().statusCode(200)
                .body("subject", equalTo("[erased]")).body("messages.size()", equalTo(2));
    }

    @Test
    void twoHelpdesksAcknowledgingEachOtherExchangeOneMessageEachWay() throws Exception {
        // an agent of the sales helpdesk writes to the support helpdesk; both auto-acknowledge new tickets
        String subject = "Yhteistyö " + UUID.randomUUID().toString().substring(0, 8);
        MimeMessage mail = new MimeMessage(mailSession());
        mail.setFrom(new InternetAddress("sales@localhost", "Myynti", "UTF-8"));
        mail.setRecipients(Message.RecipientType.TO, "support@localhost");
        mail.setSubject(subject, "UTF-8");
        mail.setText("Hei tuki, asiakas kysyy toimitusajoista.", "UTF-8");
        Transport.send(mail);

        // sales' ticket, opened by support's acknowledgement, has the subject too once it is there
        JsonPath supportTicket = oldestTicketMatching(subject);
        assertThat(supportTicket.getString("customer.address")).isEqualTo("sales@localhost");
        // support's acknowledgement reaches the sales inbox and becomes a ticket there, marked as Tiski's own mail
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(TOKEN)
                .queryParam("q", "[#" + supportTicket.getLong("number") + "]").get(api() + "/api/v1/tickets").then()
                .extract().jsonPath().getList("items").size() >= 1);
        JsonPath salesTicket = ticketMatching("[#" + supportTicket.getLong("number") + "]");
        assertThat(salesTicket.getString("team")).isEqualTo("sales");
        assertThat(salesTicket.getString("messages[0].classification")).isEqualTo("OWN_MESSAGE");
        assertThat(salesTicket.getList("deliveries")).isEmpty();
        // and nothing more travels: one mail each way, for as long as a second acknowledgement would take
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() ->
                inboxOf("sales@localhost").stream().filter(m -> subjectOf(m).contains(subject)).count() == 1
                        && inboxOf("support@localhost").stream().filter(m -> subjectOf(m).contains(subject)).count()
                                == 1);
    }

    /** Lower-case letters only, so the name is one word to the search index whatever the draw. */
    static String randomLetters(int count) {
        StringBuilder letters = new StringBuilder(count);
        ThreadLocalRandom.current().ints(count, 'a', 'z' + 1).forEach(letter -> letters.append((char) letter));
        return letters.toString();
    }

    static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    @Test
    void contactFormTakesTheSamePath() throws Exception {
        String customer = "form-" + UUID.randomUUID() + "@example.se";
        String subject = "Fråga " + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body(Map.of("name", "Erik Kund", "email", customer, "subject",
                subject, "message", "Hej! Har ni den här i storlek 42?", "language", "sv"))
                .post(stack.service(LocalStack.EMAIL_INGEST).url() + "/api/v1/contact-form").then().statusCode(202);

        JsonPath ticket = ticketMatching(subject);
        assertThat(ticket.getString("channel")).isEqualTo("CONTACT_FORM");
        MimeMessage ack = await().atMost(Duration.ofSeconds(30)).until(() -> inboxOf(customer), l -> l.size() == 1)
                .get(0);
        assertThat(ack.getSubject()).isEqualTo("[#" + ticket.getLong("number")
                + "] Vi har tagit emot ditt meddelande: " + subject);
    }

    @Test
    void contactFormWithoutEmailIsRefusedNamingTheField() {
        given().contentType("application/json").body(Map.of("name", "Nimetön", "message", "Hei"))
                .post(stack.service(LocalStack.EMAIL_INGEST).url() + "/api/v1/contact-form").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("email"));
    }

    @Test
    void unreadableMailIsKeptAndReportedNotDropped() {
        String marker = UUID.randomUUID().toString();
        given().auth().oauth2(TOKEN).contentType("message/rfc822")
                .body(("To: support@localhost\r\nSubject: " + marker + "\r\n\r\nwho sent this?\r\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post(stack.service(LocalStack.EMAIL_INGEST).url() + "/api/v1/mail").then().statusCode(202)
                .body("result", equalTo("QUARANTINED"));
        given().auth().oauth2(TOKEN).get(stack.service(LocalStack.EMAIL_INGEST).url() + "/api/v1/admin/quarantine")
                .then().statusCode(200).body("size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void aDeadLetterReplayedAfterTheFixBecomesATicket() {
        // as if ticket-service had given up on this event while its database was down
        String messageId = "dead-" + UUID.randomUUID() + "@example.fi";
        var event = new io.tiski.events.v1.InboundMessageReceived(UUID.randomUUID().toString(),
                java.time.Instant.now(), io.tiski.events.v1.Channel.EMAIL, messageId, "email:" + messageId,
                "support@localhost", new io.tiski.events.v1.Participant("dead@example.fi", "Dead Letter"), null,
                null, "Replayed " + messageId, "Hei", "Hei", null, "fi",
                io.tiski.events.v1.SenderClassification.PERSON, new io.tiski.events.v1.EmailHeaders(messageId, null,
                        null, null, null, "Replayed", null), null, null, null);
        var envelope = io.tiski.events.v1.EventEnvelope.of(event, "/test");
        var headers = new java.util.HashMap<>(envelope.headers());
        headers.put("dead-letter-topic", io.tiski.events.v1.Topics.INBOUND_MESSAGES);
        headers.put("dead-letter-reason", "database unavailable");
        headers.put("dead-letter-id", "dead-letter-" + UUID.randomUUID());
        // twice, as ticket-service's outbox publishes it when a crash comes between the broker's ack and its record
        for (int copy = 0; copy < 2; copy++) {
            new io.tiski.infrastructure.testing.TopicProbe(stack.kafka().bootstrapServers()).publish(
                    io.tiski.events.v1.Topics.deadLetterTopicOf(io.tiski.events.v1.Topics.INBOUND_MESSAGES),
                    envelope.key(), headers, envelope.value());
        }

        DeadLetterReplay.Result result = DeadLetterReplay.replay(stack.kafka().bootstrapServers(),
                "tiski.inbound-messages.v1.dlt", Duration.ofSeconds(2));
        assertThat(result.replayed()).isGreaterThanOrEqualTo(1);
        assertThat(result.duplicates()).as("the second copy is not sent back").isGreaterThanOrEqualTo(1);
        assertThat(ticketMatching(messageId).getString("customer.address")).isEqualTo("dead@example.fi");
    }

    @Test
    void everyServiceServesHealthAndMetrics() {
        for (String name : List.of(LocalStack.TICKET, LocalStack.EMAIL_INGEST, LocalStack.SOCIAL_INGEST,
                LocalStack.NOTIFICATION)) {
            String url = stack.service(name).url();
            given().get(url + "/q/health/live").then().statusCode(200);
            given().get(url + "/q/health/ready").then().statusCode(200);
            given().get(url + "/q/metrics").then().statusCode(200);
        }
        given().get(api() + "/q/openapi").then().statusCode(200);
    }
}
