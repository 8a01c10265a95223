package io.tiski.ticket.rest;

import io.tiski.ticket.domain.sla.SlaClocks;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.sla.SlaClockService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tickets/{id}/sla")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
@SecurityRequirement(name = "bearer")
public class TicketSlaResource {
    private final SlaClockService clocks;

    TicketSlaResource(SlaClockService clocks) {
        this.clocks = clocks;
    }

    @Schema(description = "One SLA clock: when it is due, how much time is left, and how the due time was computed")
    public record ClockView(String target, int cycle, String state, Instant startedAt, Instant dueAt,
            Instant warnAt, Instant stoppedAt,
            @Schema(description = "The target time, ISO-8601") String targetTime,
            @Schema(description = "Counted time used so far, in seconds") long elapsedSeconds,
            @Schema(description = "Counted time left, in seconds; negative once overdue") long remainingSeconds,
            List<String> explanation) {
    }

    @Schema(description = "The SLA of a ticket: the policy that applies, each target's latest cycle, and every cycle")
    public record TicketSlaView(String ticketId, long ticketNumber, String policyId, String policyName,
            Instant computedAt, List<ClockView> clocks, List<ClockView> history) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Transactional
    @Operation(summary = "The ticket's SLA clocks, computed now, with explanations",
            description = "`id` is the ticket's id or number. A ticket no policy matches has no clocks.")
    @APIResponse(responseCode = "200", description = "The clocks")
    @APIResponse(responseCode = "404", description = "No such ticket (problem+json)")
    public TicketSlaView get(@PathParam("id") String id) {
        Ticket ticket = find(id).orElseThrow(() -> new NotFoundException("No ticket " + id));
        Instant now = Instant.now();
        SlaClockService.TicketSla sla = clocks.read(ticket, now);
        return new TicketSlaView(ticket.id.toString(), ticket.number, sla.policyId(), sla.policyName(), now,
                sla.clocks().stream().map(TicketSlaResource::view).toList(),
                sla.history().stream().map(TicketSlaResource::view).toList());
    }

    static ClockView view(SlaClocks.Reading r) {
        return new ClockView(r.target().name(), r.cycle(), r.state().name(), r.startedAt(), r.dueAt(), r.warnAt(),
                r.stoppedAt(), r.targetTime().toString(), r.elapsed().toSeconds(), r.remaining().toSeconds(),
                r.explanation());
    }

    private static Optional<Ticket> find(String idOrNumber) {
        if (idOrNumber.matches("\\d{1,18}")) {
            return Ticket.<Ticket>find("number", Long.parseLong(idOrNumber)).firstResultOptional();
        }
        try {
            return Ticket.<Ticket>findByIdOptional(UUID.fromString(idOrNumber));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
