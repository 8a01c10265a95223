package io.tiski.social.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Reading platform JSON leniently where the platforms add fields, strictly where Tiski depends on one. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");

    private Json() {
    }

    static JsonNode parse(byte[] body, String platform) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw new UnreadablePayloadException("not a " + platform + " webhook: the body is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new UnreadablePayloadException("not a " + platform + " webhook: "
                    + e.getMessage().lines().findFirst().orElse("unreadable JSON"));
        }
    }

    /** A text field, or null when absent or not text. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    static String required(JsonNode node, String field, String what) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new UnreadablePayloadException(what + " without " + field);
        }
        return value;
    }

    static Instant epochMillis(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new UnreadablePayloadException(field + " is not a timestamp: " + value);
        }
    }

    static Instant epochSeconds(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? Instant.now() : Instant.ofEpochSecond(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new UnreadablePayloadException(field + " is not a timestamp: " + value);
        }
    }

    /** fi, sv or en from a platform's locale (fi, sv-SE, en_GB); null for any other. */
    static String language(String code) {
        if (code == null || code.length() < 2) {
            return null;
        }
        String lang = code.substring(0, 2).toLowerCase(Locale.ROOT);
        return LANGUAGES.contains(lang) ? lang : null;
    }

    static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isArray() ? value : List.of();
    }
}
