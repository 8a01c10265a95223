package io.tiski.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tiski.ticket.repository.TicketAuditEntry;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.AgentActions;
import io.tiski.ticket.service.TicketQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tickets/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Ticket actions", description = "Replies, notes and changes by agents")
@SecurityRequirement(name = "bearer")
public class TicketActionsResource {
    private final AgentActions actions;
    private final TicketQueries queries;
    private final SecurityIdentity identity;
    private final io.tiski.ticket.service.Collisions collisions;
    private final io.tiski.ticket.service.TicketMerges merges;

    TicketActionsResource(AgentActions actions, TicketQueries queries, SecurityIdentity identity,
            io.tiski.ticket.service.Collisions collisions, io.tiski.ticket.service.TicketMerges merges) {
        this.merges = merges;
        this.actions = actions;
        this.queries = queries;
        this.identity = identity;
        this.collisions = collisions;
    }

    @POST
    @Path("/replies")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "Reply to the customer on the ticket's channel",
            description = "The reply is stored at once and sent by the notification service; its delivery state "
                    + "appears in the ticket's deliveries.")
    @APIResponse(responseCode = "201", description = "The reply, queued for sending")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(responseCode = "404", description = "No such ticket")
    @APIResponse(responseCode = "409", description = "The ticket is closed, or the status change is not allowed")
    public Response reply(@PathParam("id") String id, @Valid @NotNull(message = "the body is empty")
            AgentRequests.Reply reply) {
        AgentActions.Written written = actions.reply(id, agent(), reply.text(), Optional.ofNullable(reply.status()));
        return Response.status(201).entity(written).build();
    }

    @POST
    @Path("/notes")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "Add an internal note (never sent to the customer)")
    @APIResponse(responseCode = "201", description = "The note")
    public Response note(@PathParam("id") String id, @Valid @NotNull(message = "the body is empty")
            AgentRequests.Note note) {
        return Response.status(201).entity(actions.note(id, agent(), note.text())).build();
    }

    @PATCH
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "Change status, priority, assignee or contact reason")
    @APIResponse(responseCode = "200", description = "The ticket after the change")
    @APIResponse(responseCode = "409", description = "A status change the ticket's lifecycle does not allow")
    public TicketViews.TicketDetails change(@PathParam("id") String id,
            @Valid @NotNull(message = "the body is empty") AgentRequests.TicketChange change) {
        actions.update(id, agent(), Optional.ofNullable(change.status()), Optional.ofNullable(change.priority()),
                Optional.ofNullable(change.assignee()), Optional.ofNullable(change.contactReason()));
        return queries.byIdOrNumber(id).orElseThrow(() -> new NotFoundException("No ticket " + id));
    }

    @POST
    @Path("/merge")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "Merge this ticket into another",
            description = "Its messages, attachments, deliveries and mail threads move to the surviving ticket; it "
                    + "is closed and points there; later messages for it land on the survivor.")
    @APIResponse(responseCode = "200", description = "The surviving ticket")
    @APIResponse(responseCode = "409", description = "Already merged, or the survivor is closed")
    public TicketViews.TicketDetails merge(@PathParam("id") String id,
            @Valid @NotNull(message = "the body is empty") AgentRequests.Merge merge) {
        String survivor = merges.merge(id, merge.into(), agent());
        return queries.byIdOrNumber(survivor).orElseThrow();
    }

    /** One entry of a ticket's audit trail. */
    public record AuditEntry(String actor, String action, String field, String before, String after, Instant at) {
    }

    @GET
    @Path("/audit")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "Every change of the ticket: who, when, what, before and after")
    public List<AuditEntry> audit(@PathParam("id") String id) {
        TicketViews.TicketDetails ticket = queries.byIdOrNumber(id)
                .orElseThrow(() -> new NotFoundException("No ticket " + id));
        return TicketAuditEntry.<TicketAuditEntry>find("ticketId = ?1 order by id",
                java.util.UUID.fromString(ticket.id())).list().stream()
                .map(e -> new AuditEntry(e.actor, e.action, e.field, e.before, e.after, e.at)).toList();
    }

    /** What an agent is doing on a ticket: VIEWING or COMPOSING. */
    public record Activity(@jakarta.validation.constraints.NotBlank(message = "is required") String activity) {
    }

    @jakarta.ws.rs.PUT
    @Path("/presence")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "Report that this agent is viewing or composing on the ticket",
            description = "Call every few seconds while it lasts (a report expires after 45 s). The answer lists the "
                    + "other agents active on the ticket, so the UI can warn of a collision.")
    public List<io.tiski.ticket.service.Collisions.Presence> presence(@PathParam("id") String id,
            @Valid @NotNull(message = "the body is empty") Activity activity) {
        return collisions.report(ticketId(id), agent(), activity.activity().strip().toUpperCase(java.util.Locale.ROOT));
    }

    @jakarta.ws.rs.DELETE
    @Path("/presence")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "This agent left the ticket")
    public Response leave(@PathParam("id") String id) {
        collisions.leave(ticketId(id), agent());
        return Response.noContent().build();
    }

    @GET
    @Path("/presence")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "The other agents viewing or composing on the ticket now")
    public List<io.tiski.ticket.service.Collisions.Presence> others(@PathParam("id") String id) {
        return collisions.others(ticketId(id), agent());
    }

    private java.util.UUID ticketId(String id) {
        return java.util.UUID.fromString(queries.byIdOrNumber(id)
                .orElseThrow(() -> new NotFoundException("No ticket " + id)).id());
    }

    private String agent() {
        return identity.getPrincipal().getName();
    }
}
