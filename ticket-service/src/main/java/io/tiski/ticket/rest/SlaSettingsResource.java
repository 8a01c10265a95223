package io.tiski.ticket.rest;

import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.sla.SlaSettings;
import io.tiski.ticket.service.sla.SlaTimer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Business calendars and SLA policies: read by every agent, changed by administrators. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "SLA", description = "Business calendars and SLA policies")
@SecurityRequirement(name = "bearer")
public class SlaSettingsResource {
    private final SlaSettings settings;
    private final SlaTimer timer;

    SlaSettingsResource(SlaSettings settings, SlaTimer timer) {
        this.settings = settings;
        this.timer = timer;
    }

    @Schema(description = "A business calendar. weeklyHours maps MONDAY…SUNDAY to spans such as \"08:00-16:00\"; "
            + "a day left out is closed. publicHolidays: FI, SE.")
    public record CalendarRequest(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String name,
            @Schema(description = "IANA time zone, Europe/Helsinki when left out") String timeZone,
            @NotNull(message = "is required; name the open hours of each day, e.g. \"MONDAY\": [\"08:00-16:00\"]")
            Map<String, List<String>> weeklyHours,
            List<String> publicHolidays) {
    }

    @Schema(description = "Hours for one date that replace the usual ones; no hours: closed that day")
    public record ExceptionRequest(@Size(max = 200) String label, List<String> hours) {
    }

    @Schema(description = "An SLA policy; the first active policy in position order whose conditions match applies. "
            + "targets: firstResponse, nextResponse, resolution, each {\"time\": \"PT4H\", \"businessHours\": true}")
    public record PolicyRequest(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String name,
            @NotNull(message = "is required") @Min(value = 0, message = "must be at least 0")
            @Max(value = 10000, message = "must be at most 10000") Integer position,
            Boolean active,
            SlaSettings.Conditions conditions,
            @NotEmpty(message = "name at least one of firstResponse, nextResponse, resolution")
            Map<String, SlaSettings.Target> targets,
            @Schema(description = "The name of the business calendar for targets in business hours") String calendar,
            @Schema(description = "Whether on-hold pauses the clocks as pending does") Boolean pauseOnHold,
            @Schema(description = "Warn this long before the due time (ISO-8601, e.g. PT15M)") String warningLead,
            @Schema(description = "Or warn when this share of the target is used, e.g. 0.8") Double warningShare,
            SlaSettings.Escalation escalation) {
    }

    @Schema(description = "When the service is next open")
    public record NextOpening(Instant at, Instant opensAt, String timeZone) {
    }

