package io.tiski.social.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the webhook notifications of Meta's platforms: Messenger ({@code object: page}), Instagram messaging
 * ({@code object: instagram}) and the WhatsApp Cloud API ({@code object: whatsapp_business_account}).
 * One request may carry several entries and several messages; each becomes a message of its own.
 */
public final class MetaEvents {
    private MetaEvents() {
    }

    /**
     * @param platform the connection's platform (messenger, instagram, whatsapp): a body of another platform is
     *     refused, so one app's secret cannot inject messages into another connection
     * @param accountId the page, Instagram account or phone number id of the connection; entries for others are
     *     not for this connection and are ignored
     */
    public static ParsedDelivery parse(String connection, String platform, String accountId, byte[] body) {
        JsonNode root = Json.parse(body, "Meta");
        String object = Json.text(root, "object");
        Channel channel = switch (object == null ? "" : object) {
            case "page" -> Channel.MESSENGER;
            case "instagram" -> Channel.INSTAGRAM;
            case "whatsapp_business_account" -> Channel.WHATSAPP;
            default -> throw new UnreadablePayloadException("not a Meta messaging webhook: object is " + object);
        };
        if (!channel.name().equalsIgnoreCase(platform)) {
            throw new UnreadablePayloadException("a " + object + " webhook for the " + platform + " connection "
                    + connection);
        }
        if (!root.path("entry").isArray()) {
            throw new UnreadablePayloadException("a Meta webhook without entries");
        }
        List<SocialMessage> messages = new ArrayList<>();
        List<DeliveryReceipt> receipts = new ArrayList<>();
        int[] ignored = {0};
        for (JsonNode entry : root.get("entry")) {
            if (channel == Channel.WHATSAPP) {
                whatsapp(connection, accountId, entry, messages, receipts, ignored);
            } else {
                messaging(connection, channel, accountId, entry, messages, receipts, ignored);
            }
        }
        return new ParsedDelivery(messages, receipts, ignored[0]);
    }

