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
    private final io.tiski.ticket.service.CustomerPrivacy privacy;
    private final io.tiski.ticket.security.SecurityAudit audit;

    CustomerResource(CustomerRecords customers, SecurityIdentity identity,
            io.tiski.ticket.service.CustomerPrivacy privacy, io.tiski.ticket.security.SecurityAudit audit) {
        this.customers = customers;
        this.identity = identity;
        this.privacy = privacy;
        this.audit = audit;
    }

    @GET
    @Path("/export")
    @Produces("application/zip")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Everything Tiski holds about a customer, as a ZIP archive (GDPR access and portability)",
            description = "customer.json (every record and identity), tickets/<number>.json (each conversation "
                    + "with every message, note, survey answer and field), tickets/<number>/<file> (the files).")
    public jakarta.ws.rs.core.Response export(@PathParam("id") UUID id,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        // 404 now for an unknown customer; a merged record exports the surviving one
        UUID exported = privacy.survivorOf(id);
        String actor = identity.getPrincipal().getName();
        String address = io.tiski.ticket.security.ClientAddress.of(request);
        jakarta.ws.rs.core.StreamingOutput archive = out -> {
            privacy.export(exported, out);
            audit.record(io.tiski.ticket.security.SecurityAudit.Action.CUSTOMER_EXPORTED,
                    io.tiski.ticket.security.SecurityAudit.Outcome.SUCCESS, actor, "customer " + exported, address,
                    null);
        };
        return jakarta.ws.rs.core.Response.ok(archive, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"customer-" + exported + ".zip\"")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/erasure")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Erase a customer (GDPR right to erasure)",
            description = "Their names, addresses, messages, survey comments and files go from every table and "
                    + "from the object store; their tickets stay as anonymous rows, so reports still add up. "
                    + "Cannot be undone. Export first if the customer asked for a copy.")
    public io.tiski.ticket.service.CustomerPrivacy.Erasure erase(@PathParam("id") UUID id,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        io.tiski.ticket.service.CustomerPrivacy.Erasure erasure = privacy.erase(id);
        audit.record(io.tiski.ticket.security.SecurityAudit.Action.CUSTOMER_ERASED,
                io.tiski.ticket.security.SecurityAudit.Outcome.SUCCESS, identity.getPrincipal().getName(),
                "customer " + erasure.customerId(), io.tiski.ticket.security.ClientAddress.of(request),
                erasure.tickets() + " tickets, " + erasure.messages() + " messages, " + erasure.identities()
                        + " identities, " + erasure.attachmentsDeleted() + " files deleted");
        return erasure;
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
