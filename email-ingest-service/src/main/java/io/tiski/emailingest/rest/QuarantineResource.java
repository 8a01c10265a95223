package io.tiski.emailingest.rest;

import io.tiski.emailingest.service.Quarantine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/quarantine")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quarantine", description = "Mail that could not be processed, kept with the reason")
public class QuarantineResource {
    private final Quarantine quarantine;

    QuarantineResource(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    @GET
    @Operation(summary = "List quarantined mail waiting for an operator")
    public List<Quarantine.Item> list() {
        return quarantine.waiting();
    }

    @GET
    @Path("/{id}/raw")
    @Produces("message/rfc822")
    @Operation(summary = "Download the original mail")
    public byte[] raw(@PathParam("id") UUID id) {
        return quarantine.raw(id).orElseThrow(() -> new NotFoundException("No quarantined mail " + id));
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Process the mail again, after a fix")
    public Quarantine.Item replay(@PathParam("id") UUID id) {
        return quarantine.replay(id).orElseThrow(() -> new NotFoundException("No quarantined mail " + id));
    }
}
