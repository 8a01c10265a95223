package io.tiski.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.CustomFields;
import io.tiski.ticket.service.SavedViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/views")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Saved views", description = "Inbox filters saved by an agent, for themselves or shared with a team; "
        + "use one with GET /tickets?view=<id> and /tickets/counts?view=<id>")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
public class SavedViewResource {
    private final SavedViews views;
    private final CustomFields fields;
    private final SecurityIdentity identity;

    SavedViewResource(SavedViews views, CustomFields fields, SecurityIdentity identity) {
        this.views = views;
        this.fields = fields;
        this.identity = identity;
    }

    @Schema(description = "A saved view: a name, the inbox's filters, a sort order, and the team it is shared with")
    public record ViewRequest(
            @Schema(examples = "VIP returns") @NotBlank(message = "is required") @Size(max = 100) String name,
            @Schema(description = "The list's filter parameters, each with its values",
                    examples = "{\"status\": [\"OPEN\", \"PENDING\"], \"tag\": [\"vip\"], \"type\": [\"RETURN\"]}")
            @Size(max = 30, message = "must have at most 30 filters") Map<String, List<String>> filters,
            @Schema(description = "created, last-message or sla", examples = "sla") @Size(max = 40) String sort,
            @Schema(description = "Share with this team; empty for a personal view", examples = "returns")
            @Size(max = 200) String team,
            @Min(value = 0, message = "must be at least 0") @Max(value = 10000, message = "must be at most 10000")
            Integer position) {
    }

    @GET
    @Operation(summary = "The caller's views and those shared with the caller's teams")
    public List<SavedViews.View> list() {
        return views.visible();
    }

    @POST
    @Operation(summary = "Save a view")
    @APIResponse(responseCode = "201", description = "The saved view")
    @APIResponse(responseCode = "400", description = "A filter the inbox does not know, or an invalid value")
    @APIResponse(responseCode = "403", description = "Sharing with a team the caller does not belong to")
    public Response create(@Valid @NotNull(message = "the body is empty") ViewRequest request) {
        return Response.status(201).entity(views.create(request.name(), request.filters(), request.sort(),
                request.team(), position(request), this::check)).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a view (its owner; for a shared view also a team lead or an admin)")
    public SavedViews.View update(@PathParam("id") String id,
            @Valid @NotNull(message = "the body is empty") ViewRequest request) {
        return views.update(id, request.name(), request.filters(), request.sort(), request.team(), position(request),
                this::check);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a view")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        views.delete(id);
        return Response.noContent().build();
    }

    private void check(jakarta.ws.rs.core.MultivaluedMap<String, String> params) {
        InboxQuery.parse(params, identity.getPrincipal().getName(), fields);
    }

    private static int position(ViewRequest request) {
        return request.position() == null ? 100 : request.position();
    }
}
