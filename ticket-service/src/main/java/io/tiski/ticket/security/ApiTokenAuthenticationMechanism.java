package io.tiski.ticket.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Reads {@code Authorization: Bearer <token>} for the API. */
@ApplicationScoped
public class ApiTokenAuthenticationMechanism implements HttpAuthenticationMechanism {
    private static final String PREFIX = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization == null || authorization.length() <= PREFIX.length()
                || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        String token = authorization.substring(PREFIX.length()).trim();
        return identityProviderManager.authenticate(new TokenAuthenticationRequest(new TokenCredential(token,
                "bearer")));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"tiski\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
