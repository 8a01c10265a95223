package io.tiski.ticket.rest;

import io.tiski.ticket.rest.TicketViews.TicketDetails;
import io.tiski.ticket.rest.TicketViews.TicketPage;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.TicketQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
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

    TicketResource(TicketQueries queries, io.quarkus.security.identity.SecurityIdentity identity,
            io.tiski.ticket.service.AgentOpenedTickets opened) {
        this.queries = queries;
        this.identity = identity;
        this.opened = opened;
    }

    @GET
    @Operation(summary = "List tickets: the inbox with its filters",
            description = "Keyset-paginated. Every filter is optional; they combine with AND; a filter that takes "
                    + "several values (status=OPEN&status=PENDING) matches any of them. `q` matches the subject, any "
                    + "message body, the customer's address, or exactly a message id.")
    @APIResponse(responseCode = "200", description = "One page of tickets")
    @APIResponse(responseCode = "400", description = "Invalid parameters (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid API token")
    public TicketPage list(
            @Parameter(description = "Text to find in subject, message bodies or customer address")
            @QueryParam("q") @Size(max = 200) String q,
            @Parameter(description = "NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED") @QueryParam("status")
            List<String> status,
            @Parameter(description = "EMAIL, CONTACT_FORM, RETURN_FORM, MESSENGER, INSTAGRAM, WHATSAPP, TELEGRAM, X, "
                    + "PHONE, IN_PERSON") @QueryParam("channel") List<String> channel,
            @Parameter(description = "An agent, 'me' or 'unassigned'") @QueryParam("assignee") @Size(max = 200)
            String assignee,
            @Parameter(description = "A team") @QueryParam("team") @Size(max = 200) String team,
            @Parameter(description = "A brand") @QueryParam("brand") @Size(max = 200) String brand,
            @Parameter(description = "LOW, NORMAL, HIGH, URGENT") @QueryParam("priority") List<String> priority,
            @Parameter(description = "QUESTION, RETURN, COMPLAINT, …") @QueryParam("type") List<String> type,
            @Parameter(description = "A customer's address") @QueryParam("customer") @Size(max = 320) String customer,
            @Parameter(description = "Created at or after (ISO-8601 instant)") @QueryParam("createdFrom")
            String createdFrom,
            @Parameter(description = "Created before (ISO-8601 instant)") @QueryParam("createdTo") String createdTo,
            @Parameter(description = "breached, due-soon (running and due within tiski.sla.due-soon), running or "
                    + "paused: the state of the ticket's most urgent SLA clock") @QueryParam("sla") String sla,
            @Parameter(description = "created (default) or last-message, newest first; sla: soonest due first, "
                    + "tickets without an open SLA clock last") @QueryParam("sort")
            String sort,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1–200") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        TicketQueries.Sort order = TicketQueries.Sort.parse(sort);
        return queries.list(filter(q, status, channel, assignee, team, brand, priority, type, customer, createdFrom,
                createdTo, sla), order, cursor == null || cursor.isBlank() ? null : TicketQueries.Cursor.decode(cursor),
                limit);
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

    @GET
    @Path("/counts")
    @Operation(summary = "How many tickets each status has under the same filters",
            description = "The counts shown beside the inbox's views; CLOSED only with includeClosed=true.")
    public java.util.Map<String, Long> counts(@QueryParam("q") @Size(max = 200) String q,
            @QueryParam("channel") List<String> channel, @QueryParam("assignee") @Size(max = 200) String assignee,
            @QueryParam("team") @Size(max = 200) String team, @QueryParam("brand") @Size(max = 200) String brand,
            @QueryParam("priority") List<String> priority, @QueryParam("type") List<String> type,
            @QueryParam("customer") @Size(max = 320) String customer, @QueryParam("sla") String sla,
            @Parameter(description = "Count closed tickets too (slower on a large helpdesk)")
            @QueryParam("includeClosed") boolean includeClosed) {
        return queries.countsByStatus(filter(q, List.of(), channel, assignee, team, brand, priority, type, customer,
                null, null, sla), includeClosed);
    }

    private TicketQueries.Filter filter(String q, List<String> status, List<String> channel, String assignee,
            String team, String brand, List<String> priority, List<String> type, String customer, String createdFrom,
            String createdTo, String sla) {
        String who = assignee == null || assignee.isBlank() ? null
                : assignee.equals("me") ? identity.getPrincipal().getName() : assignee.strip();
        return new TicketQueries.Filter(q, values("status", status, java.util.Arrays.stream(
                io.tiski.ticket.domain.TicketStatus.values()).map(Enum::name).toList()),
                values("channel", channel, java.util.Arrays.stream(io.tiski.events.v1.Channel.values()).map(Enum::name)
                        .toList()), who, blankToNull(team), blankToNull(brand),
                values("priority", priority, List.of("LOW", "NORMAL", "HIGH", "URGENT")),
                values("type", type, null), blankToNull(customer), instant("createdFrom", createdFrom),
                instant("createdTo", createdTo), TicketQueries.SlaFilter.parse(sla));
    }

    private static java.util.Set<String> values(String name, List<String> given, List<String> allowed) {
        if (given == null) {
            return java.util.Set.of();
        }
        java.util.Set<String> result = new java.util.HashSet<>();
        for (String value : given) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String upper = part.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
                if (allowed != null && !allowed.contains(upper)) {
                    throw new IllegalArgumentException(name + " must be one of " + allowed + ", not '" + part + "'");
                }
                result.add(upper);
            }
        }
        return result;
    }

    private static java.time.Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.Instant.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-11-23T08:00:00Z, not '"
                    + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
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
