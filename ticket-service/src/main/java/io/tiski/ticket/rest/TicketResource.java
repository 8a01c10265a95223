package io.tiski.ticket.rest;

import io.tiski.ticket.rest.TicketViews.TicketDetails;
import io.tiski.ticket.rest.TicketViews.TicketPage;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.TicketQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets", description = "The unified inbox: tickets from every channel")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
public class TicketResource {
    private final TicketQueries queries;
    private final io.quarkus.security.identity.SecurityIdentity identity;
    private final io.tiski.ticket.service.AgentOpenedTickets opened;
    private final io.tiski.ticket.service.CustomFields fields;
    private final io.tiski.ticket.service.SavedViews views;
    private final io.tiski.ticket.service.BulkUpdates bulkUpdates;

    TicketResource(TicketQueries queries, io.quarkus.security.identity.SecurityIdentity identity,
            io.tiski.ticket.service.AgentOpenedTickets opened, io.tiski.ticket.service.CustomFields fields,
            io.tiski.ticket.service.SavedViews views, io.tiski.ticket.service.BulkUpdates bulkUpdates) {
        this.bulkUpdates = bulkUpdates;
        this.fields = fields;
        this.views = views;
        this.queries = queries;
        this.identity = identity;
        this.opened = opened;
    }

