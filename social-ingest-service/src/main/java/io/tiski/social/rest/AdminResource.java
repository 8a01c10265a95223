package io.tiski.social.rest;

import io.tiski.social.platform.PlatformRefusedException;
import io.tiski.social.platform.PlatformUnavailableException;
import io.tiski.social.service.SocialAdministration;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin")
@Tag(name = "Administration", description = "Connections and quarantined webhook requests (operator token)")
@SecurityRequirement(name = "operatorToken")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private final SocialAdministration administration;

    AdminResource(SocialAdministration administration) {
        this.administration = administration;
    }

    @GET
    @Path("/connections")
    @Operation(summary = "List the social connections with their health",
            description = "Last event heard, last reply sent, last error, requests waiting and quarantined. "
                    + "Secrets are never shown.")
    public List<SocialAdministration.ConnectionView> connections() {
        return administration.connections();
    }

    @POST
    @Path("/connections/{connection}/telegram-webhook")
    @Operation(summary = "Register a Telegram bot's webhook with Telegram (setWebhook with the secret token)")
    public Response registerTelegramWebhook(@PathParam("connection") String connection,
            @QueryParam("public-base-url") String publicBaseUrl) {
        if (publicBaseUrl == null || !publicBaseUrl.startsWith("https://")) {
            return Problem.response(400, "Bad Request", "public-base-url must be the https:// address at which "
                    + "Telegram reaches this service");
        }
        try {
            return Response.ok(administration.registerTelegramWebhook(connection, publicBaseUrl)).build();
        } catch (PlatformRefusedException e) {
            return Problem.response(409, "Conflict", e.getMessage());
        } catch (PlatformUnavailableException e) {
            return Problem.response(503, "Service Unavailable", e.getMessage());
        }
    }

    @GET
    @Path("/quarantine")
    @Operation(summary = "List webhook requests that could not be understood, with the reason")
    public List<SocialAdministration.QuarantinedView> quarantine() {
        return administration.quarantined();
    }

    @GET
    @Path("/quarantine/{id}/body")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download a quarantined request's body as received")
    public Response body(@PathParam("id") long id) {
        return administration.quarantinedBody(id).map(b -> Response.ok(b)
                .header("Content-Disposition", "attachment; filename=\"webhook-" + id + ".json\"").build())
                .orElseGet(() -> Problem.response(404, "Not Found", "No quarantined request " + id));
    }

    @POST
    @Path("/quarantine/{id}/replay")
    @Operation(summary = "Take a quarantined request in again")
    public Response replay(@PathParam("id") long id) {
        return administration.replay(id) ? Response.accepted(Map.of("id", id, "status", "WAITING")).build()
                : Problem.response(404, "Not Found", "No quarantined request " + id);
    }
}
