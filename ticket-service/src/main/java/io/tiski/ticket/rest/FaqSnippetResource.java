package io.tiski.ticket.rest;

import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.FaqSnippets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/faq-snippets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "FAQ snippets", description = "Answers to frequent questions, chosen for acknowledgements")
@SecurityRequirement(name = "bearer")
public class FaqSnippetResource {
    private final FaqSnippets snippets;

    FaqSnippetResource(FaqSnippets snippets) {
        this.snippets = snippets;
    }

    @Schema(description = "A frequent question in one language; keywords match the start of the customer's words")
    public record SnippetRequest(
            @NotNull(message = "is required") @Pattern(regexp = "fi|sv|en", message = "must be fi, sv or en")
            String language,
            @NotBlank(message = "is required") @Size(max = 300, message = "must be at most 300 characters")
            String question,
            @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters")
            String answer,
            @NotEmpty(message = "name at least one keyword") @Size(max = 30, message = "at most 30 keywords")
            List<@NotBlank(message = "must not be blank") @Size(max = 60) String> keywords,
            @Schema(description = "Return-form reasons this answers, e.g. WRONG_SIZE") List<String> reasons,
            @Schema(description = "Inactive snippets are kept but not chosen") Boolean active,
            @Min(value = 0, message = "must be at least 0") @Max(value = 1000, message = "must be at most 1000")
            Integer position) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "All FAQ snippets")
    public List<FaqSnippets.Snippet> list() {
        return snippets.all();
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD})
    @Operation(summary = "Add a FAQ snippet")
    public Response add(@Valid @NotNull(message = "the body is empty") SnippetRequest request) {
        return Response.status(201).entity(save(null, request)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD})
    @Operation(summary = "Change a FAQ snippet")
    public FaqSnippets.Snippet change(@PathParam("id") UUID id,
            @Valid @NotNull(message = "the body is empty") SnippetRequest request) {
        return save(id, request);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD})
    @Operation(summary = "Remove a FAQ snippet")
    public Response remove(@PathParam("id") UUID id) {
        snippets.delete(id);
        return Response.noContent().build();
    }

    private FaqSnippets.Snippet save(UUID id, SnippetRequest r) {
        return snippets.save(id, r.language(), r.question(), r.answer(), r.keywords(), r.reasons(),
                r.active() == null || r.active(), r.position() == null ? 100 : r.position());
    }
}
