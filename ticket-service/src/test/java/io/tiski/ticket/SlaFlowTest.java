package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.CloudEventHeaders;
import io.tiski.events.v1.EmailHeaders;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import io.tiski.events.v1.SlaBreached;
import io.tiski.events.v1.SlaWarning;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * SLA policies and calendars through the API, clocks on real tickets, and warnings and breaches on the real broker
 * within a second of their moment, exactly once.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class SlaFlowTest {
    static final String TOKEN = InboundMessageFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();

    static InboundMessageReceived email(String brand, String subject) {
        String messageId = "sla-" + UUID.randomUUID() + "@mail.example.fi";
        return new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(), Channel.EMAIL, messageId,
                "email:" + messageId, "support@localhost", new Participant("sla.customer@example.fi", "Sla Customer"),
                List.of(new Participant("support@localhost", null)), List.of(), subject, "Missä tilaukseni on?",
                "Missä tilaukseni on?", null, null, SenderClassification.PERSON,
                new EmailHeaders(messageId, List.of(), List.of(), null, null, subject, null), List.of(), null,
                Map.of(), brand, "support");
    }

    static String createCalendar(String name) {
        return given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("name", name,
                "timeZone", "Europe/Helsinki", "publicHolidays", List.of("FI"),
                "weeklyHours", Map.of("MONDAY", List.of("08:00-12:00", "13:00-16:00"),
                        "TUESDAY", List.of("08:00-16:00"), "SATURDAY", List.of("10:00-14:00"))))
                .post("/api/v1/business-calendars").then().statusCode(201).extract().path("id");
    }

    static String createPolicy(Map<String, Object> body) {
        return given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(body).post("/api/v1/sla-policies")
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath ticketOf(InboundMessageReceived event) {
        return InboundMessageFlowTest.ticketOf(event.sourceMessageId());
    }

    @Test
    void warningAndBreachArriveWithinASecondOfTheirMomentExactlyOnceAndEscalate() {
        String brand = "sla-fast-" + UUID.randomUUID();
        createPolicy(Map.of("name", "Fast " + brand, "position", 1,
                "conditions", Map.of("brands", List.of(brand)),
                "targets", Map.of("firstResponse", Map.of("time", "PT4S", "businessHours", false),
                        "resolution", Map.of("time", "PT1H", "businessHours", false)),
                "warningLead", "PT2S",
                "escalation", Map.of("raisePriorityTo", "HIGH", "reassignTo", "lead.agent",
                        "notify", List.of("lead@shop.example"))));
        InboundMessageReceived event = email(brand, "Where is my order?");
        topics.publish(EventEnvelope.of(event, "/test"));
        JsonPath ticket = ticketOf(event);
        String ticketId = ticket.getString("id");
        assertThat(ticket.getString("slaState")).isEqualTo("RUNNING");
        Instant due = Instant.parse(ticket.getString("slaDueAt"));
        var ackRequest = EventJson.read(topics.await(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), 1,
                Duration.ofSeconds(20)).get(0).value(), io.tiski.events.v1.OutboundMessageRequested.class);
        assertThat(ackRequest.expectedAnswerBy()).isEqualTo(due);
        assertThat(ackRequest.serviceOpensAt()).isNull();

        ConsumerRecord<String, byte[]> warning = topics.await(Topics.SLA_EVENTS, r -> r.key().equals(ticketId)
                && SlaWarning.TYPE.equals(TopicProbe.header(r, CloudEventHeaders.TYPE)), 1, Duration.ofSeconds(20))
                .get(0);
        SlaWarning warned = EventJson.read(warning.value(), SlaWarning.class);
        assertThat(warned.target()).isEqualTo("FIRST_RESPONSE");
        assertThat(warned.dueAt()).isEqualTo(due);
        Instant warnAt = due.minusSeconds(2);
        assertThat(Duration.between(warnAt, Instant.ofEpochMilli(warning.timestamp()))).isGreaterThanOrEqualTo(Duration.ZERO)
                .isLessThan(Duration.ofSeconds(1));

        ConsumerRecord<String, byte[]> breach = topics.await(Topics.SLA_EVENTS, r -> r.key().equals(ticketId)
                && SlaBreached.TYPE.equals(TopicProbe.header(r, CloudEventHeaders.TYPE)), 1, Duration.ofSeconds(20))
                .get(0);
        SlaBreached breached = EventJson.read(breach.value(), SlaBreached.class);
        assertThat(breached.dueAt()).isEqualTo(due);
        assertThat(breached.policyName()).isEqualTo("Fast " + brand);
        // Published to the broker within a second of the due time, not on a cron tick.
        assertThat(Duration.between(due, Instant.ofEpochMilli(breach.timestamp()))).isGreaterThanOrEqualTo(Duration.ZERO)
                .isLessThan(Duration.ofSeconds(1));
        assertThat(breached.escalation()).containsExactly("priority raised from NORMAL to HIGH",
                "reassigned from nobody to lead.agent");
        assertThat(breached.notifyAddresses()).containsExactly("lead@shop.example");
        var notification = EventJson.read(topics.await(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId)
                && new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains("\"NOTIFICATION\""), 1,
                Duration.ofSeconds(20)).get(0).value(), io.tiski.events.v1.OutboundMessageRequested.class);
        assertThat(notification.recipient().address()).isEqualTo("lead@shop.example");
        assertThat(notification.subject()).isEqualTo("SLA breached: #" + ticket.getLong("number")
                + " first response (Fast " + brand + ")");
        assertThat(notification.textBody()).contains("Done automatically: priority raised from NORMAL to HIGH");

        // Exactly once: nothing more arrives for this clock while the timer keeps running.
        List<ConsumerRecord<String, byte[]>> all = topics.readAll(Topics.SLA_EVENTS, r -> r.key().equals(ticketId),
                Duration.ofSeconds(3));
        assertThat(all).hasSize(2);

        JsonPath after = given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(after.getString("priority")).isEqualTo("HIGH");
        assertThat(after.getString("assignee")).isEqualTo("lead.agent");
        assertThat(after.getString("slaState")).isEqualTo("BREACHED");
        given().auth().oauth2(TOKEN).queryParam("sla", "breached").queryParam("brand", brand)
                .get("/api/v1/tickets").then().statusCode(200).body("items.id", hasItem(ticketId));
        given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId + "/audit").then().statusCode(200)
                .body("action", hasItem("SLA_BREACHED"));

        JsonPath sla = given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId + "/sla").then()
                .statusCode(200).extract().jsonPath();
        assertThat(sla.getString("policyName")).isEqualTo("Fast " + brand);
        assertThat(sla.getString("clocks.find { it.target == 'FIRST_RESPONSE' }.state")).isEqualTo("BREACHED");
        assertThat(sla.getList("clocks.find { it.target == 'FIRST_RESPONSE' }.explanation", String.class))
                .anyMatch(l -> l.startsWith("Breached: due"));
        assertThat(sla.getString("clocks.find { it.target == 'RESOLUTION' }.state")).isEqualTo("RUNNING");

        // The agent's late reply stops the clock; it stays breached, and no second breach is raised.
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "Sorry for the wait!"))
                .post("/api/v1/tickets/" + ticketId + "/replies").then().statusCode(201);
        JsonPath replied = given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId + "/sla").then()
                .statusCode(200).extract().jsonPath();
        assertThat(replied.getString("clocks.find { it.target == 'FIRST_RESPONSE' }.state")).isEqualTo("BREACHED");
        assertThat(replied.getString("clocks.find { it.target == 'FIRST_RESPONSE' }.stoppedAt")).isNotNull();
        assertThat(topics.readAll(Topics.SLA_EVENTS, r -> r.key().equals(ticketId), Duration.ofSeconds(1)))
                .hasSize(2);
    }

    @Test
    void theAcknowledgementSaysWhenTheClosedTeamOpensAndWhenItAnswers() {
        String brand = "sla-closed-" + UUID.randomUUID();
        String calendarName = "Closed until " + brand;
        String calendarId = given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("name",
                calendarName, "timeZone", "Europe/Helsinki", "weeklyHours", Map.of())).post(
                        "/api/v1/business-calendars").then().statusCode(201).extract().path("id");
        java.time.LocalDate openDay = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Helsinki")).plusDays(3);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("label", "Open day",
                "hours", List.of("10:00-12:00"))).put("/api/v1/business-calendars/" + calendarId + "/exceptions/"
                        + openDay).then().statusCode(200).body("exceptions[0].hours[0]", equalTo("10:00-12:00"));
        createPolicy(Map.of("name", "Business " + brand, "position", 5, "conditions", Map.of("brands",
                List.of(brand)), "calendar", calendarName, "targets", Map.of("firstResponse", Map.of("time", "PT1H",
                        "businessHours", true))));
        InboundMessageReceived event = email(brand, "Kysymys");
        topics.publish(EventEnvelope.of(event, "/test"));
        String ticketId = ticketOf(event).getString("id");
        var requested = topics.await(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), 1,
                Duration.ofSeconds(20));
        io.tiski.events.v1.OutboundMessageRequested ack = EventJson.read(requested.get(0).value(),
                io.tiski.events.v1.OutboundMessageRequested.class);
        java.time.ZoneId helsinki = java.time.ZoneId.of("Europe/Helsinki");
        assertThat(ack.serviceOpensAt()).isEqualTo(openDay.atTime(10, 0).atZone(helsinki).toInstant());
        assertThat(ack.expectedAnswerBy()).isEqualTo(openDay.atTime(11, 0).atZone(helsinki).toInstant());
        assertThat(ack.timeZone()).isEqualTo("Europe/Helsinki");
        JsonPath sla = given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId + "/sla").then()
                .statusCode(200).extract().jsonPath();
        assertThat(sla.getList("clocks[0].explanation", String.class)).anyMatch(l -> l.contains("Open day: open "
                + "10:00-12:00"));
    }

    @Test
    void aTimelyReplyMeetsTheTargetAndPendingPausesTheResolutionClock() {
        String brand = "sla-calm-" + UUID.randomUUID();
        createPolicy(Map.of("name", "Calm " + brand, "position", 2, "conditions", Map.of("brands", List.of(brand)),
                "targets", Map.of("firstResponse", Map.of("time", "PT2H", "businessHours", false),
                        "nextResponse", Map.of("time", "PT2H", "businessHours", false),
                        "resolution", Map.of("time", "PT24H", "businessHours", false))));
        InboundMessageReceived event = email(brand, "Palautus");
        topics.publish(EventEnvelope.of(event, "/test"));
        String ticketId = ticketOf(event).getString("id");
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "Hei! Katsotaan.",
                "status", "PENDING")).post("/api/v1/tickets/" + ticketId + "/replies").then().statusCode(201);
        JsonPath sla = given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId + "/sla").then()
                .statusCode(200).extract().jsonPath();
        assertThat(sla.getString("clocks.find { it.target == 'FIRST_RESPONSE' }.state")).isEqualTo("MET");
        assertThat(sla.getString("clocks.find { it.target == 'RESOLUTION' }.state")).isEqualTo("PAUSED");
        assertThat(sla.getString("clocks.find { it.target == 'RESOLUTION' }.dueAt")).isNull();
        JsonPath ticket = given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(ticket.getString("slaState")).isEqualTo("PAUSED");
        given().auth().oauth2(TOKEN).queryParam("sla", "paused").queryParam("brand", brand).get("/api/v1/tickets")
                .then().statusCode(200).body("items.id", hasItem(ticketId));
        given().auth().oauth2(TOKEN).queryParam("sla", "breached").queryParam("brand", brand).get("/api/v1/tickets")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void theInboxSortsBySoonestDueWithTicketsWithoutAClockLast() {
        String brand = "sla-sort-" + UUID.randomUUID();
        createPolicy(Map.of("name", "Sort urgent " + brand, "position", 3,
                "conditions", Map.of("brands", List.of(brand), "priorities", List.of("URGENT")),
                "targets", Map.of("firstResponse", Map.of("time", "PT1H", "businessHours", false))));
        createPolicy(Map.of("name", "Sort normal " + brand, "position", 4,
                "conditions", Map.of("brands", List.of(brand), "priorities", List.of("NORMAL")),
                "targets", Map.of("firstResponse", Map.of("time", "PT8H", "businessHours", false))));
        InboundMessageReceived first = email(brand, "first");
        InboundMessageReceived second = email(brand, "second");
        InboundMessageReceived third = email(brand, "third");
        topics.publish(EventEnvelope.of(first, "/test"));
        topics.publish(EventEnvelope.of(second, "/test"));
        topics.publish(EventEnvelope.of(third, "/test"));
        String firstId = ticketOf(first).getString("id");
        String secondId = ticketOf(second).getString("id");
        String thirdId = ticketOf(third).getString("id");
        // Re-prioritised: the urgent policy's target, measured from the same start, comes first.
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("priority", "URGENT"))
                .patch("/api/v1/tickets/" + secondId).then().statusCode(200);
        // Low priority matches no policy: no clock.
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("priority", "LOW"))
                .patch("/api/v1/tickets/" + thirdId).then().statusCode(200);
        JsonPath page = given().auth().oauth2(TOKEN).queryParam("brand", brand).queryParam("sort", "sla")
                .queryParam("limit", 2).get("/api/v1/tickets").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.id", String.class)).containsExactly(secondId, firstId);
        assertThat(page.getString("items[1].slaState")).isEqualTo("RUNNING");
        JsonPath rest = given().auth().oauth2(TOKEN).queryParam("brand", brand).queryParam("sort", "sla")
                .queryParam("cursor", page.getString("nextCursor")).get("/api/v1/tickets").then().statusCode(200)
                .extract().jsonPath();
        assertThat(rest.getList("items.id", String.class)).containsExactly(thirdId);
        assertThat(rest.getString("items[0].slaState")).isNull();
    }

    @Test
    void calendarsAreValidatedAndImportedFromICalendar() {
        String calendarId = createCalendar("Import " + UUID.randomUUID());
        String ics = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Shop//Hours//FI",
                "BEGIN:VEVENT", "UID:staff-day@shop", "DTSTAMP:20261101T000000Z", "DTSTART;VALUE=DATE:20261201",
                "DTEND;VALUE=DATE:20261202", "SUMMARY:Staff day", "END:VEVENT",
                "BEGIN:VEVENT", "UID:black-friday@shop", "DTSTAMP:20261101T000000Z",
                "DTSTART;TZID=Europe/Helsinki:20261127T080000", "DTEND;TZID=Europe/Helsinki:20261127T220000",
                "SUMMARY:Black Friday", "END:VEVENT",
                "BEGIN:VEVENT", "UID:inventory@shop", "DTSTAMP:20261101T000000Z", "DTSTART;VALUE=DATE:20270115",
                "DTEND;VALUE=DATE:20270116", "RRULE:FREQ=YEARLY;COUNT=2", "SUMMARY:Inventory", "END:VEVENT",
                "END:VCALENDAR", "");
        JsonPath imported = given().auth().oauth2(TOKEN).contentType("text/calendar").body(ics)
                .post("/api/v1/business-calendars/" + calendarId + "/icalendar").then().statusCode(200).extract()
                .jsonPath();
        assertThat(imported.getInt("importedDays")).isEqualTo(4);
        assertThat(imported.getList("calendar.exceptions.date", String.class)).containsExactly("2026-11-27",
                "2026-12-01", "2027-01-15", "2028-01-15");
        assertThat(imported.getList("calendar.exceptions.find { it.date == '2026-11-27' }.hours", String.class))
                .containsExactly("08:00-22:00");
        assertThat(imported.getList("calendar.exceptions.find { it.date == '2026-12-01' }.hours", String.class))
                .isEmpty();
        // Friday 27 November 2026 is normally closed in this calendar; Black Friday opens it until 22:00.
        given().auth().oauth2(TOKEN).queryParam("at", "2026-11-27T15:00:00Z")
                .get("/api/v1/business-calendars/" + calendarId + "/next-opening").then().statusCode(200)
                .body("opensAt", equalTo("2026-11-27T15:00:00Z"));
        // Tuesday 1 December is the staff day: next open Saturday 5 December 10:00 (08:00Z).
        given().auth().oauth2(TOKEN).queryParam("at", "2026-11-30T16:00:00Z")
                .get("/api/v1/business-calendars/" + calendarId + "/next-opening").then().statusCode(200)
                .body("opensAt", equalTo("2026-12-05T08:00:00Z"));

        given().auth().oauth2(TOKEN).contentType("text/calendar").body("not a calendar")
                .post("/api/v1/business-calendars/" + calendarId + "/icalendar").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("name", "Bad zone",
                "timeZone", "Europe/Atlantis", "weeklyHours", Map.of())).post("/api/v1/business-calendars").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("time zone"));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("name", "Bad hours",
                "weeklyHours", Map.of("MONDAY", List.of("16:00-08:00")))).post("/api/v1/business-calendars").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("name", "No calendar",
                "position", 9, "targets", Map.of("firstResponse", Map.of("time", "PT4H", "businessHours", true))))
                .post("/api/v1/sla-policies").then().statusCode(400).body("detail", containsString("calendar"));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("name", "Bad notify",
                "position", 9, "targets", Map.of("firstResponse", Map.of("time", "PT4H", "businessHours", false)),
                "escalation", Map.of("notify", List.of("not an address")))).post("/api/v1/sla-policies").then()
                .statusCode(400).body("detail", containsString("escalation.notify"));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("name", "Bad time",
                "position", 9, "targets", Map.of("firstResponse", Map.of("time", "4 hours", "businessHours", false))))
                .post("/api/v1/sla-policies").then().statusCode(400).body("detail", containsString("ISO-8601"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/sla-policies").then().statusCode(401);
    }
}
