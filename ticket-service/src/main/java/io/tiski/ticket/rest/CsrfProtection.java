package io.tiski.ticket.rest;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.tiski.ticket.security.Secrets;
import io.tiski.ticket.security.SessionIdentityProvider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Cross-site request forgery: a change made with the session cookie must carry the session's token in
 * {@code X-CSRF-Token} (the UI reads it from GET /api/v1/session; another site cannot). Calls with an API token
 * carry no cookie and need none. The cookie is also SameSite=Strict, so this is the second of two locks.
 */
public class CsrfProtection {
    public static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final CurrentIdentityAssociation identities;

    CsrfProtection(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter
    public Optional<Response> requireToken(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return Optional.empty();
        }
        SecurityIdentity identity = identities.getIdentity();
        String expected = identity == null ? null : identity.getAttribute(SessionIdentityProvider.CSRF_TOKEN);
        if (expected == null || Secrets.equal(expected, request.getHeaderString(HEADER))) {
            return Optional.empty();
        }
        return Optional.of(Problem.response(403, "Forbidden", "A change made with the session cookie needs the "
                + "session's token in the " + HEADER + " header; read it from GET /api/v1/session.", null));
    }
}
