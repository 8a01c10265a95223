package io.tiski.ticket.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads the web UI's session cookie. A request with a bearer token is left to the token mechanism; a cookie that
 * is unknown or expired makes the request anonymous (so that signing in again works), and the endpoint then
 * answers 401.
 */
@ApplicationScoped
public class SessionCookieAuthenticationMechanism implements HttpAuthenticationMechanism {
    public static final String COOKIE = "tiski_session";

    /** The request for an identity from a session cookie's value. */
    public static final class SessionRequest extends BaseAuthenticationRequest {
        private final String cookieValue;

        SessionRequest(String cookieValue) {
            this.cookieValue = cookieValue;
        }

        public String cookieValue() {
            return cookieValue;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (context.request().getHeader("Authorization") != null) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isBlank() || cookie.getValue().length() > 100) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(new SessionRequest(cookie.getValue()))
                .onFailure().recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (ApiTokenAuthenticationMechanism.singleSignOnPath(context)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"tiski\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY - 100;
    }
}
