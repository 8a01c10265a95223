package io.tiski.social.rest;

import io.tiski.social.domain.WebhookSignature;
import io.tiski.social.service.WebhookInbox;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The answers every webhook endpoint gives, the same for each platform. */
final class WebhookAnswers {
    private WebhookAnswers() {
    }

    /** 413 when the announced or actual size is over the limit, before the signature is even computed. */
    static Response tooLarge(Long contentLength, byte[] body, int max) {
        if ((contentLength != null && contentLength > max) || (body != null && body.length > max)) {
            return Problem.response(413, "Payload Too Large", "Webhook bodies are limited to " + max + " bytes");
        }
        return null;
    }

    /** 401 for no signature (or an unknown connection), 403 for a wrong one; null when it is valid. */
    static Response refused(WebhookSignature.Verdict verdict, String header) {
        return switch (verdict) {
            case VALID -> null;
            case MISSING -> Problem.response(401, "Unauthorized", "The request carries no " + header);
            case INVALID -> Problem.response(403, "Forbidden", "The " + header + " does not match the body");
        };
    }

    static Response unknownConnection() {
        // the same answer as for a missing signature: nothing to learn about which connections exist
        return Problem.response(401, "Unauthorized", "Unknown connection or missing signature");
    }

    static Response taken(WebhookInbox.Outcome outcome) {
        if (outcome == WebhookInbox.Outcome.REPLAYED) {
            return Problem.response(403, "Forbidden", "This exact signed request was received before; a replay is "
                    + "not taken in again");
        }
        return Response.ok(Map.of("result", outcome.name())).build();
    }
}
