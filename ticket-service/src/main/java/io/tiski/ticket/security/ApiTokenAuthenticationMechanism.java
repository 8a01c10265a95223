package io.tiski.ticket.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <token>} for the API: Tiski's own API tokens. When single sign-on is on, a
 * JSON Web Token (three dot-separated parts) is left to the OpenID Connect mechanism, which runs after this one.
 */
@ApplicationScoped
public class ApiTokenAuthenticationMechanism implements HttpAuthenticationMechanism {
    private static final String PREFIX = "bearer ";
    private final boolean singleSignOn;

    ApiTokenAuthenticationMechanism(io.tiski.ticket.config.SecurityConfig config) {
        this.singleSignOn = config.oidc().enabled();
    }

    /** The request for the identity of a Tiski API token (not an OpenID Connect token). */
    public static final class ApiTokenRequest extends io.quarkus.security.identity.request.BaseAuthenticationRequest {
        private final String token;

        ApiTokenRequest(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2 && token.length() > 40;
    }

    /** The path where the UI signs in through the provider: its challenge is the provider's redirect. */
    static boolean singleSignOnPath(RoutingContext context) {
        return context.normalizedPath().startsWith(io.tiski.ticket.rest.SessionPaths.SINGLE_SIGN_ON);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization == null || authorization.length() <= PREFIX.length()
                || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        String token = authorization.substring(PREFIX.length()).trim();
        if (singleSignOn && looksLikeJwt(token)) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        return identityProviderManager.authenticate(new ApiTokenRequest(token));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (singleSignOn && singleSignOnPath(context)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"tiski\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
