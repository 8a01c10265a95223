package io.tiski.emailingest.rest;

import io.tiski.emailingest.config.IntakeConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The raw-MIME intake and the quarantine are for operators and mail systems only: they need the admin token
 * as a bearer token, compared in constant time.
 */
public class AdminAccess {
    private final IntakeConfig config;

    AdminAccess(IntakeConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Response requireAdminToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/v1/admin") && !path.startsWith("/api/v1/mail")) {
            return null;
        }
        String expected = config.adminToken().filter(t -> !t.isBlank()).orElse(null);
        String header = request.getHeaderString("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : null;
        if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            Response problem = Problem.response(401, "Unauthorized",
                    "This endpoint needs the operator token as 'Authorization: Bearer <token>'", null);
            return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer realm=\"tiski\"").build();
        }
        return null;
    }
}
