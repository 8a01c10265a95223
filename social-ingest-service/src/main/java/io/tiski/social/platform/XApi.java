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
        if (account.accessToken().isEmpty()) {
            throw new PlatformRefusedException("the X connection has no access token "
                    + "(tiski.social.x.<connection>.access-token)");
        }
        PlatformHttp.Answer answer = http.postJson("X", account.apiUrl() + "/2/dm_conversations/with/"
                + participantId + "/messages", account.accessToken(), Map.of("text", text));
        if (answer.status() >= 400 || answer.body().path("data").path("dm_event_id").isMissingNode()) {
            String detail = answer.body().path("detail").asText(answer.body().path("title").asText("HTTP "
                    + answer.status()));
            throw new PlatformRefusedException("X refused the direct message: " + detail);
        }
        return answer.body().path("data").path("dm_event_id").asText();
    }
}