    private static void messaging(String connection, Channel channel, String accountId, JsonNode entry,
            List<SocialMessage> messages, List<DeliveryReceipt> receipts, int[] ignored) {
        String platform = channel.name().toLowerCase(Locale.ROOT);
        for (JsonNode event : Json.array(entry, "messaging")) {
            String senderId = Json.required(event.get("sender"), "id", "a " + platform + " event's sender");
            String recipientId = Json.text(event.get("recipient"), "id");
            if (senderId.equals(accountId)) {
                ignored[0]++; // the page's own messages, echoed back
                continue;
            }
            if (recipientId != null && accountId != null && !recipientId.equals(accountId)) {
                ignored[0]++; // an event of another page subscribed to the same app
                continue;
            }
            String conversationKey = platform + ":" + connection + ":" + senderId;
            Instant at = Json.epochMillis(event, "timestamp");
            Participant from = new Participant(platform + ":" + senderId, null);
            JsonNode message = event.get("message");
            JsonNode delivery = event.get("delivery");
            JsonNode read = event.get("read");
            if (message != null) {
                if (message.path("is_echo").asBoolean(false) || message.path("is_deleted").asBoolean(false)) {
                    ignored[0]++;
                    continue;
                }
                String mid = Json.required(message, "mid", "a " + platform + " message");
                Map<String, String> context = new LinkedHashMap<>();
                List<SocialMessage.Media> media = new ArrayList<>();
                String text = Json.text(message, "text");
                boolean note = false;
                int n = 0;
                for (JsonNode attachment : Json.array(message, "attachments")) {
                    String type = Json.text(attachment, "type");
                    JsonNode payload = attachment.get("payload");
                    n++;
                    if (payload != null && payload.get("sticker_id") != null) {
                        note = text == null;
                        text = text == null ? "[sticker]" : text;
                        continue;
                    }
                    String url = Json.text(payload, "url");
                    if ("fallback".equals(type) || "template".equals(type) || url == null) {
                        context.put("shared" + n, Json.text(payload, "title") != null ? Json.text(payload, "title")
                                : String.valueOf(type));
                        continue;
                    }
                    if ("story_mention".equals(type)) {
                        context.put("storyMention", url);
                    }
                    media.add(new SocialMessage.Media(type, url, null, null));
                }
                if (message.get("sticker_id") != null) {
                    note = text == null && media.isEmpty();
                    text = text == null ? "[sticker]" : text;
                }
                JsonNode quickReply = message.get("quick_reply");
                if (quickReply != null) {
                    context.put("quickReply", Json.text(quickReply, "payload"));
                }
                JsonNode replyTo = message.get("reply_to");
                if (replyTo != null) {
                    if (replyTo.get("story") != null) {
                        context.put("storyReply", Json.text(replyTo.get("story"), "id"));
                        context.put("storyUrl", Json.text(replyTo.get("story"), "url"));
                        text = "[reply to a story] " + (text == null ? "" : text);
                    } else if (Json.text(replyTo, "mid") != null) {
                        context.put("replyTo", Json.text(replyTo, "mid"));
                    }
                }
                referral(message.get("referral"), context);
                referral(event.get("referral"), context);
                if (text == null) {
                    text = media.isEmpty() ? "[message without text]" : "[" + media.get(0).kind() + "]";
                }
                messages.add(new SocialMessage(channel, conversationKey, senderId, platform + ":" + connection + ":"
                        + mid, at, from, text.strip(), null, SenderClassification.PERSON, media, context, note));
            } else if (event.get("reaction") != null) {
                JsonNode reaction = event.get("reaction");
                String action = Json.text(reaction, "action");
                String emoji = Json.text(reaction, "emoji") != null ? Json.text(reaction, "emoji")
                        : Json.text(reaction, "reaction");
                String text = "unreact".equals(action) ? "[removed a reaction]" : "[reacted " + emoji + "]";
                Map<String, String> context = new LinkedHashMap<>();
                context.put("reactionTo", Json.text(reaction, "mid"));
                messages.add(new SocialMessage(channel, conversationKey, senderId, platform + ":" + connection
                        + ":reaction:" + Json.text(reaction, "mid") + ":" + action + ":" + at.toEpochMilli(), at, from,
                        text, null, SenderClassification.PERSON, List.of(), context, true));
            } else if (event.get("postback") != null) {
                JsonNode postback = event.get("postback");
                Map<String, String> context = new LinkedHashMap<>();
                context.put("postback", Json.text(postback, "payload"));
                referral(postback.get("referral"), context);
                String mid = Json.text(postback, "mid") != null ? Json.text(postback, "mid")
                        : "postback:" + at.toEpochMilli();
                String title = Json.text(postback, "title");
                messages.add(new SocialMessage(channel, conversationKey, senderId, platform + ":" + connection + ":"
                        + mid, at, from, title == null ? "[button]" : title, null, SenderClassification.PERSON,
                        List.of(), context, false));
            } else if (delivery != null) {
                for (JsonNode mid : Json.array(delivery, "mids")) {
                    receipts.add(DeliveryReceipt.of(mid.asText(), "DELIVERED", at, null));
                }
                if (Json.text(delivery, "watermark") != null) {
                    receipts.add(DeliveryReceipt.watermark(conversationKey, "DELIVERED",
                            Json.epochMillis(delivery, "watermark")));
                }
            } else if (read != null) {
                if (Json.text(read, "mid") != null) {
                    receipts.add(DeliveryReceipt.of(Json.text(read, "mid"), "READ", at, null));
                }
                if (Json.text(read, "watermark") != null) {
                    receipts.add(DeliveryReceipt.watermark(conversationKey, "READ",
                            Json.epochMillis(read, "watermark")));
                }
            } else {
                ignored[0]++; // referrals without a message, optins, handovers: nothing the customer wrote
            }
        }
    }

    private static void referral(JsonNode referral, Map<String, String> context) {
        if (referral == null) {
            return;
        }
        for (String field : List.of("source", "type", "ref", "ad_id", "source_url", "headline")) {
            if (Json.text(referral, field) != null) {
                context.put("referral." + field, Json.text(referral, field));
            }
        }
    }

