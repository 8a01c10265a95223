package io.tiski.ticket.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tiski.ticket.config.SecurityConfig;
import io.tiski.ticket.repository.AgentAccount;
import io.tiski.ticket.repository.AgentSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns a session cookie into the signed-in account, with the account's current role (a role change or a disabled
 * account takes effect on the next request). The session ends when unused for the idle timeout or at its maximum
 * age.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionCookieAuthenticationMechanism.SessionRequest> {
    /** Attribute of a session identity: the CSRF token its changes must carry. */
    public static final String CSRF_TOKEN = "tiski.csrf";
    /** Attribute of a session identity: the digest of its cookie, to sign out. */
    public static final String SESSION = "tiski.session";
    /** Attribute of a session identity: when the session ends at the latest. */
    public static final String EXPIRES_AT = "tiski.session.expires";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final SecurityConfig config;

    SessionIdentityProvider(SecurityConfig config) {
        this.config = config;
    }

    @Override
    public Class<SessionCookieAuthenticationMechanism.SessionRequest> getRequestType() {
        return SessionCookieAuthenticationMechanism.SessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionCookieAuthenticationMechanism.SessionRequest request,
            AuthenticationRequestContext context) {
        String digest = TokenDigest.sha256(request.cookieValue());
        return context.runBlocking(() -> QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            AgentSession session = AgentSession.findById(digest);
            if (session == null || session.expiresAt.isBefore(now)
                    || session.lastSeenAt.plus(config.session().idleTimeout()).isBefore(now)) {
                throw new AuthenticationFailedException("unknown or expired session");
            }
            AgentAccount account = AgentAccount.findById(session.username);
            if (account == null || account.disabled()) {
                session.delete();
                throw new AuthenticationFailedException("the account is disabled");
            }
            if (session.lastSeenAt.plus(TOUCH_EVERY).isBefore(now)) {
                session.lastSeenAt = now;
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(account.username))
                    .addRole(account.role).addAttribute(CSRF_TOKEN, session.csrfToken)
                    .addAttribute(SESSION, digest).addAttribute(EXPIRES_AT, session.expiresAt).build();
        }));
    }
}
