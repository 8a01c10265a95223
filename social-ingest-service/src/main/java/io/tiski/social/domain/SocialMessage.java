package io.tiski.social.domain;

import io.tiski.events.v1.Channel;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message a customer sent on a platform, in Tiski's terms.
 *
 * @param conversationKey the platform conversation: {@code <platform>:<connection>:<chat or user id>}
 * @param recipientId who a reply on the platform goes to (chat id, page-scoped id, WhatsApp id, X user id)
 * @param sourceMessageId the platform's id of the message, unique per connection: the key that makes a webhook
 *     retry or a platform's redelivery one message
 * @param media photos, files and voice messages still to be fetched from the platform
 * @param context what the platform says about the message beyond its text (quick reply payload, the ad or link
 *     that started the chat, the story or message replied to)
 * @param note true for reactions and stickers: something the customer did, not something to answer
 */
public record SocialMessage(Channel channel, String conversationKey, String recipientId, String sourceMessageId,
        Instant sentAt, Participant from, String text, String language, SenderClassification classification,
        List<Media> media, Map<String, String> context, boolean note) {

    public SocialMessage {
        media = media == null ? List.of() : List.copyOf(media);
        // a platform may leave out any part of what context is read from (a story reply without its URL)
        context = context == null ? Map.of() : context.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * A photo, file or voice message on the platform.
     *
     * @param locator where the platform hands it out: a URL (Messenger, Instagram, X) or a file/media id
     *     (Telegram, WhatsApp) the platform's API turns into one
     */
    public record Media(String kind, String locator, String fileName, String mediaType) {
    }
}
