package io.tiski.social.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.tiski.social.config.SocialConfig;
import io.tiski.social.domain.SocialMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Meta's Graph API: the Send API (Messenger, Instagram), the WhatsApp Cloud API, media and profile names. */
@ApplicationScoped
public class MetaApi {
    /** Graph error codes that mean the messaging window has closed. */
    private static final java.util.Set<Integer> WINDOW_CLOSED = java.util.Set.of(131047, 2018278, 2534022);
    /** Graph error codes that mean "too many calls": retried with backoff. */
    private static final java.util.Set<Integer> THROTTLED = java.util.Set.of(4, 17, 32, 613, 80006, 80007, 130429,
            131056);
    private final PlatformHttp http;

    MetaApi(PlatformHttp http) {
        this.http = http;
    }

    public PlatformHttp.Download fetch(SocialConfig.MetaAccount account, SocialMessage.Media media, long maxBytes) {
        if (!"whatsapp".equals(account.platform())) {
            // Messenger and Instagram give a CDN address that expires: fetched now, kept in Tiski's store
            return http.download(label(account), media.locator(), Optional.empty(), maxBytes);
        }
        PlatformHttp.Answer answer = http.getJson("WhatsApp", account.graphUrl() + "/" + media.locator(),
                account.accessToken());
        check(account, answer);
        if (answer.body().path("file_size").asLong(0) > maxBytes) {
            return new PlatformHttp.Download(null, answer.body().path("mime_type").asText(null), true);
        }
        return http.download("WhatsApp", answer.body().path("url").asText(), account.accessToken(), maxBytes);
    }

    /** The customer's name as the platform shows it, if the platform tells. */
    public Optional<String> profileName(SocialConfig.MetaAccount account, String userId) {
        if ("whatsapp".equals(account.platform()) || account.accessToken().isEmpty()) {
            return Optional.empty(); // WhatsApp names come in the webhook itself
        }
        String fields = "instagram".equals(account.platform()) ? "name,username" : "first_name,last_name";
        try {
            PlatformHttp.Answer answer = http.getJson(label(account), account.graphUrl() + "/" + userId + "?fields="
                    + fields, account.accessToken());
            if (answer.status() != 200) {
                return Optional.empty();
            }
            JsonNode body = answer.body();
            String name = "instagram".equals(account.platform())
                    ? body.path("name").asText(body.path("username").asText(""))
                    : (body.path("first_name").asText("") + " " + body.path("last_name").asText("")).strip();
            return name.isBlank() ? Optional.empty() : Optional.of(name);
        } catch (PlatformUnavailableException e) {
            return Optional.empty(); // a name is nice to have; the message does not wait for it
        }
    }

    /** Sends one text message; returns the platform's message id. */
    public String send(SocialConfig.MetaAccount account, String recipientId, String text, boolean humanAgentTag) {
        if ("whatsapp".equals(account.platform())) {
            return sendWhatsappMessage(account, recipientId, "text", Map.of("body", text, "preview_url", false));
        }
        return sendMessengerMessage(account, recipientId, Map.of("text", text), humanAgentTag);
    }

    /** Sends a file the platform fetches from {@code url}; returns the platform's message id. */
    public String sendFile(SocialConfig.MetaAccount account, String recipientId, String url, String mediaType,
            String fileName, boolean humanAgentTag) {
        String kind = mediaType == null ? "file" : mediaType.startsWith("image/") ? "image"
                : mediaType.startsWith("audio/") ? "audio" : mediaType.startsWith("video/") ? "video" : "file";
        if ("whatsapp".equals(account.platform())) {
            String type = "file".equals(kind) ? "document" : kind;
            Map<String, Object> media = new LinkedHashMap<>();
            media.put("link", url);
            if ("document".equals(type) && fileName != null) {
                media.put("filename", fileName);
            }
            return sendWhatsappMessage(account, recipientId, type, media);
        }
        return sendMessengerMessage(account, recipientId, Map.of("attachment", Map.of("type", kind, "payload",
                Map.of("url", url, "is_reusable", false))), humanAgentTag);
    }

    /** WhatsApp: an approved template with body parameters, allowed outside the customer-service window. */
    public String sendTemplate(SocialConfig.MetaAccount account, String to, String template, String language,
            List<String> parameters) {
        List<Map<String, Object>> values = parameters.stream().map(p -> Map.<String, Object>of("type", "text",
                "text", p)).toList();
        return sendWhatsappMessage(account, to, "template", Map.of("name", template, "language",
                Map.of("code", language), "components", List.of(Map.of("type", "body", "parameters", values))));
    }

    /** The WhatsApp Cloud API's messages endpoint: one message of {@code type} with its content. */
    private String sendWhatsappMessage(SocialConfig.MetaAccount account, String to, String type, Object content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", to);
        body.put("type", type);
        body.put(type, content);
        PlatformHttp.Answer answer = http.postJson("WhatsApp", account.graphUrl() + "/" + account.accountId()
                + "/messages", account.accessToken(), body);
        check(account, answer);
        return answer.body().path("messages").path(0).path("id").asText();
    }

    /** The Send API of Messenger and Instagram: a response in the window, or tagged as a human agent's after it. */
    private String sendMessengerMessage(SocialConfig.MetaAccount account, String recipientId, Object message,
            boolean humanAgentTag) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipient", Map.of("id", recipientId));
        body.put("messaging_type", humanAgentTag ? "MESSAGE_TAG" : "RESPONSE");
        if (humanAgentTag) {
            body.put("tag", "HUMAN_AGENT");
        }
        body.put("message", message);
        PlatformHttp.Answer answer = http.postJson(label(account), account.graphUrl() + "/" + account.accountId()
                + "/messages", account.accessToken(), body);
        check(account, answer);
        return answer.body().path("message_id").asText();
    }

    private static void check(SocialConfig.MetaAccount account, PlatformHttp.Answer answer) {
        JsonNode error = answer.body().get("error");
        if (answer.status() < 400 && error == null) {
            return;
        }
        int code = error == null ? 0 : error.path("code").asInt(0);
        int subcode = error == null ? 0 : error.path("error_subcode").asInt(0);
        String message = error == null ? "HTTP " + answer.status() : error.path("message").asText("HTTP "
                + answer.status());
        if (THROTTLED.contains(code)) {
            throw new PlatformUnavailableException(label(account) + " is rate limiting: " + message, null, null);
        }
        if (WINDOW_CLOSED.contains(code) || WINDOW_CLOSED.contains(subcode)) {
            throw new PlatformRefusedException(label(account) + " refused the message because the customer last "
                    + "wrote more than 24 hours ago: " + message);
        }
        throw new PlatformRefusedException(label(account) + " refused the message: " + message + " (code " + code
                + ")");
    }

    static String label(SocialConfig.MetaAccount account) {
        return switch (account.platform()) {
            case "instagram" -> "Instagram";
            case "whatsapp" -> "WhatsApp";
            default -> "Messenger";
        };
    }
}
