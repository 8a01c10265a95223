package io.tiski.social.platform;

import io.tiski.social.config.SocialConfig;
import io.tiski.social.domain.SocialMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Telegram's Bot API: files by id (getFile) and sendMessage. */
@ApplicationScoped
public class TelegramApi {
    private final PlatformHttp http;

    TelegramApi(PlatformHttp http) {
        this.http = http;
    }

    public PlatformHttp.Download fetch(SocialConfig.TelegramBot bot, SocialMessage.Media media, long maxBytes) {
        String token = token(bot);
        PlatformHttp.Answer answer = http.getJson("Telegram", bot.apiUrl() + "/bot" + token + "/getFile?file_id="
                + URLEncoder.encode(media.locator(), StandardCharsets.UTF_8), Optional.empty());
        if (!answer.body().path("ok").asBoolean(false)) {
            throw new PlatformRefusedException("Telegram does not hand out the file: "
                    + answer.body().path("description").asText("HTTP " + answer.status()));
        }
        if (answer.body().path("result").path("file_size").asLong(0) > maxBytes) {
            return new PlatformHttp.Download(null, media.mediaType(), true);
        }
        String path = answer.body().path("result").path("file_path").asText();
        return http.download("Telegram", bot.apiUrl() + "/file/bot" + token + "/" + path, Optional.empty(), maxBytes);
    }

    /** Sends one text message; returns the message id Telegram gave it. */
    public String send(SocialConfig.TelegramBot bot, String chatId, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", chatId);
        body.put("text", text);
        PlatformHttp.Answer answer = http.postJson("Telegram", bot.apiUrl() + "/bot" + token(bot) + "/sendMessage",
                Optional.empty(), body);
        if (!answer.body().path("ok").asBoolean(false)) {
            throw new PlatformRefusedException("Telegram refused the message: "
                    + answer.body().path("description").asText("HTTP " + answer.status()));
        }
        return answer.body().path("result").path("message_id").asText();
    }

    /** Sends a file Telegram fetches from {@code url}: a photo as a photo, anything else as a document. */
    public String sendFile(SocialConfig.TelegramBot bot, String chatId, String url, String mediaType) {
        boolean photo = mediaType != null && mediaType.startsWith("image/") && !mediaType.equals("image/gif");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", chatId);
        body.put(photo ? "photo" : "document", url);
        PlatformHttp.Answer answer = http.postJson("Telegram", bot.apiUrl() + "/bot" + token(bot)
                + (photo ? "/sendPhoto" : "/sendDocument"), Optional.empty(), body);
        if (!answer.body().path("ok").asBoolean(false)) {
            throw new PlatformRefusedException("Telegram refused the file: "
                    + answer.body().path("description").asText("HTTP " + answer.status()));
        }
        return answer.body().path("result").path("message_id").asText();
    }

    private static String token(SocialConfig.TelegramBot bot) {
        return bot.botToken().filter(t -> !t.isBlank()).orElseThrow(() -> new PlatformRefusedException(
                "the Telegram connection has no bot token (tiski.social.telegram.<connection>.bot-token)"));
    }
}
