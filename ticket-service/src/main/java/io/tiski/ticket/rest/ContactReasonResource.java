package io.tiski.ticket.rest;

import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.ContactReasons;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/contact-reasons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contact reasons", description = "Why customers contact the shop; one per ticket before it is solved")
@SecurityRequirement(name = "bearer")
public class ContactReasonResource {
    private final ContactReasons reasons;

    ContactReasonResource(ContactReasons reasons) {
        this.reasons = reasons;
    }

    @Schema(description = "A contact reason's names in Finnish, Swedish and English")
    public record ReasonRequest(
            @NotBlank(message = "is required") @Size(max = 100) String labelFi,
            @NotBlank(message = "is required") @Size(max = 100) String labelSv,
            @NotBlank(message = "is required") @Size(max = 100) String labelEn,
            Boolean active,
            @Min(value = 0, message = "must be at least 0") @Max(value = 10000, message = "must be at most 10000")
            Integer position) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "The contact reasons, retired ones included")
    public List<ContactReasons.Reason> list() {
        return reasons.all();
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add or change a contact reason, e.g. PUT /contact-reasons/DELIVERY_LATE")
    public ContactReasons.Reason put(@PathParam("code") String code,
            @Valid @NotNull(message = "the body is empty") ReasonRequest request) {
        return reasons.save(code, request.labelFi(), request.labelSv(), request.labelEn(),
                request.active() == null || request.active(), request.position() == null ? 100 : request.position());
    }

    @DELETE
    @Path("/{code}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Retire a contact reason: tickets keep it, agents can no longer pick it")
    public ContactReasons.Reason retire(@PathParam("code") String code) {
        return reasons.retire(code);
    }
}
