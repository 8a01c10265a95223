package io.tiski.social.rest;

import io.tiski.social.config.SocialConfig;
import io.tiski.social.domain.WebhookSignature;
import io.tiski.social.service.Connections;
import io.tiski.social.service.WebhookInbox;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/webhooks/telegram/{connection}")
@Tag(name = "Telegram webhook", description = "Called by Telegram's Bot API (setWebhook with secret_token)")
public class TelegramWebhookResource {
    static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private final SocialConfig config;
    private final Connections connections;
    private final WebhookInbox inbox;

    TelegramWebhookResource(SocialConfig config, Connections connections, WebhookInbox inbox) {
        this.config = config;
        this.connections = connections;
        this.inbox = inbox;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive one Telegram update",
            description = "The X-Telegram-Bot-Api-Secret-Token header is checked in constant time before the body "
                    + "is parsed: 401 without it, 403 when wrong, 413 over the size limit, 403 for a replay of a "
                    + "request already taken. 200 once the update is durably stored; it is taken in right after.")
    public Response receive(@PathParam("connection") String connection, @HeaderParam(HEADER) String secret,
            @HeaderParam("Content-Length") Long length, byte[] body) {
        Optional<SocialConfig.TelegramBot> bot = connections.telegram(connection);
        if (bot.isEmpty()) {
            return WebhookAnswers.unknownConnection();
        }
        Response refused = WebhookAnswers.refused(WebhookSignature.checkSecret(bot.get().secretToken(), secret),
                HEADER);
        if (refused != null) {
            return refused;
        }
        Response tooLarge = WebhookAnswers.tooLarge(length, body, config.maxWebhookBytes());
        if (tooLarge != null) {
            return tooLarge;
        }
        return WebhookAnswers.taken(inbox.take("telegram", connection, body));
    }
}
