package io.tiski.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.CannedAnswers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/canned-answers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Canned answers", description = "Prepared replies with placeholders, inserted by agents in the composer")
@SecurityRequirement(name = "bearer")
public class CannedAnswerResource {
    private final CannedAnswers answers;
    private final SecurityIdentity identity;

    CannedAnswerResource(CannedAnswers answers, SecurityIdentity identity) {
        this.answers = answers;
        this.identity = identity;
    }

    @Schema(description = "A prepared reply. Placeholders: {{customer.name}}, {{customer.first_name}}, "
            + "{{ticket.number}}, {{agent.name}}, {{field.<key>}} (e.g. {{field.order_number}})")
    public record AnswerRequest(
            @Schema(examples = "Palautusohjeet") @NotBlank(message = "is required")
            @Size(max = 200, message = "must be at most 200 characters") String title,
            @Schema(examples = "Hei {{customer.first_name}}, tilauksesi {{field.order_number}} palautus ...")
            @NotBlank(message = "is required") @Size(max = 10000, message = "must be at most 10000 characters")
            String body,
            @Schema(description = "fi, sv or en; absent for every language") @Pattern(regexp = "fi|sv|en",
                    message = "must be fi, sv or en") String language) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "Find canned answers by words of their title or text, for a language")
    public List<CannedAnswers.Answer> find(@QueryParam("q") String text, @QueryParam("language")
            @Pattern(regexp = "fi|sv|en", message = "must be fi, sv or en") String language) {
        return answers.find(text, language);
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD})
    @Operation(summary = "Add a canned answer")
    public Response create(@Valid @NotNull(message = "the body is empty") AnswerRequest request) {
        return Response.status(201).entity(answers.save(null, request.title(), request.body(), request.language(),
                identity.getPrincipal().getName())).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD})
    @Operation(summary = "Change a canned answer")
    public CannedAnswers.Answer change(@PathParam("id") UUID id,
            @Valid @NotNull(message = "the body is empty") AnswerRequest request) {
        return answers.save(id, request.title(), request.body(), request.language(),
                identity.getPrincipal().getName());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD})
    @Operation(summary = "Remove a canned answer")
    public Response remove(@PathParam("id") UUID id) {
        answers.delete(id);
        return Response.noContent().build();
    }
}
