package io.tiski.social.rest;

import io.tiski.social.platform.PlatformRefusedException;
import io.tiski.social.platform.PlatformUnavailableException;
import io.tiski.social.service.SocialAdministration;
import io.tiski.social.service.StoredConnections;
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

    @PUT
    @Path("/connections/{connection}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connect a page, Instagram account, WhatsApp number, Telegram bot or X account",
            description = "Settings and secrets in one request; the secrets are stored encrypted with "
                    + "tiski.social.secrets-key and never shown again. Its webhook is served at once, on every "
                    + "instance within 30 seconds. Connections in the configuration cannot be changed here.")
    public Response connect(@PathParam("connection") String connection, StoredConnections.Connect connect) {
        if (connect == null) {
            return Problem.response(400, "Bad Request", "The body is the connection: {platform, accountId, "
                    + "inboxName, secrets: {…}}");
        }
        try {
            return Response.ok(administration.connect(connection, connect)).build();
        } catch (SocialAdministration.ConnectionRefusedException e) {
            return Problem.response(e.status(), e.status() == 409 ? "Conflict" : "Bad Request", e.getMessage());
        }
    }

    @DELETE
    @Path("/connections/{connection}")
    @Operation(summary = "Disconnect a connection added through this API",
            description = "Its webhook answers 401 from then on and no reply is sent through it; its history stays.")
    public Response disconnect(@PathParam("connection") String connection) {
        try {
            return administration.disconnect(connection) ? Response.noContent().build()
                    : Problem.response(404, "Not Found", "No connected " + connection);
        } catch (SocialAdministration.ConnectionRefusedException e) {
            return Problem.response(e.status(), "Conflict", e.getMessage());
        }
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
