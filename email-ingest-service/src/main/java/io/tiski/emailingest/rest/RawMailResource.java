package io.tiski.emailingest.rest;

import io.tiski.emailingest.service.MailIntake;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/mail")
@Tag(name = "Raw mail intake", description = "For an MTA or inbound-mail provider that pushes mail")
public class RawMailResource {
    private final MailIntake intake;

    RawMailResource(MailIntake intake) {
        this.intake = intake;
    }

    @POST
    @Consumes("message/rfc822")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in one raw mail (RFC 5322)",
            description = "Processed exactly like mail read over IMAP. 202 also for a duplicate or a quarantined mail: "
                    + "the mail is kept either way, and the result says which.")
    public Response receive(byte[] raw, @QueryParam("to") @DefaultValue("support@localhost") String supportAddress) {
        MailIntake.Result result = intake.accept(raw, "http", supportAddress);
        return Response.accepted(Map.of("result", result.name())).build();
    }
}
