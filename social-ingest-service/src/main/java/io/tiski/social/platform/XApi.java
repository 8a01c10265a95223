package io.tiski.social.platform;

import io.tiski.social.config.SocialConfig;
import io.tiski.social.domain.SocialMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** X's API v2 for direct messages: send to a participant, fetch attached media. */
@ApplicationScoped
public class XApi {
    private final PlatformHttp http;

    XApi(PlatformHttp http) {
        this.http = http;
    }

    public PlatformHttp.Download fetch(SocialConfig.XAccount account, SocialMessage.Media media, long maxBytes) {
        return http.download("X", media.locator(), account.accessToken(), maxBytes);
    }

    /** Sends one direct message; returns its dm_event_id. */
    public String send(SocialConfig.XAccount account, String participantId, String text) {
        return dm(account, participantId, Map.of("text", text));
    }

    /** Uploads a file to X (media upload, DM category) and sends it as a direct message of its own. */
    public String sendFile(SocialConfig.XAccount account, String participantId, byte[] content, String mediaType,
            String fileName) {
        String category = mediaType != null && mediaType.equals("image/gif") ? "dm_gif"
                : mediaType != null && mediaType.startsWith("video/") ? "dm_video" : "dm_image";
        if (mediaType == null || !(mediaType.startsWith("image/") || mediaType.startsWith("video/"))) {
            throw new PlatformRefusedException("X direct messages carry only pictures and videos, not "
                    + (fileName == null ? "this file" : fileName));
        }
        PlatformHttp.Answer upload = http.postMultipart("X", account.apiUrl() + "/2/media/upload",
                account.accessToken(), Map.of("media_category", category), "media",
                fileName == null ? "media" : fileName, mediaType, content);
        String mediaId = upload.body().path("data").path("id").asText(upload.body().path("media_id_string")
                .asText(""));
        if (upload.status() >= 400 || mediaId.isEmpty()) {
            throw new PlatformRefusedException("X refused the file: " + upload.body().path("detail")
                    .asText("HTTP " + upload.status()));
        }
        return dm(account, participantId, Map.of("attachments", java.util.List.of(Map.of("media_id", mediaId))));
    }

    private String dm(SocialConfig.XAccount account, String participantId, Map<String, Object> message) {
        if (account.accessToken().isEmpty()) {
            throw new PlatformRefusedException("the X connection has no access token "
                    + "(tiski.social.x.<connection>.access-token)");
        }
        PlatformHttp.Answer answer = http.postJson("X", account.apiUrl() + "/2/dm_conversations/with/"
                + participantId + "/messages", account.accessToken(), message);
        if (answer.status() >= 400 || answer.body().path("data").path("dm_event_id").isMissingNode()) {
            String detail = answer.body().path("detail").asText(answer.body().path("title").asText("HTTP "
                    + answer.status()));
            throw new PlatformRefusedException("X refused the direct message: " + detail);
        }
        return answer.body().path("data").path("dm_event_id").asText();
    }
}
