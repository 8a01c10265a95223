package io.tiski.social.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tiski.social.config.SocialConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts the webhook requests refused per client address (401, 403) in the current minute; past
 * tiski.social.refusals-per-minute, that address gets 429 with Retry-After on every webhook until the minute is
 * over. Signed requests are never counted, so the platforms are not slowed by someone else's guessing. Counters are
 * per instance. Behind an ingress, set TISKI_TRUST_PROXY so the address is the client's, not the ingress's.
 */
public class RefusedCallers {
    private static final String WEBHOOKS = "/api/v1/webhooks/";
    private final int limit;
    private final Cache<String, AtomicInteger> refusals = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    RefusedCallers(SocialConfig config) {
        this.limit = config.refusalsPerMinute();
    }

    @ServerRequestFilter
    public Response refuseFloods(ContainerRequestContext request, HttpServerRequest http) {
        if (!request.getUriInfo().getPath().startsWith(WEBHOOKS)) {
            return null;
        }
        AtomicInteger count = refusals.getIfPresent(address(http));
        if (count != null && count.get() >= limit) {
            return Response.fromResponse(Problem.response(429, "Too Many Requests", "Too many refused webhook "
                    + "requests from this address; try again in a minute")).header("Retry-After", "60").build();
        }
        return null;
    }

    @ServerResponseFilter
    public void countRefusals(ContainerRequestContext request, ContainerResponseContext response,
            HttpServerRequest http) {
        int status = response.getStatus();
        if ((status == 401 || status == 403) && request.getUriInfo().getPath().startsWith(WEBHOOKS)) {
            refusals.get(address(http), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
