package io.tiski.ticket.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiski.ticket.config.TicketConfig;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A body over {@code tiski.tickets.max-request-bytes} (an upload: over {@code max-attachment-bytes}) is refused
 * before any resource reads it, as the same problem+json every other error is, saying what the limit is. (A chunked
 * body without Content-Length is cut off by the HTTP layer at quarkus.http.limits.max-body-size, with a bare 413.)
 */
@ApplicationScoped
public class OversizeBodies {
    void install(@Observes Router router, ObjectMapper json, TicketConfig config) throws JsonProcessingException {
        long max = config.maxRequestBytes().asLongValue();
        long maxUpload = config.maxAttachmentBytes();
        String uploadBody = json.writeValueAsString(new Problem("about:blank", "Payload Too Large", 413,
                "A file may be at most " + maxUpload + " bytes", null, null));
        String body = json.writeValueAsString(new Problem("about:blank", "Payload Too Large", 413,
                "The request body is larger than the limit of " + max + " bytes; send less (attachments go to the "
                        + "upload endpoint /api/v1/attachments)", null, null));
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            boolean upload = ctx.request().path().equals(AttachmentResource.UPLOAD_PATH);
            long limitHere = upload ? maxUpload : max;
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limitHere) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(upload ? uploadBody : body);
            } else {
                ctx.next();
            }
        });
    }
}
