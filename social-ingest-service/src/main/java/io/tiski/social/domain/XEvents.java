package io.tiski.social.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads X's Account Activity events: direct messages to the shop's account and their read marks. */
public final class XEvents {
    private XEvents() {
    }

    public static ParsedDelivery parse(String connection, String accountId, byte[] body) {
        JsonNode root = Json.parse(body, "X");
        String forUser = Json.text(root, "for_user_id");
        if (forUser == null) {
            throw new UnreadablePayloadException("not an X Account Activity event: no for_user_id");
        }
        if (!forUser.equals(accountId)) {
            throw new UnreadablePayloadException("an X event for account " + forUser + " on the connection "
                    + connection + " of account " + accountId);
        }
        List<SocialMessage> messages = new ArrayList<>();
        List<DeliveryReceipt> receipts = new ArrayList<>();
        int ignored = 0;
        JsonNode users = root.path("users");
        for (JsonNode event : Json.array(root, "direct_message_events")) {
            if (!"message_create".equals(Json.text(event, "type"))) {
                ignored++;
                continue;
            }
            JsonNode create = event.get("message_create");
            String senderId = Json.required(create, "sender_id", "an X direct message");
            if (senderId.equals(accountId)) {
                ignored++; // the shop's own messages
                continue;
            }
            String id = Json.required(event, "id", "an X direct message");
            JsonNode data = create.path("message_data");
            String text = Json.text(data, "text");
            List<SocialMessage.Media> media = new ArrayList<>();
            JsonNode attached = data.path("attachment").path("media");
            if (Json.text(attached, "media_url_https") != null) {
                media.add(new SocialMessage.Media(Json.text(attached, "type"), Json.text(attached, "media_url_https"),
                        null, null));
                String shortUrl = Json.text(attached, "url");
                if (text != null && shortUrl != null) {
                    text = text.replace(shortUrl, "").strip(); // X appends the media's t.co link to the text
                }
            }
            Map<String, String> context = new LinkedHashMap<>();
            if (Json.text(data.path("quick_reply_response"), "metadata") != null) {
                context.put("quickReply", Json.text(data.path("quick_reply_response"), "metadata"));
            }
            JsonNode user = users.path(senderId);
            String name = Json.text(user, "name");
            if (Json.text(user, "screen_name") != null) {
                context.put("screenName", "@" + Json.text(user, "screen_name"));
            }
            if (text == null || text.isBlank()) {
                text = media.isEmpty() ? "[message without text]" : "[" + media.get(0).kind() + "]";
            }
            String conversationKey = "x:" + connection + ":" + senderId;
            messages.add(new SocialMessage(Channel.X, conversationKey, senderId, "x:" + connection + ":" + id,
                    Json.epochMillis(event, "created_timestamp"), new Participant("x:" + senderId, name), text, null,
                    SenderClassification.PERSON, media, context, false));
        }
        for (JsonNode read : Json.array(root, "direct_message_mark_read_events")) {
            String lastRead = Json.text(read, "last_read_event_id");
            if (lastRead != null) {
                receipts.add(DeliveryReceipt.of(lastRead, "READ", Json.epochMillis(read, "created_timestamp"),
                        null));
            }
        }
        if (messages.isEmpty() && receipts.isEmpty()) {
            ignored++; // typing indicators, follows, tweets: not direct messages to the shop
        }
        return new ParsedDelivery(messages, receipts, ignored);
    }
}
