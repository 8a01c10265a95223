package io.tiski.ticket.rest;

import io.tiski.ticket.domain.report.Distribution;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.report.ReportCharts;
import io.tiski.ticket.service.report.Reports;
import io.tiski.ticket.service.sla.SlaSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Service reports over tickets created on local dates from–to (inclusive). Every report answers JSON, or CSV with
 * {@code format=csv}; the heat map and the time distributions also draw themselves as SVG with {@code format=svg}.
 */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Volumes, heat map, response times, SLA attainment, backlog, seasonality")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.READ_ONLY})
public class ReportResource {
    private static final int MAX_SALES_ROWS = 5_000;
    private final Reports reports;
    private final SlaSettings settings;

    ReportResource(Reports reports, SlaSettings settings) {
        this.reports = reports;
        this.settings = settings;
    }

    @GET
    @Path("/volume")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Tickets created and customer messages received, per day and channel")
    public Response volume(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("zone") String zone, @QueryParam("brand") String brand, @QueryParam("team") String team,
            @QueryParam("format") String format) {
        List<Reports.VolumeRow> rows = reports.volume(scope(from, to, zone, brand, team));
        return respond(format, rows, "volume", "date,channel,tickets,customer_messages",
                r -> r.date() + "," + r.channel() + "," + r.tickets() + "," + r.customerMessages());
    }

