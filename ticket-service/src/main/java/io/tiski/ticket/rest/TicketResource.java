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

    TicketResource(TicketQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "List tickets, newest first",
            description = "Keyset-paginated. `q` matches the subject, any message body, the customer's address, or exactly a message id.")
    @APIResponse(responseCode = "200", description = "One page of tickets")
    @APIResponse(responseCode = "400", description = "Invalid parameters (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid API token")
    public TicketPage list(
            @Parameter(description = "Text to find in subject, message bodies or customer address")
            @QueryParam("q") @Size(max = 200) String q,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1–200") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return queries.list(q, cursor == null || cursor.isBlank() ? null : TicketQueries.Cursor.decode(cursor), limit);
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
