package io.tiski.ticket.rest;

import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.CustomFields;
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

@Path("/api/v1/custom-fields")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Custom fields", description = "Fields admins add to tickets; set with PATCH /tickets/{id}, filtered "
        + "with field.<key>=… on the inbox")
@SecurityRequirement(name = "bearer")
public class CustomFieldResource {
    private final CustomFields fields;

    CustomFieldResource(CustomFields fields) {
        this.fields = fields;
    }

    @Schema(description = "A custom field: its kind, its names in Finnish, Swedish and English, and for ENUM its "
            + "options")
    public record FieldRequest(
            @Schema(description = "TEXT, NUMBER, DATE or ENUM", examples = "ENUM") @NotBlank(message = "is required")
            String kind,
            @Schema(examples = "Toimitustapa") @NotBlank(message = "is required") @Size(max = 100) String labelFi,
            @Schema(examples = "Leveranssätt") @NotBlank(message = "is required") @Size(max = 100) String labelSv,
            @Schema(examples = "Delivery method") @NotBlank(message = "is required") @Size(max = 100) String labelEn,
            @Schema(description = "For ENUM: the values an agent can choose", examples = "[\"Posti\", \"Matkahuolto\"]")
            @Size(max = 200, message = "must have at most 200 options") List<String> options,
            Boolean active,
            @Min(value = 0, message = "must be at least 0") @Max(value = 10000, message = "must be at most 10000")
            Integer position) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "The custom fields, retired ones included")
    public List<CustomFields.Definition> list() {
        return fields.all();
    }

    @PUT
    @Path("/{key}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Define or change a custom field, e.g. PUT /custom-fields/delivery_method",
            description = "A field's kind cannot change once defined (409).")
    public CustomFields.Definition put(@PathParam("key") String key,
            @Valid @NotNull(message = "the body is empty") FieldRequest request) {
        return fields.save(key, request.kind(), request.labelFi(), request.labelSv(), request.labelEn(),
                request.options(), request.active() == null || request.active(),
                request.position() == null ? 100 : request.position());
    }

    @DELETE
    @Path("/{key}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Retire a custom field: tickets keep their values, agents can no longer set it")
    public CustomFields.Definition retire(@PathParam("key") String key) {
        return fields.retire(key);
    }
}