    private static void whatsapp(String connection, String accountId, JsonNode entry, List<SocialMessage> messages,
            List<DeliveryReceipt> receipts, int[] ignored) {
        for (JsonNode change : Json.array(entry, "changes")) {
            JsonNode value = change.get("value");
            if (!"messages".equals(Json.text(change, "field")) || value == null) {
                ignored[0]++; // template status, account updates
                continue;
            }
            String phoneNumberId = Json.text(value.get("metadata"), "phone_number_id");
            if (accountId != null && phoneNumberId != null && !accountId.equals(phoneNumberId)) {
                ignored[0]++; // another number of the same business account
                continue;
            }
            Map<String, String> names = new LinkedHashMap<>();
            for (JsonNode contact : Json.array(value, "contacts")) {
                names.put(Json.text(contact, "wa_id"), Json.text(contact.get("profile"), "name"));
            }
            for (JsonNode message : Json.array(value, "messages")) {
                String waId = Json.required(message, "from", "a WhatsApp message");
                String id = Json.required(message, "id", "a WhatsApp message");
                String type = Json.text(message, "type");
                Instant at = Json.epochSeconds(message, "timestamp");
                Map<String, String> context = new LinkedHashMap<>();
                List<SocialMessage.Media> media = new ArrayList<>();
                String text = null;
                boolean note = false;
                switch (type == null ? "" : type) {
                    case "text" -> text = Json.text(message.get("text"), "body");
                    case "image", "video", "audio", "document", "sticker" -> {
                        JsonNode file = message.get(type);
                        text = Json.text(file, "caption");
                        if ("sticker".equals(type)) {
                            note = true;
                            text = "[sticker]";
                        } else {
                            media.add(new SocialMessage.Media(type, Json.required(file, "id", "a WhatsApp " + type),
                                    Json.text(file, "filename"), Json.text(file, "mime_type")));
                        }
                    }
                    case "reaction" -> {
                        JsonNode reaction = message.get("reaction");
                        String emoji = Json.text(reaction, "emoji");
                        text = emoji == null || emoji.isEmpty() ? "[removed a reaction]" : "[reacted " + emoji + "]";
                        context.put("reactionTo", Json.text(reaction, "message_id"));
                        note = true;
                    }
                    case "interactive" -> {
                        JsonNode interactive = message.get("interactive");
                        JsonNode reply = interactive == null ? null : interactive.get("button_reply") != null
                                ? interactive.get("button_reply") : interactive.get("list_reply");
                        text = Json.text(reply, "title");
                        context.put("quickReply", Json.text(reply, "id"));
                    }
                    case "button" -> {
                        text = Json.text(message.get("button"), "text");
                        context.put("quickReply", Json.text(message.get("button"), "payload"));
                    }
                    case "location" -> {
                        JsonNode location = message.get("location");
                        text = "[location " + Json.text(location, "latitude") + ", " + Json.text(location, "longitude")
                                + (Json.text(location, "name") == null ? "" : " " + Json.text(location, "name")) + "]";
                    }
                    case "order" -> text = "[order from the catalogue] "
                            + (Json.text(message.get("order"), "text") == null ? ""
                                    : Json.text(message.get("order"), "text"));
                    default -> text = "[a WhatsApp " + type + " message Tiski cannot show]";
                }
                JsonNode quoted = message.get("context");
                if (quoted != null) {
                    if (Json.text(quoted, "id") != null) {
                        context.put("replyTo", Json.text(quoted, "id"));
                    }
                    JsonNode product = quoted.get("referred_product");
                    if (product != null) {
                        context.put("product", Json.text(product, "product_retailer_id"));
                    }
                }
                JsonNode referral = message.get("referral");
                if (referral != null) {
                    for (String field : List.of("source_url", "source_type", "source_id", "headline")) {
                        if (Json.text(referral, field) != null) {
                            context.put("referral." + field, Json.text(referral, field));
                        }
                    }
                }
                if (text == null) {
                    text = media.isEmpty() ? "[message without text]" : "[" + media.get(0).kind() + "]";
                }
                String conversationKey = "whatsapp:" + connection + ":" + waId;
                messages.add(new SocialMessage(io.tiski.events.v1.Channel.WHATSAPP, conversationKey, waId,
                        "whatsapp:" + connection + ":" + id, at, new Participant("whatsapp:+" + waId, names.get(waId)),
                        text.strip(), null, SenderClassification.PERSON, media, context, note));
            }
            for (JsonNode status : Json.array(value, "statuses")) {
                String state = Json.text(status, "status");
                String mapped = switch (state == null ? "" : state) {
                    case "delivered" -> "DELIVERED";
                    case "read" -> "READ";
                    case "failed" -> "FAILED";
                    default -> null; // "sent": Tiski already knows
                };
                if (mapped == null) {
                    continue;
                }
                String reason = null;
                for (JsonNode error : Json.array(status, "errors")) {
                    reason = "WhatsApp: " + Json.text(error, "title")
                            + (Json.text(error.get("error_data"), "details") == null ? ""
                                    : " (" + Json.text(error.get("error_data"), "details") + ")");
                }
                receipts.add(DeliveryReceipt.of(Json.text(status, "id"), mapped, Json.epochSeconds(status,
                        "timestamp"), reason));
            }
        }
    }
}