    @GET
    @Operation(summary = "List tickets: the inbox with its filters",
            description = "Keyset-paginated. Every filter is optional; they combine with AND; a filter that takes "
                    + "several values (status=OPEN&status=PENDING, or status=OPEN,PENDING) matches any of them. `q` "
                    + "matches the subject, any message body, the customer's address, or exactly a message id. "
                    + "`view` applies a saved view's filters; parameters given beside it replace the view's. An "
                    + "unknown parameter is a 400. Agents see the tickets of their teams, tickets not routed to a "
                    + "team, and tickets assigned to them.")
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "Text to find in subject, message bodies or "
            + "customer address; an address or Message-ID is looked up exactly", example = "paketti")
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED",
            example = "OPEN,PENDING")
    @Parameter(name = "channel", in = ParameterIn.QUERY, description = "EMAIL, CONTACT_FORM, RETURN_FORM, MESSENGER, "
            + "INSTAGRAM, WHATSAPP, TELEGRAM, X, PHONE, IN_PERSON", example = "EMAIL")
    @Parameter(name = "assignee", in = ParameterIn.QUERY, description = "An agent, 'me' or 'unassigned'",
            example = "me")
    @Parameter(name = "team", in = ParameterIn.QUERY, description = "A team", example = "returns")
    @Parameter(name = "brand", in = ParameterIn.QUERY, description = "A brand", example = "kenkakauppa")
    @Parameter(name = "priority", in = ParameterIn.QUERY, description = "LOW, NORMAL, HIGH, URGENT", example = "HIGH")
    @Parameter(name = "type", in = ParameterIn.QUERY, description = "QUESTION, INCIDENT, PROBLEM, RETURN, COMPLAINT, "
            + "ORDER_CHANGE, FEEDBACK", example = "RETURN")
    @Parameter(name = "tag", in = ParameterIn.QUERY, description = "A tag; several match any of them",
            example = "vip")
    @Parameter(name = "reason", in = ParameterIn.QUERY, description = "A contact reason code",
            example = "DELIVERY_LATE")
    @Parameter(name = "follower", in = ParameterIn.QUERY, description = "Tickets an agent follows; 'me' for yours",
            example = "me")
    @Parameter(name = "customer", in = ParameterIn.QUERY, description = "A customer's address",
            example = "aino@example.fi")
    @Parameter(name = "createdFrom", in = ParameterIn.QUERY, description = "Created at or after (ISO-8601 instant)",
            example = "2026-11-01T00:00:00Z")
    @Parameter(name = "createdTo", in = ParameterIn.QUERY, description = "Created before (ISO-8601 instant)",
            example = "2026-12-01T00:00:00Z")
    @Parameter(name = "sla", in = ParameterIn.QUERY, description = "breached, due-soon (running and due within "
            + "tiski.sla.due-soon), running or paused: the state of the ticket's most urgent SLA clock",
            example = "due-soon")
    @Parameter(name = "field.<key>", in = ParameterIn.QUERY, description = "A custom field: field.order_number=100234 "
            + "(text and options case-insensitively), or a range for numbers and dates: "
            + "field.refund=10..50, field.purchase_date=2026-11-01..", example = "100234")
    @Parameter(name = "view", in = ParameterIn.QUERY, description = "A saved view's id (see /views)")
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "created (default) or last-message, newest first; "
            + "sla: soonest due first, tickets without an open SLA clock last", example = "sla")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "The nextCursor of the previous page")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Page size, 1–200 (default 50)", example = "50")
    @APIResponse(responseCode = "200", description = "One page of tickets")
    @APIResponse(responseCode = "400", description = "Invalid or unknown parameters (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid API token")
    public TicketPage list(@Context UriInfo uri) {
        InboxQuery query = query(uri);
        return queries.list(query.filter(), query.sort(), query.cursor(), query.limit());
    }

    @jakarta.ws.rs.POST
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @jakarta.annotation.security.RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "Open a ticket for a customer who called or visited the shop",
            description = "The agent's note of the call is the first message; the customer gets an email "
                    + "confirmation with the ticket number when confirmByEmail is true.")
    @APIResponse(responseCode = "201", description = "The new ticket")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    public jakarta.ws.rs.core.Response open(@jakarta.validation.Valid @jakarta.validation.constraints.NotNull(
            message = "the body is empty") AgentRequests.NewTicket ticket) {
        io.tiski.events.v1.Channel channel;
        try {
            channel = io.tiski.events.v1.Channel.valueOf(ticket.channel().strip().toUpperCase(java.util.Locale.ROOT)
                    .replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel must be PHONE or IN_PERSON, not '" + ticket.channel() + "'");
        }
        String id = opened.open(new io.tiski.ticket.service.AgentOpenedTickets.Request(channel,
                ticket.customerEmail(), ticket.customerName(), ticket.subject(), ticket.note(), ticket.language(),
                ticket.confirmByEmail()), identity.getPrincipal().getName());
        return jakarta.ws.rs.core.Response.status(201).entity(queries.byIdOrNumber(id).orElseThrow()).build();
    }

    @jakarta.ws.rs.POST
    @Path("/bulk")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @jakarta.annotation.security.RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "Apply one change to many tickets",
            description = "The change is checked first: an invalid one (unknown status, tag or field) is a 400 and "
                    + "changes nothing. Then each ticket is changed on its own; the answer says for each whether it "
                    + "was changed (200) or why not (404 not visible, 409 not allowed by its lifecycle).")
    @APIResponse(responseCode = "200", description = "What became of each ticket")
    @APIResponse(responseCode = "400", description = "The change is not valid (problem+json); nothing changed")
    public List<io.tiski.ticket.service.BulkUpdates.Outcome> bulk(@jakarta.validation.Valid
            @jakarta.validation.constraints.NotNull(message = "the body is empty") AgentRequests.BulkChange bulk) {
        return bulkUpdates.apply(bulk.tickets(), identity.getPrincipal().getName(), bulk.change().toChange());
    }

    @GET
    @Path("/counts")
    @Operation(summary = "How many tickets each status has under the same filters",
            description = "The counts shown beside the inbox's views; takes the list's filters (and view). CLOSED "
                    + "only with includeClosed=true.")
    @Parameter(name = "includeClosed", in = ParameterIn.QUERY, description = "Count closed tickets too (slower on a "
            + "large helpdesk)", example = "false")
    public java.util.Map<String, Long> counts(@Context UriInfo uri) {
        InboxQuery query = query(uri);
        return queries.countsByStatus(query.filter(), query.includeClosed());
    }

    private InboxQuery query(UriInfo uri) {
        jakarta.ws.rs.core.MultivaluedMap<String, String> params = uri.getQueryParameters();
        String view = params.getFirst("view");
        if (view != null && !view.isBlank()) {
            params = views.withView(view, params);
        }
        return InboxQuery.parse(params, identity.getPrincipal().getName(), fields);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one ticket with its conversation", description = "`id` is the ticket's id or number.")
    @APIResponse(responseCode = "200", description = "The ticket")
    @APIResponse(responseCode = "404", description = "No such ticket (problem+json)")
    public TicketDetails get(@PathParam("id") String id) {
        return queries.byIdOrNumber(id).orElseThrow(() -> new NotFoundException("No ticket " + id));
    }
}
