package io.tiski.ticket.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tiski.ticket.repository.AgentAccount;
import io.tiski.ticket.repository.ApiToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns an API token into the agent it belongs to, if the token is known, unexpired and not revoked. A personal
 * token acts with the lower of its own role and its account's current role, and stops working when the account is
 * disabled.
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenAuthenticationMechanism.ApiTokenRequest> {
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(5);

    @Override
    public Class<ApiTokenAuthenticationMechanism.ApiTokenRequest> getRequestType() {
        return ApiTokenAuthenticationMechanism.ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenAuthenticationMechanism.ApiTokenRequest request,
            AuthenticationRequestContext context) {
        String digest = TokenDigest.sha256(request.token());
        return context.runBlocking(() -> QuarkusTransaction.requiringNew().call(() -> {
            ApiToken token = ApiToken.<ApiToken>find("tokenSha256", digest).firstResult();
            Instant now = Instant.now();
            if (token == null || token.revokedAt != null || (token.expiresAt != null && token.expiresAt.isBefore(now))) {
                throw new AuthenticationFailedException("unknown, expired or revoked API token");
            }
            String role = token.role;
            AgentAccount account = AgentAccount.findById(token.agentName);
            if (account != null) {
                if (account.disabled()) {
                    throw new AuthenticationFailedException("the token's account is disabled");
                }
                role = Roles.lower(role, account.role);
            }
            if (token.lastUsedAt == null || token.lastUsedAt.plus(TOUCH_EVERY).isBefore(now)) {
                token.lastUsedAt = now;
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(token.agentName))
                    .addRole(role).addAttribute("tokenName", token.name).build();
        }));
    }
}
