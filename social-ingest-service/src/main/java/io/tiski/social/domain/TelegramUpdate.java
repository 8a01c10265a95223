package io.tiski.social.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The parts of a Telegram Bot API Update that Tiski reads (https://core.telegram.org/bots/api#update). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TelegramUpdate(@JsonProperty("update_id") Long updateId, Message message,
        @JsonProperty("edited_message") Message editedMessage) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(@JsonProperty("message_id") Long messageId, User from, Chat chat, Long date, String text,
            String caption, Object[] photo, Object document, Object sticker, Object voice) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(Long id, @JsonProperty("is_bot") boolean bot, @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName, String username,
            @JsonProperty("language_code") String languageCode) {
        public String displayName() {
            String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
            return name.isEmpty() ? username : name;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Chat(Long id, String type) {
    }
}
