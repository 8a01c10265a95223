package io.tiski.ticket.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is refused before any resource reads it, as the same
 * problem+json every other error is, saying what the limit is. (A chunked body without Content-Length that grows
 * past the limit is cut off by the HTTP layer itself, with a bare 413.)
 */
@ApplicationScoped
public class OversizeBodies {
    void install(@Observes Router router, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit)
            throws JsonProcessingException {
        long max = limit.asLongValue();
        String body = json.writeValueAsString(new Problem("about:blank", "Payload Too Large", 413,
                "The request body is larger than the limit of " + max + " bytes; send less (attachments go to the "
                        + "intake, not the agent API)", null, null));
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > max) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(body);
            } else {
                ctx.next();
            }
        });
    }
}
