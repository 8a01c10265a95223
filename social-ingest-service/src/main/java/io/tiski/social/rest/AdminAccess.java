package io.tiski.social.rest;

import io.tiski.social.config.SocialConfig;
import io.tiski.social.domain.WebhookSignature;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** The admin endpoints (connections, quarantine) need the operator token as a bearer token. */
public class AdminAccess {
    private final SocialConfig config;

    AdminAccess(SocialConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Response requireAdminToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/v1/admin")) {
            return null;
        }
        String header = request.getHeaderString("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : null;
        String expected = config.adminToken().filter(t -> !t.isBlank()).orElse(null);
        if (expected == null || WebhookSignature.checkSecret(expected, given) != WebhookSignature.Verdict.VALID) {
            return Response.fromResponse(Problem.response(401, "Unauthorized",
                    "This endpoint needs the operator token as 'Authorization: Bearer <token>'"))
                    .header("WWW-Authenticate", "Bearer realm=\"tiski\"").build();
        }
        return null;
    }
}
