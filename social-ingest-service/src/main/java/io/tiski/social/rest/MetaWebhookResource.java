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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One endpoint per connected Facebook page, Instagram account or WhatsApp number. */
@Path("/api/v1/webhooks/meta/{connection}")
@Tag(name = "Meta webhook", description = "Called by Meta for Messenger, Instagram messaging and the WhatsApp Cloud API")
public class MetaWebhookResource {
    static final String HEADER = "X-Hub-Signature-256";
    private final SocialConfig config;
    private final Connections connections;
    private final WebhookInbox inbox;

    MetaWebhookResource(SocialConfig config, Connections connections, WebhookInbox inbox) {
        this.config = config;
        this.connections = connections;
        this.inbox = inbox;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Answer Meta's subscription handshake",
            description = "hub.mode=subscribe with the connection's verify token: the hub.challenge is echoed. "
                    + "Any other request is 403.")
    public Response verify(@PathParam("connection") String connection, @QueryParam("hub.mode") String mode,
            @QueryParam("hub.verify_token") String token, @QueryParam("hub.challenge") String challenge) {
        Optional<SocialConfig.MetaAccount> account = connections.meta(connection);
        if (account.isEmpty() || !"subscribe".equals(mode) || challenge == null
                || WebhookSignature.checkSecret(account.get().verifyToken(), token) != WebhookSignature.Verdict.VALID) {
            return Problem.response(403, "Forbidden", "Unknown connection, or hub.mode/hub.verify_token do not match");
        }
        return Response.ok(challenge, MediaType.TEXT_PLAIN).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive one Meta webhook notification",
            description = "X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app secret) is verified in "
                    + "constant time before the body is parsed: 401 without it, 403 when wrong, 413 over the size "
                    + "limit, 403 for a replay. 200 once the notification is durably stored; it is taken in right "
                    + "after, with its media fetched into Tiski's store.")
    public Response receive(@PathParam("connection") String connection, @HeaderParam(HEADER) String signature,
            @HeaderParam("Content-Length") Long length, byte[] body) {
        Optional<SocialConfig.MetaAccount> account = connections.meta(connection);
        if (account.isEmpty()) {
            return WebhookAnswers.unknownConnection();
        }
        Response tooLarge = WebhookAnswers.tooLarge(length, body, config.maxWebhookBytes());
        if (tooLarge != null) {
            return tooLarge;
        }
        Response refused = WebhookAnswers.refused(WebhookSignature.checkHex(account.get().appSecret(), body,
                signature), HEADER);
        if (refused != null) {
            return refused;
        }
        return WebhookAnswers.taken(inbox.take("meta", connection, body));
    }
}
