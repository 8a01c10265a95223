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
    private final io.tiski.ticket.service.TicketSplits splits;
    private final io.tiski.ticket.service.TicketLookup lookup;

    TicketActionsResource(AgentActions actions, TicketQueries queries, SecurityIdentity identity,
            io.tiski.ticket.service.Collisions collisions, io.tiski.ticket.service.TicketMerges merges,
            io.tiski.ticket.service.TicketSplits splits, io.tiski.ticket.service.TicketLookup lookup) {
        this.splits = splits;
        this.lookup = lookup;
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
            description = "The reply is stored at once and sent on the ticket's channel: by email through the "
                    + "notification service, on a social platform through social-ingest-service. Its delivery state "
                    + "appears in the ticket's deliveries. On Messenger, Instagram and WhatsApp a reply is possible "
                    + "only within the platform's window after the customer's last message (24 hours): past it the "
                    + "answer is 409 with the reason and what to do instead.")
    @APIResponse(responseCode = "201", description = "The reply, queued for sending")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(responseCode = "404", description = "No such ticket")
    @APIResponse(responseCode = "409", description = "The ticket is closed, the status change is not allowed, or "
            + "the platform's reply window has closed")
    public Response reply(@PathParam("id") String id, @Valid @NotNull(message = "the body is empty")
            AgentRequests.Reply reply) {
        AgentActions.Written written = actions.reply(id, agent(), reply.text(), Optional.ofNullable(reply.status()),
                reply.attachments() == null ? List.of() : reply.attachments());
        return Response.status(201).entity(written).build();
    }

    @POST
    @Path("/conversation-reopenings")
    @Consumes(MediaType.WILDCARD) // no body: not refused as 415 before the token is checked
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "Ask a WhatsApp customer to continue, with the approved template",
            description = "Only for a WhatsApp ticket whose 24-hour window has closed: WhatsApp lets a business "
                    + "start a conversation only with an approved template. social-ingest-service sends the "
                    + "connection's template (tiski.social.meta.<connection>.reopen-template) with the customer's "
                    + "first name and the ticket number; when the customer answers, reply as usual.")
    @APIResponse(responseCode = "201", description = "The template, queued for sending")
    @APIResponse(responseCode = "404", description = "No such ticket")
    @APIResponse(responseCode = "409", description = "Not a WhatsApp ticket, closed, or its window is still open")
    public Response reopenConversation(@PathParam("id") String id) {
        return Response.status(201).entity(actions.reopenConversation(id, agent())).build();
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
    @Operation(summary = "Change status, priority, type, assignee, team, contact reason, tags or custom fields",
            description = "All changes of one request apply together or not at all; each is recorded in the audit "
                    + "trail.")
    @APIResponse(responseCode = "200", description = "The ticket after the change")
    @APIResponse(responseCode = "400", description = "An unknown value, tag or field (problem+json); nothing changed")
    @APIResponse(responseCode = "404", description = "No such ticket, or not one the agent can see")
    @APIResponse(responseCode = "409", description = "A status change the ticket's lifecycle does not allow")
    public TicketViews.TicketDetails change(@PathParam("id") String id,
            @Valid @NotNull(message = "the body is empty") AgentRequests.TicketChange change) {
        actions.update(id, agent(), change.toChange());
        return queries.byIdOrNumber(id).orElseThrow(() -> new NotFoundException("No ticket " + id));
    }

    @POST
    @Path("/forwards")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "Forward a message of the ticket by email to someone outside the conversation",
            description = "For the warehouse, a carrier or a supplier: the agent's note above the forwarded message. "
                    + "The recipient's answer joins the ticket.")
    @APIResponse(responseCode = "201", description = "The forward, queued for sending")
    @APIResponse(responseCode = "400", description = "Invalid fields, or a message not of this ticket")
    public Response forward(@PathParam("id") String id, @Valid @NotNull(message = "the body is empty")
            AgentRequests.Forward forward) {
        return Response.status(201).entity(actions.forward(id, agent(), forward.to(), forward.text(),
                Optional.ofNullable(forward.messageId()).filter(m -> !m.isBlank()))).build();
    }

    @POST
    @Path("/split")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "Split a customer's message off into a ticket of its own",
            description = "The message, its attachments and its mail thread move to the new ticket; replies to that "
                    + "mail land there.")
    @APIResponse(responseCode = "201", description = "The new ticket")
    @APIResponse(responseCode = "409", description = "The message is the ticket's only customer message, not a "
            + "customer's, or the ticket is closed")
    public Response split(@PathParam("id") String id, @Valid @NotNull(message = "the body is empty")
            AgentRequests.Split split) {
        String created = splits.split(id, split.messageId(), split.subject(), agent());
        return Response.status(201).entity(queries.byIdOrNumber(created).orElseThrow()).build();
    }

    @jakarta.ws.rs.PUT
    @Path("/followers/me")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "Follow the ticket", description = "The answer lists everybody following it.")
    public java.util.Set<String> follow(@PathParam("id") String id) {
        return actions.follow(id, agent(), true);
    }

    @jakarta.ws.rs.DELETE
    @Path("/followers/me")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "Stop following the ticket")
    public java.util.Set<String> unfollow(@PathParam("id") String id) {
        return actions.follow(id, agent(), false);
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
        return TicketAuditEntry.<TicketAuditEntry>find("ticketId = ?1 order by id", ticketId(id)).list().stream()
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
        return lookup.required(id).id;
    }

    private String agent() {
        return identity.getPrincipal().getName();
    }
}
