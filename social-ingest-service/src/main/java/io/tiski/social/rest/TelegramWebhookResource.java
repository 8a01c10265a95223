package io.tiski.social.rest;

import io.tiski.social.config.SocialConfig;
import io.tiski.social.domain.WebhookSecret;
import io.tiski.social.service.TelegramIntake;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/webhooks/telegram/{connection}")
@Tag(name = "Telegram webhook", description = "Called by Telegram's Bot API (setWebhook with secret_token)")
public class TelegramWebhookResource {
    private final SocialConfig config;
    private final TelegramIntake intake;

    TelegramWebhookResource(SocialConfig config, TelegramIntake intake) {
        this.config = config;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive one Telegram update",
            description = "The X-Telegram-Bot-Api-Secret-Token header is checked in constant time before the body "
                    + "is read. 200 once the update is durably recorded (or quarantined), so Telegram stops retrying.")
    public Response receive(@PathParam("connection") String connection,
            @HeaderParam("X-Telegram-Bot-Api-Secret-Token") String secret, @HeaderParam("Content-Length") Long length,
            byte[] body) {
        SocialConfig.TelegramBot bot = config.telegram().get(connection);
        if (bot == null || !WebhookSecret.matches(bot.secretToken(), secret)) {
            // the same answer for an unknown connection and a wrong secret: nothing to learn from it
            return Problem.response(401, "Unauthorized", "Missing or wrong X-Telegram-Bot-Api-Secret-Token");
        }
        if (body.length > config.maxWebhookBytes()) {
            return Problem.response(413, "Payload Too Large",
                    "Webhook bodies are limited to " + config.maxWebhookBytes() + " bytes");
        }
        TelegramIntake.Result result = intake.accept(connection, bot, body);
        return Response.ok(Map.of("result", result.name())).build();
    }
}
