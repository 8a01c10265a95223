package io.tiski.social.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a Telegram Bot API Update (https://core.telegram.org/bots/api#update). */
public final class TelegramUpdates {
    private TelegramUpdates() {
    }

    public static ParsedDelivery parse(String connection, byte[] body) {
        JsonNode update = Json.parse(body, "Telegram");
        if (Json.text(update, "update_id") == null) {
            throw new UnreadablePayloadException("not a Telegram update: no update_id");
        }
        JsonNode message = update.get("message");
        boolean edited = false;
        if (message == null) {
            message = update.get("edited_message");
            edited = message != null;
        }
        if (message == null) {
            // channel posts, polls, member changes: nothing a customer wrote to the shop
            return new ParsedDelivery(List.of(), List.of(), 1);
        }
        JsonNode chat = message.get("chat");
        JsonNode from = message.get("from");
        String chatId = Json.text(chat, "id");
        String userId = Json.text(from, "id");
        String messageId = Json.text(message, "message_id");
        if (chatId == null || userId == null || messageId == null) {
            throw new UnreadablePayloadException("a Telegram message without chat, sender or message_id");
        }
        String conversationKey = "telegram:" + connection + ":" + chatId;
        List<SocialMessage.Media> media = new ArrayList<>();
        Map<String, String> context = new LinkedHashMap<>();
        String text = Json.text(message, "text") != null ? Json.text(message, "text") : Json.text(message, "caption");
        boolean note = false;
        JsonNode photos = message.get("photo");
        if (photos != null && photos.isArray() && !photos.isEmpty()) {
            // sizes come smallest first; the last is the original
            media.add(new SocialMessage.Media("photo", Json.text(photos.get(photos.size() - 1), "file_id"),
                    "photo-" + messageId + ".jpg", "image/jpeg"));
        }
        for (String kind : List.of("document", "voice", "audio", "video", "video_note")) {
            JsonNode file = message.get(kind);
            if (file != null && Json.text(file, "file_id") != null) {
                media.add(new SocialMessage.Media(kind, Json.text(file, "file_id"), Json.text(file, "file_name"),
                        Json.text(file, "mime_type")));
            }
        }
        JsonNode sticker = message.get("sticker");
        if (sticker != null) {
            text = "[sticker " + (Json.text(sticker, "emoji") == null ? "" : Json.text(sticker, "emoji")) + "]";
            note = true;
        }
        JsonNode location = message.get("location");
        if (location != null) {
            text = "[location " + Json.text(location, "latitude") + ", " + Json.text(location, "longitude") + "]";
        }
        JsonNode contact = message.get("contact");
        if (contact != null) {
            text = "[contact " + (Json.text(contact, "first_name") == null ? "" : Json.text(contact, "first_name"))
                    + " " + (Json.text(contact, "phone_number") == null ? "" : Json.text(contact, "phone_number"))
                    + "]";
        }
        JsonNode replyTo = message.get("reply_to_message");
        if (replyTo != null && Json.text(replyTo, "message_id") != null) {
            context.put("replyTo", Json.text(replyTo, "message_id"));
        }
        if (text == null) {
            text = media.isEmpty() ? "[message without text]" : "[" + media.get(0).kind().replace('_', ' ') + "]";
        }
        String sourceMessageId = conversationKey + ":" + messageId
                + (edited ? ":edited:" + Json.text(update, "update_id") : "");
        if (edited) {
            context.put("edited", "true");
        }
        context.put("telegramChatId", chatId);
        String first = Json.text(from, "first_name");
        String last = Json.text(from, "last_name");
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        Participant participant = new Participant("telegram:" + userId, name.isEmpty() ? Json.text(from, "username")
                : name);
        boolean bot = from.path("is_bot").asBoolean(false);
        SocialMessage social = new SocialMessage(Channel.TELEGRAM, conversationKey, chatId, sourceMessageId,
                Json.epochSeconds(message, "date"), participant, text, Json.language(Json.text(from, "language_code")),
                bot ? SenderClassification.AUTO_REPLY : SenderClassification.PERSON, media, context, note);
        return new ParsedDelivery(List.of(social), List.of(), 0);
    }
}
