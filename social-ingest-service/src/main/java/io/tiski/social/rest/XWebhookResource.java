package io.tiski.social.rest;

import io.tiski.social.config.SocialConfig;
import io.tiski.social.domain.WebhookSignature;
import io.tiski.social.service.Connections;
import io.tiski.social.service.WebhookInbox;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** X's Account Activity webhook for direct messages (optional: X's API access is paid). */
@Path("/api/v1/webhooks/x/{connection}")
@Tag(name = "X webhook", description = "Called by X's Account Activity API")
public class XWebhookResource {
    static final String HEADER = "x-twitter-webhooks-signature";
    private final SocialConfig config;
    private final Connections connections;
    private final WebhookInbox inbox;

    XWebhookResource(SocialConfig config, Connections connections, WebhookInbox inbox) {
        this.config = config;
        this.connections = connections;
        this.inbox = inbox;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer X's challenge-response check",
            description = "crc_token → {\"response_token\": \"sha256=<base64 HMAC-SHA256 with the consumer secret>\"}")
    public Response challenge(@PathParam("connection") String connection, @QueryParam("crc_token") String crcToken) {
        Optional<SocialConfig.XAccount> account = connections.x(connection);
        if (account.isEmpty()) {
            return WebhookAnswers.unknownConnection();
        }
        if (crcToken == null || crcToken.isBlank() || crcToken.length() > 1024) {
            return Problem.response(400, "Bad Request", "crc_token is required");
        }
        return Response.ok(Map.of("response_token", WebhookSignature.crcResponse(account.get().consumerSecret(),
                crcToken))).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive one X Account Activity event",
            description = "x-twitter-webhooks-signature is verified in constant time before the body is parsed: "
                    + "401 without it, 403 when wrong, 413 over the size limit, 403 for a replay.")
    public Response receive(@PathParam("connection") String connection, @HeaderParam(HEADER) String signature,
            @HeaderParam("Content-Length") Long length, byte[] body) {
        Optional<SocialConfig.XAccount> account = connections.x(connection);
        if (account.isEmpty()) {
            return WebhookAnswers.unknownConnection();
        }
        Response tooLarge = WebhookAnswers.tooLarge(length, body, config.maxWebhookBytes());
        if (tooLarge != null) {
            return tooLarge;
        }
        Response refused = WebhookAnswers.refused(WebhookSignature.checkBase64(account.get().consumerSecret(), body,
                signature), HEADER);
        if (refused != null) {
            return refused;
        }
        return WebhookAnswers.taken(inbox.take("x", connection, body));
    }
}
