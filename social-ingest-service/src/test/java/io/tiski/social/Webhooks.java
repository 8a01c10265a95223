package io.tiski.social;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.tiski.social.domain.WebhookSignature;
import java.nio.charset.StandardCharsets;

/** Webhook requests signed as each platform signs them. */
final class Webhooks {
    static final String TELEGRAM_SECRET = "test-telegram-secret-0123456789";

    private Webhooks() {
    }

    static ValidatableResponse meta(String connection, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().header("X-Hub-Signature-256", WebhookSignature.hexHeader(PlatformEmulatorResource.META_APP_SECRET,
                bytes)).contentType("application/json").body(bytes).post("/api/v1/webhooks/meta/" + connection).then();
    }

    static ValidatableResponse telegram(String body) {
        return given().header("X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/webhooks/telegram/shopbot").then();
    }

    static ValidatableResponse x(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().header("x-twitter-webhooks-signature", WebhookSignature.base64Header(
                PlatformEmulatorResource.X_CONSUMER_SECRET, bytes)).contentType("application/json").body(bytes)
                .post("/api/v1/webhooks/x/shopx").then();
    }

    static String messenger(String object, String accountId, String senderId, String mid, long timestampMillis,
            String messageJson) {
        return """
                {"object": "%s", "entry": [{"id": "%s", "time": %d, "messaging": [{
                  "sender": {"id": "%s"}, "recipient": {"id": "%s"}, "timestamp": %d,
                  "message": {"mid": "%s", %s}}]}]}
                """.formatted(object, accountId, timestampMillis, senderId, accountId, timestampMillis, mid,
                messageJson);
    }

    static String whatsapp(String waId, String name, String id, long epochSeconds, String type, String contentJson) {
        return """
                {"object": "whatsapp_business_account", "entry": [{"id": "WABA1", "changes": [{"field": "messages",
                  "value": {"messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "358401234567", "phone_number_id": "%s"},
                    "contacts": [{"profile": {"name": "%s"}, "wa_id": "%s"}],
                    "messages": [{"from": "%s", "id": "%s", "timestamp": "%d", "type": "%s", "%s": %s}]}}]}]}
                """.formatted(PlatformEmulatorResource.WHATSAPP_NUMBER_ID, name, waId, waId, id, epochSeconds, type,
                type, contentJson);
    }

    static String telegramUpdate(long updateId, long chatId, long messageId, String messageFields) {
        return """
                {"update_id": %d, "message": {"message_id": %d, "date": %d,
                 "from": {"id": %d, "is_bot": false, "first_name": "Aino", "last_name": "Laine", "language_code": "fi"},
                 "chat": {"id": %d, "type": "private"}, %s}}
                """.formatted(updateId, messageId, System.currentTimeMillis() / 1000, chatId, chatId, messageFields);
    }

    static String xDirectMessage(String eventId, String senderId, String name, String text, String attachment) {
        return """
                {"for_user_id": "%s", "direct_message_events": [{"type": "message_create", "id": "%s",
                  "created_timestamp": "%d", "message_create": {"target": {"recipient_id": "%s"}, "sender_id": "%s",
                  "message_data": {"text": "%s", "entities": {}%s}}}],
                 "users": {"%s": {"id": "%s", "name": "%s", "screen_name": "asiakas_%s"}}}
                """.formatted(PlatformEmulatorResource.X_ACCOUNT_ID, eventId, System.currentTimeMillis(),
                PlatformEmulatorResource.X_ACCOUNT_ID, senderId, text, attachment == null ? "" : ", " + attachment,
                senderId, senderId, name, senderId);
    }
}