    @GET
    @Path("/heat-map")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "image/svg+xml"})
    @Operation(summary = "Customer messages per channel, day of week (1 = Monday) and local hour")
    public Response heatMap(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("zone") String zone, @QueryParam("brand") String brand, @QueryParam("team") String team,
            @Parameter(description = "For format=svg: draw one channel only") @QueryParam("channel") String channel,
            @QueryParam("format") String format) {
        Reports.Scope scope = scope(from, to, zone, brand, team);
        List<Reports.HeatCell> cells = reports.heatMap(scope).stream().filter(c -> channel == null
                || channel.isBlank() || c.channel().equalsIgnoreCase(channel.strip())).toList();
        if ("svg".equals(format)) {
            return Response.ok(ReportCharts.heatMap("When customers write" + (channel == null || channel.isBlank()
                    ? "" : " · " + channel.strip().toUpperCase(Locale.ROOT)) + " · " + scope.from() + " – "
                    + scope.to(), cells), "image/svg+xml").build();
        }
        return respond(format, cells, "heat-map", "channel,iso_day_of_week,hour,messages",
                c -> c.channel() + "," + c.isoDayOfWeek() + "," + c.hour() + "," + c.messages());
    }

    @GET
    @Path("/response-times")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "image/svg+xml"})
    @Operation(summary = "First response and resolution times: count, median, 90th percentile, histogram",
            description = "Per channel and ALL, in calendar time and in the business hours of `calendar` (the "
                    + "first calendar by name when left out). Tickets agents opened for calls and visits are left "
                    + "out. format=svg draws the histogram of `measure` (firstResponse, resolution) for `channel`.")
    public Response responseTimes(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("zone") String zone, @QueryParam("brand") String brand, @QueryParam("team") String team,
            @QueryParam("calendar") String calendar, @QueryParam("format") String format,
            @QueryParam("measure") @DefaultValue("firstResponse") String measure,
            @QueryParam("channel") @DefaultValue("ALL") String channel) {
        Reports.Scope scope = scope(from, to, zone, brand, team);
        List<Reports.Times> times = reports.times(scope, settings.businessCalendarNamed(calendar).orElse(null));
        if ("svg".equals(format)) {
            Reports.Times selected = times.stream().filter(t -> t.channel().equalsIgnoreCase(channel.strip()))
                    .findFirst().orElse(new Reports.Times(channel, Distribution.of(List.of()), null,
                            Distribution.of(List.of()), null, 0, 0));
            boolean resolution = "resolution".equalsIgnoreCase(measure.strip());
            return Response.ok(ReportCharts.histogram((resolution ? "Resolution time" : "First response time")
                    + " · " + selected.channel() + " · " + scope.from() + " – " + scope.to(), resolution
                            ? selected.resolution() : selected.firstResponse()), "image/svg+xml").build();
        }
        return respond(format, times, "response-times", "channel,measure,hours,count,median_seconds,p90_seconds,"
                + "unanswered_or_unresolved", t -> String.join("\n",
                        row(t.channel(), "first_response", "calendar", t.firstResponse(), t.unanswered()),
                        row(t.channel(), "first_response", "business", t.firstResponseBusiness(), t.unanswered()),
                        row(t.channel(), "resolution", "calendar", t.resolution(), t.unresolved()),
                        row(t.channel(), "resolution", "business", t.resolutionBusiness(), t.unresolved())));
    }

    @GET
    @Path("/sla-attainment")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Per policy, team and target: clocks met, breached, still running; attainment = met / "
            + "(met + breached)")
    public Response attainment(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("zone") String zone, @QueryParam("brand") String brand, @QueryParam("team") String team,
            @QueryParam("format") String format) {
        return respond(format, reports.attainment(scope(from, to, zone, brand, team)), "sla-attainment",
                "policy,team,target,met,breached,running,attainment", a -> csv(a.policy()) + ","
                        + csv(a.team() == null ? "" : a.team()) + "," + a.target() + "," + a.met() + ","
                        + a.breached() + "," + a.running() + "," + (a.attainment() == null ? ""
                                : String.format(Locale.ROOT, "%.4f", a.attainment())));
    }

    @GET
    @Path("/satisfaction")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Customer satisfaction (CSAT) overall (team ALL) and per team",
            description = "Surveys of tickets created in the period: sent, answered, good, bad; score = good / "
                    + "answered, responseRate = answered / sent.")
    public Response satisfaction(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("zone") String zone, @QueryParam("brand") String brand, @QueryParam("team") String team,
            @QueryParam("format") String format) {
        return respond(format, reports.satisfaction(scope(from, to, zone, brand, team)), "satisfaction",
                "team,sent,answered,good,bad,score,response_rate", r -> csv(r.team() == null ? "" : r.team()) + ","
                        + r.sent() + "," + r.answered() + "," + r.good() + "," + r.bad() + "," + ratio(r.score()) + ","
                        + ratio(r.responseRate()));
    }

    private static String ratio(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    @GET
    @Path("/contact-reasons")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Top contact reasons, overall (channel ALL) and per channel, most tickets first",
            description = "Labels in `language` (fi, sv, en). Tickets without a reason yet count as reason null.")
    public Response contactReasons(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("zone") String zone, @QueryParam("brand") String brand, @QueryParam("team") String team,
            @QueryParam("language") @DefaultValue("en") String language, @QueryParam("format") String format) {
        return respond(format, reports.contactReasons(scope(from, to, zone, brand, team), language),
                "contact-reasons", "channel,reason,label,tickets,share", r -> r.channel() + ","
                        + (r.reason() == null ? "" : r.reason()) + "," + csv(r.label()) + "," + r.tickets() + ","
                        + String.format(Locale.ROOT, "%.4f", r.share()));
    }

    @GET
    @Path("/backlog")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Tickets neither solved nor closed at the end of each day")
    public Response backlog(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("zone") String zone, @QueryParam("brand") String brand, @QueryParam("team") String team,
            @QueryParam("format") String format) {
        return respond(format, reports.backlog(scope(from, to, zone, brand, team)), "backlog", "date,open",
                d -> d.date() + "," + d.open());
    }

    @POST
    @Path("/sales")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD})
    @Operation(summary = "Import orders per day (CSV: date,orders — a header line is allowed)",
            description = "Days already imported are replaced. `brand` keeps each brand's sales apart.")
    public Map<String, Object> importSales(@QueryParam("brand") String brand, String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("the body is empty; send lines such as 2026-11-27,1843");
        }
        Map<LocalDate, Integer> days = new TreeMap<>();
        String[] lines = body.split("\\r?\\n");
        if (lines.length > MAX_SALES_ROWS + 1) {
            throw new IllegalArgumentException("at most " + MAX_SALES_ROWS + " days per import");
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || (i == 0 && !Character.isDigit(line.charAt(0)))) {
                continue;
            }
            String[] parts = line.split("[,;\\t]");
            try {
                int orders = Integer.parseInt(parts[1].strip());
                if (orders < 0) {
                    throw new NumberFormatException();
                }
                days.put(LocalDate.parse(parts[0].strip()), orders);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not 'date,orders' (e.g. 2026-11-27,1843): '"
                        + (line.length() > 80 ? line.substring(0, 80) + "…" : line) + "'");
            }
        }
        int imported = reports.importSales(blankToNull(brand), days);
        return Map.of("importedDays", imported, "brand", brand == null ? "" : brand);
    }

    @GET
    @Path("/seasonal")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Weekly tickets against weekly orders, the lag between them, and next season's load",
            description = "Needs orders imported with POST /reports/sales for the range and the year before it. "
                    + "The lag (0–21 days) is where daily orders and later daily tickets correlate best; a future "
                    + "week's load is tickets per order × growth (last 8 weeks against a year before) × the orders "
                    + "of the same days a year earlier, shifted by the lag.")
    public Response seasonal(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("zone") String zone, @QueryParam("brand") String brand,
            @QueryParam("forecastWeeks") @DefaultValue("52") int forecastWeeks, @QueryParam("format") String format) {
        if (forecastWeeks < 0 || forecastWeeks > 104) {
            throw new IllegalArgumentException("forecastWeeks must be 0–104");
        }
        Reports.SeasonalView view = reports.seasonal(scope(from, to, zone, brand, null), forecastWeeks);
        if ("csv".equals(format)) {
            StringBuilder csv = new StringBuilder("week_start,tickets,orders,expected_tickets\n");
            view.weeks().forEach(w -> csv.append(w.weekStart()).append(',').append(w.tickets()).append(',')
                    .append(w.orders() == null ? "" : w.orders()).append(",\n"));
            view.analysis().forecast().forEach(f -> csv.append(f.weekStart()).append(",,,").append(
                    f.expectedTickets() == null ? "" : String.format(Locale.ROOT, "%.1f", f.expectedTickets()))
                    .append('\n'));
            return csvResponse(csv.toString(), "seasonal");
        }
        return Response.ok(view).build();
    }

    private static String row(String channel, String measure, String hours, Distribution d, long missing) {
        if (d == null) {
            return channel + "," + measure + "," + hours + ",,,," + missing;
        }
        return channel + "," + measure + "," + hours + "," + d.count() + "," + (d.medianSeconds() == null ? ""
                : d.medianSeconds()) + "," + (d.p90Seconds() == null ? "" : d.p90Seconds()) + "," + missing;
    }

    private static <T> Response respond(String format, List<T> rows, String name, String header,
            Function<T, String> line) {
        if (format == null || format.isBlank() || "json".equals(format)) {
            return Response.ok(rows, MediaType.APPLICATION_JSON).build();
        }
        if (!"csv".equals(format)) {
            throw new IllegalArgumentException("format must be json or csv" + (name.equals("heat-map")
                    || name.equals("response-times") ? " or svg" : "") + ", not '" + format + "'");
        }
        StringBuilder csv = new StringBuilder(header).append('\n');
        rows.forEach(r -> csv.append(line.apply(r)).append('\n'));
        return csvResponse(csv.toString(), name);
    }

    private static Response csvResponse(String csv, String name) {
        return Response.ok(csv, "text/csv; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"tiski-"
                + name + ".csv\"").build();
    }

    static String csv(String value) {
        String safe = value;
        // A cell starting with =, +, - or @ would run as a formula in a spreadsheet.
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") ? "\"" + safe.replace("\"", "\"\"")
                + "\"" : safe;
    }

    private static Reports.Scope scope(String from, String to, String zone, String brand, String team) {
        if (from == null || to == null || from.isBlank() || to.isBlank()) {
            throw new IllegalArgumentException("from and to are required dates, e.g. from=2026-11-01&to=2026-11-30");
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone == null || zone.isBlank() ? "Europe/Helsinki" : zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone must be a time zone such as Europe/Helsinki, not '" + zone + "'");
        }
        try {
            return new Reports.Scope(LocalDate.parse(from.strip()), LocalDate.parse(to.strip()), zoneId,
                    blankToNull(brand), blankToNull(team));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("from and to must be dates such as 2026-11-01");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
