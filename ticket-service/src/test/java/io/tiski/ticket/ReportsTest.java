package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The reports against generated histories whose true figures the generator kept. With
 * {@code -Dtiski.report-images=docs/images} the heat map and a distribution of the generated history are written
 * there as SVG for the documentation.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class ReportsTest {
    static final String TOKEN = InboundMessageFlowTest.TOKEN;
    static final LocalDate FROM = LocalDate.parse("2026-10-05");
    static final LocalDate TO = LocalDate.parse("2026-10-18");

    @Inject
    ReportDataGenerator generator;

    static long nearestRank(List<Duration> values, double share) {
        long[] sorted = values.stream().mapToLong(Duration::toSeconds).sorted().toArray();
        return sorted[(int) Math.ceil(share * sorted.length) - 1];
    }

    JsonPath report(String name, String brand, Map<String, Object> extra) {
        return given().auth().oauth2(TOKEN).queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("brand", brand).queryParams(extra).get("/api/v1/reports/" + name).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void reportsShowTheTrueFiguresOfAGeneratedHistory() throws Exception {
        String brand = "report-" + UUID.randomUUID();
        // Written directly, as changing policies through the API measures every open ticket again.
        UUID policyId = generator.policy("Report policy " + brand);
        ReportDataGenerator.Truth truth = generator.history(brand, FROM, TO, 600, policyId, 20261123);

        JsonPath volume = report("volume", brand, Map.of());
        Map<String, long[]> reported = new TreeMap<>();
        for (int i = 0; i < volume.getList("$").size(); i++) {
            reported.put(volume.getString("[" + i + "].date") + "|" + volume.getString("[" + i + "].channel"),
                    new long[] {volume.getLong("[" + i + "].tickets"), volume.getLong("[" + i + "].customerMessages")});
        }
        assertThat(reported.keySet()).isEqualTo(truth.volume.keySet());
        truth.volume.forEach((key, counts) -> assertThat(reported.get(key)).as(key).containsExactly(counts));

        JsonPath heat = report("heat-map", brand, Map.of());
        Map<String, Long> cells = new TreeMap<>();
        for (int i = 0; i < heat.getList("$").size(); i++) {
            cells.put(heat.getString("[" + i + "].channel") + "|" + heat.getInt("[" + i + "].isoDayOfWeek") + "|"
                    + heat.getInt("[" + i + "].hour"), heat.getLong("[" + i + "].messages"));
        }
        assertThat(cells).isEqualTo(truth.heat);

        JsonPath times = report("response-times", brand, Map.of());
        String all = "find { it.channel == 'ALL' }";
        assertThat(times.getInt(all + ".firstResponse.count")).isEqualTo(truth.firstResponses.size());
        assertThat(times.getLong(all + ".firstResponse.medianSeconds"))
                .isEqualTo(nearestRank(truth.firstResponses, 0.5));
        assertThat(times.getLong(all + ".firstResponse.p90Seconds")).isEqualTo(nearestRank(truth.firstResponses, 0.9));
        assertThat(times.getLong(all + ".unanswered")).isEqualTo(truth.unanswered);
        assertThat(times.getInt(all + ".resolution.count")).isEqualTo(truth.resolutions.size());
        assertThat(times.getLong(all + ".resolution.medianSeconds")).isEqualTo(nearestRank(truth.resolutions, 0.5));
        assertThat(times.getLong(all + ".resolution.p90Seconds")).isEqualTo(nearestRank(truth.resolutions, 0.9));
        int underAnHour = (int) truth.firstResponses.stream().filter(d -> d.compareTo(Duration.ofHours(1)) < 0)
                .count();
        assertThat(times.getInt(all + ".firstResponse.buckets.'<1h'")).isEqualTo(underAnHour);

        JsonPath backlog = report("backlog", brand, Map.of());
        Map<LocalDate, Long> open = new TreeMap<>();
        for (int i = 0; i < backlog.getList("$").size(); i++) {
            open.put(LocalDate.parse(backlog.getString("[" + i + "].date")), backlog.getLong("[" + i + "].open"));
        }
        assertThat(open).isEqualTo(truth.backlog);

        JsonPath attainment = report("sla-attainment", brand, Map.of());
        for (String target : List.of("FIRST_RESPONSE", "RESOLUTION")) {
            String row = "find { it.target == '" + target + "' }";
            long[] expected = truth.attainment.get(target);
            assertThat(attainment.getLong(row + ".met")).isEqualTo(expected[0]);
            assertThat(attainment.getLong(row + ".breached")).isEqualTo(expected[1]);
            assertThat(attainment.getLong(row + ".running")).isEqualTo(expected[2]);
            assertThat(attainment.getDouble(row + ".attainment")).isCloseTo((double) expected[0]
                    / (expected[0] + expected[1]), org.assertj.core.api.Assertions.within(1e-6));
            assertThat(attainment.getString(row + ".policy")).isEqualTo("Report policy " + brand);
        }

        String csv = given().auth().oauth2(TOKEN).queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("brand", brand).queryParam("format", "csv").get("/api/v1/reports/volume").then()
                .statusCode(200).contentType(startsWith("text/csv")).header("Content-Disposition",
                        containsString("tiski-volume.csv")).extract().asString();
        assertThat(csv.lines().findFirst()).contains("date,channel,tickets,customer_messages");
        assertThat(csv.lines().count()).isEqualTo(truth.volume.size() + 1);

        String heatSvg = given().auth().oauth2(TOKEN).queryParam("from", FROM.toString()).queryParam("to",
                TO.toString()).queryParam("brand", brand).queryParam("format", "svg").get("/api/v1/reports/heat-map")
                .then().statusCode(200).contentType(startsWith("image/svg+xml")).extract().asString();
        assertThat(heatSvg).startsWith("<svg").contains("<title>Mon 00:00");
        String histogram = given().auth().oauth2(TOKEN).queryParam("from", FROM.toString()).queryParam("to",
                TO.toString()).queryParam("brand", brand).queryParam("format", "svg").get(
                        "/api/v1/reports/response-times").then().statusCode(200).extract().asString();
        assertThat(histogram).contains(truth.firstResponses.size() + " tickets · median");
        String images = System.getProperty("tiski.report-images");
        if (images != null && !images.isBlank()) {
            Path dir = Path.of(images);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report-heat-map.svg"), heatSvg);
            Files.writeString(dir.resolve("report-first-response.svg"), histogram);
        }
    }

    @Test
    void businessHoursTimesCountOnlyOpeningHours() {
        String brand = "report-bh-" + UUID.randomUUID();
        String calendar = "Report weekdays " + brand;
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("name", calendar, "timeZone",
                "Europe/Helsinki", "weeklyHours", Map.of("MONDAY", List.of("08:00-16:00"), "TUESDAY",
                        List.of("08:00-16:00"), "WEDNESDAY", List.of("08:00-16:00"), "THURSDAY",
                        List.of("08:00-16:00"), "FRIDAY", List.of("08:00-16:00")))).post("/api/v1/business-calendars")
                .then().statusCode(201);
        generator.businessHoursCases(brand);
        JsonPath times = report("response-times", brand, Map.of("calendar", calendar));
        String email = "find { it.channel == 'EMAIL' }";
        // Friday 15:00 -> Monday 09:00 is 66 h on the clock and 2 h of business; 30 min; 7 h.
        assertThat(times.getLong(email + ".firstResponse.medianSeconds")).isEqualTo(7 * 3600);
        assertThat(times.getLong(email + ".firstResponse.p90Seconds")).isEqualTo(66 * 3600);
        assertThat(times.getLong(email + ".firstResponseBusiness.medianSeconds")).isEqualTo(2 * 3600);
        assertThat(times.getLong(email + ".firstResponseBusiness.p90Seconds")).isEqualTo(7 * 3600);
    }

    @Test
    void theSeasonalViewFindsTheLagBetweenOrdersAndTicketsAndForecastsNextSeason() {
        String brand = "report-season-" + UUID.randomUUID();
        int lag = 3;
        double perOrder = 0.1;
        double growth = 1.25;
        LocalDate yearOneStart = LocalDate.parse("2024-11-04");
        LocalDate yearTwoStart = yearOneStart.plusDays(364);
        LocalDate yearTwoEnd = yearTwoStart.plusDays(363);
        Random random = new Random(7);
        Map<LocalDate, Integer> orders = new TreeMap<>();
        for (int i = 0; i < 364; i++) {
            LocalDate day = yearOneStart.plusDays(i);
            double season = 1 + 0.8 * Math.exp(-Math.pow((i - 25) / 12.0, 2)) + 0.4 * Math.sin(i / 58.0);
            double weekday = day.getDayOfWeek().getValue() >= 6 ? 0.7 : 1.0;
            orders.put(day, (int) Math.round(120 * season * weekday * (0.6 + 0.8 * random.nextDouble())));
        }
        for (int i = 0; i < 364; i++) {
            orders.put(yearTwoStart.plusDays(i), (int) Math.round(growth * orders.get(yearOneStart.plusDays(i))));
        }
        StringBuilder csv = new StringBuilder("date,orders\n");
        orders.forEach((day, n) -> csv.append(day).append(',').append(n).append('\n'));
        given().auth().oauth2(TOKEN).contentType("text/csv").queryParam("brand", brand).body(csv.toString())
                .post("/api/v1/reports/sales").then().statusCode(200);
        Map<LocalDate, Integer> tickets = new HashMap<>();
        for (LocalDate d = yearTwoStart; !d.isAfter(yearTwoEnd); d = d.plusDays(1)) {
            tickets.put(d, (int) Math.round(perOrder * orders.get(d.minusDays(lag))));
        }
        generator.ticketsPerDay(brand, tickets);

        JsonPath view = given().auth().oauth2(TOKEN).queryParam("from", yearTwoStart.toString())
                .queryParam("to", yearTwoEnd.toString()).queryParam("brand", brand).queryParam("forecastWeeks", 40)
                .get("/api/v1/reports/seasonal").then().statusCode(200).extract().jsonPath();
        assertThat(view.getInt("analysis.lagDays")).isEqualTo(lag);
        assertThat(view.getDouble("analysis.ticketsPerOrder")).isCloseTo(perOrder,
                org.assertj.core.api.Assertions.within(0.002));
        assertThat(view.getDouble("analysis.growth")).isCloseTo(growth, org.assertj.core.api.Assertions.within(0.01));
        assertThat(view.getList("weeks")).hasSize(52);
        assertThat(view.getLong("weeks[0].tickets")).isEqualTo(java.util.stream.IntStream.range(0, 7)
                .mapToLong(i -> tickets.get(yearTwoStart.plusDays(i))).sum());
        // The true load of next season: the shop's orders grow by the same factor and tickets follow them.
        List<Double> forecast = view.getList("analysis.forecast.expectedTickets", Double.class);
        assertThat(forecast).hasSize(40);
        List<Double> errors = new ArrayList<>();
        for (int w = 0; w < 40; w++) {
            LocalDate week = yearTwoEnd.plusDays(1).plusWeeks(w);
            double truth = 0;
            for (int i = 0; i < 7; i++) {
                truth += perOrder * growth * orders.get(week.plusDays(i).minusDays(lag).minusDays(364));
            }
            errors.add(Math.abs(forecast.get(w) - truth) / truth);
        }
        assertThat(errors).allMatch(e -> e < 0.03);

        given().auth().oauth2(TOKEN).contentType("text/csv").body("2026-01-01,many").post("/api/v1/reports/sales")
                .then().statusCode(400).body("detail", containsString("line 1"));
        given().auth().oauth2(TOKEN).queryParam("from", "2026-10-01").get("/api/v1/reports/volume").then()
                .statusCode(400).contentType("application/problem+json");
        given().queryParam("from", "2026-10-01").queryParam("to", "2026-10-02").get("/api/v1/reports/volume").then()
                .statusCode(401);
    }
}
