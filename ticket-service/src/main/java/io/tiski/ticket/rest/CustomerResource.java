package io.tiski.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.CustomerRecords;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/customers/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers", description = "One customer across every channel")
@SecurityRequirement(name = "bearer")
public class CustomerResource {
    private final CustomerRecords customers;
    private final SecurityIdentity identity;

    CustomerResource(CustomerRecords customers, SecurityIdentity identity) {
        this.customers = customers;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "A customer's identities and tickets on every channel, newest first",
            description = "A customer merged into another answers with the surviving record.")
    public CustomerRecords.CustomerHistory history(@PathParam("id") UUID id) {
        return customers.history(id);
    }

    @Schema(description = "The customer record to merge into this one")
    public record Merge(@NotNull(message = "is required") UUID duplicateId) {
    }

    @POST
    @Path("/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "Merge another customer record into this one",
            description = "Its identities and tickets move here; each moved ticket's audit trail says so.")
    public CustomerRecords.CustomerHistory merge(@PathParam("id") UUID id,
            @Valid @NotNull(message = "the body is empty") Merge merge) {
        return customers.merge(id, merge.duplicateId(), identity.getPrincipal().getName());
    }
}