    @GET
    @Path("/business-calendars")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "All business calendars")
    public List<SlaSettings.Calendar> calendars() {
        return settings.calendars();
    }

    @GET
    @Path("/business-calendars/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "One business calendar with its exceptions")
    public SlaSettings.Calendar calendar(@PathParam("id") UUID id) {
        return settings.calendar(id);
    }

    @GET
    @Path("/business-calendars/{id}/next-opening")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "When the service is next open after a moment (now when left out)")
    public NextOpening nextOpening(@PathParam("id") UUID id, @QueryParam("at") String at) {
        Instant moment;
        try {
            moment = at == null || at.isBlank() ? Instant.now() : Instant.parse(at.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("at must be an ISO-8601 instant such as 2026-11-23T08:00:00Z");
        }
        var calendar = settings.businessCalendar(id);
        return new NextOpening(moment, calendar.nextOpening(moment).orElse(null), calendar.zone().getId());
    }

    @POST
    @Path("/business-calendars")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a business calendar")
    public Response addCalendar(@Valid @NotNull(message = "the body is empty") CalendarRequest request) {
        return Response.status(201).entity(settings.saveCalendar(null, request.name(), request.timeZone(),
                request.weeklyHours(), request.publicHolidays())).build();
    }

    @PUT
    @Path("/business-calendars/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a business calendar; open tickets' SLA clocks are measured again")
    public SlaSettings.Calendar changeCalendar(@PathParam("id") UUID id,
            @Valid @NotNull(message = "the body is empty") CalendarRequest request) {
        SlaSettings.Calendar saved = settings.saveCalendar(id, request.name(), request.timeZone(),
                request.weeklyHours(), request.publicHolidays());
        timer.recomputeOpenTickets();
        return saved;
    }

    @DELETE
    @Path("/business-calendars/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a business calendar no policy uses")
    public Response removeCalendar(@PathParam("id") UUID id) {
        settings.deleteCalendar(id);
        return Response.noContent().build();
    }

    @PUT
    @Path("/business-calendars/{id}/exceptions/{date}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the hours of one date (extended hours, or closed with no hours)")
    public SlaSettings.Calendar putException(@PathParam("id") UUID id, @PathParam("date") String date,
            @Valid @NotNull(message = "the body is empty") ExceptionRequest request) {
        SlaSettings.Calendar saved = settings.putException(id, date(date), request.label(), request.hours(),
                "MANUAL");
        timer.recomputeOpenTickets();
        return saved;
    }

    @DELETE
    @Path("/business-calendars/{id}/exceptions/{date}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Return one date to the usual hours")
    public SlaSettings.Calendar removeException(@PathParam("id") UUID id, @PathParam("date") String date) {
        SlaSettings.Calendar saved = settings.removeException(id, date(date));
        timer.recomputeOpenTickets();
        return saved;
    }

    @POST
    @Path("/business-calendars/{id}/icalendar")
    @Consumes({"text/calendar", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import closed days and special hours from an iCalendar (.ics) file",
            description = "All-day events close their days; timed events become that day's opening hours. "
                    + "Replaces what an earlier import set; exceptions entered by hand win.")
    public SlaSettings.ImportSummary importICalendar(@PathParam("id") UUID id, @NotBlank(message = "the body is "
            + "empty; send the .ics file") String body) {
        SlaSettings.Calendar calendar = settings.calendar(id);
        SlaSettings.ImportSummary summary = settings.importICalendar(id, body,
                LocalDate.now(ZoneId.of(calendar.timeZone())));
        timer.recomputeOpenTickets();
        return summary;
    }

    @GET
    @Path("/sla-policies")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "All SLA policies in the order they are matched")
    public List<SlaSettings.Policy> policies() {
        return settings.policies();
    }

    @GET
    @Path("/sla-policies/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "One SLA policy")
    public SlaSettings.Policy policy(@PathParam("id") UUID id) {
        return settings.policy(id);
    }

    @POST
    @Path("/sla-policies")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add an SLA policy; open tickets' clocks are measured again")
    public Response addPolicy(@Valid @NotNull(message = "the body is empty") PolicyRequest request) {
        SlaSettings.Policy saved = settings.savePolicy(null, policy(request));
        timer.recomputeOpenTickets();
        return Response.status(201).entity(saved).build();
    }

    @PUT
    @Path("/sla-policies/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change an SLA policy; open tickets' clocks are measured again")
    public SlaSettings.Policy changePolicy(@PathParam("id") UUID id,
            @Valid @NotNull(message = "the body is empty") PolicyRequest request) {
        SlaSettings.Policy saved = settings.savePolicy(id, policy(request));
        timer.recomputeOpenTickets();
        return saved;
    }

    @DELETE
    @Path("/sla-policies/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove an SLA policy")
    public Response removePolicy(@PathParam("id") UUID id) {
        settings.deletePolicy(id);
        timer.recomputeOpenTickets();
        return Response.noContent().build();
    }

    private static SlaSettings.Policy policy(PolicyRequest r) {
        return new SlaSettings.Policy(null, r.name(), r.position(), r.active() == null || r.active(),
                r.conditions(), r.targets(), r.calendar(), r.pauseOnHold() != null && r.pauseOnHold(),
                r.warningLead(), r.warningShare(), r.escalation());
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date must look like 2026-11-27, not '" + text + "'");
        }
    }
}
